// Where each blog engine wants its files and how a page links to another page
// or to an image, so that links work in the *built* site, not only in the
// Markdown. What `--out` points at differs by engine (see README, "Export"):
//
//   hugo    out = a content section, e.g. site/content/posts
//           <slug>/index.md, a leaf bundle: its images sit beside it
//           (<slug>/<file>) and are published with the page; a link to
//           another note is `../<other-slug>/` (Hugo's default permalinks).
//   jekyll  out = the site root
//           _posts/YYYY-MM-DD-<slug>.md (undated notes: notes/<slug>.md, a page),
//           files under assets/; links are Jekyll 4 `{% link %}` tags, which
//           follow any permalink setting and fail the build if they break.
//   astro   out = the project root
//           src/content/blog/<slug>.md, images under src/content/blog/assets/
//           (optimised by Astro), other files under public/attachments/;
//           a link to another note is `../<other-slug>/` (/blog/<slug>/ routes).
//   plain   out = any folder
//           <slug>.md and assets/<file>; links are relative `.md` files.

import type { IsoDate, NoteId } from '../model';
import type { Preset } from './types';

/** A bundle file holding every file's sha256; dot-named so Hugo, Jekyll and Astro do not publish it. */
export const LOCK_FILE = '.bundle.lock.json';

export interface PageRef {
  id: NoteId;
  slug: string;
  date: IsoDate | null;
}

export interface PresetLayout {
  preset: Preset;
  /** The note's file, relative to the bundle root. */
  notePath(page: PageRef): string;
  /** What `from` writes to link to `to`'s page (no fragment). */
  noteHref(from: PageRef, to: PageRef): string;
  /** Where a file copied for the page `owner` goes. */
  attachmentPath(owner: PageRef, name: string, image: boolean): string;
  /** What `owner` writes to reach that copy. */
  attachmentHref(owner: PageRef, name: string, image: boolean): string;
  /** Jekyll runs Liquid over posts: note text holding `{{` or `{%` must be protected. */
  liquid: boolean;
  /** Hugo gives `aliases` a meaning of its own (URL redirects): note aliases go under this key. */
  aliasesKey: string;
  /** Astro's blog starter reads `pubDate`. */
  pubDate: boolean;
}

function jekyllPostPath(page: PageRef): string {
  return page.date ? `_posts/${page.date}-${page.slug}.md` : `notes/${page.slug}.md`;
}

const hugo: PresetLayout = {
  preset: 'hugo',
  notePath: (page) => `${page.slug}/index.md`,
  noteHref: (from, to) => (from.id === to.id ? '' : `../${to.slug}/`),
  attachmentPath: (owner, name) => `${owner.slug}/${name}`,
  attachmentHref: (_owner, name) => name,
  liquid: false,
  aliasesKey: 'note_aliases',
  pubDate: false,
};

const jekyll: PresetLayout = {
  preset: 'jekyll',
  notePath: jekyllPostPath,
  noteHref: (from, to) => (from.id === to.id ? '' : `{% link ${jekyllPostPath(to)} %}`),
  attachmentPath: (_owner, name) => `assets/${name}`,
  attachmentHref: (_owner, name) => `{% link assets/${name} %}`,
  liquid: true,
  aliasesKey: 'aliases',
  pubDate: false,
};

const astro: PresetLayout = {
  preset: 'astro',
  notePath: (page) => `src/content/blog/${page.slug}.md`,
  noteHref: (from, to) => (from.id === to.id ? '' : `../${to.slug}/`),
  attachmentPath: (_owner, name, image) => (image ? `src/content/blog/assets/${name}` : `public/attachments/${name}`),
  attachmentHref: (_owner, name, image) => (image ? `./assets/${name}` : `/attachments/${name}`),
  liquid: false,
  aliasesKey: 'aliases',
  pubDate: true,
};

const plain: PresetLayout = {
  preset: 'plain',
  notePath: (page) => `${page.slug}.md`,
  noteHref: (from, to) => (from.id === to.id ? '' : `${to.slug}.md`),
  attachmentPath: (_owner, name) => `assets/${name}`,
  attachmentHref: (_owner, name) => `assets/${name}`,
  liquid: false,
  aliasesKey: 'aliases',
  pubDate: false,
};

const LAYOUTS: Record<Preset, PresetLayout> = { hugo, jekyll, astro, plain };

export function presetLayout(preset: Preset): PresetLayout {
  const layout = LAYOUTS[preset];
  if (!layout) throw new Error(`Unknown export preset "${preset}"; use hugo, jekyll, astro or plain`);
  return layout;
}
