// One marked extension for wikilinks, embeds, tags and `%%` comments, shared
// by the renderer and the exporter so that what the parser calls a link is
// what the reader shows as one. Where a link leads is decided by the hooks.

import type { MarkedExtension, Tokens } from 'marked';
import { parseWikilinkInner } from './links';
import { scanMarkdown } from './markdown-regions';
import { isImagePath } from './paths';
import { isValidTag, TAG_BODY_CLASS, TAG_MAY_FOLLOW_CLASS } from './tags';

export interface WikilinkRef {
  target: string;
  heading?: string;
  block?: string;
  alias?: string;
  embed: boolean;
  /** The link as written, e.g. `![[photo.png|300]]`. */
  raw: string;
}

export interface WikilinkHooks {
  /** Where a link goes; null renders it as the literal text written. */
  link(link: WikilinkRef): { href: string; className: string; text?: string } | null;
  /** Where a tag goes; null renders it as plain text. */
  tag(tag: string): { href: string; className: string } | null;
}

const WIKILINK = /^(!?)\[\[([^[\]\r\n]+)\]\]/;
const WIKILINK_START = /!?\[\[/;
// The same rules as tags.ts: `#` at the start or after whitespace / punctuation.
const TAG = new RegExp(`^#(${TAG_BODY_CLASS}+)`, 'u');
const TAG_START = new RegExp(`(?<!${TAG_MAY_FOLLOW_CLASS.replace('[', '[^')})#${TAG_BODY_CLASS}`, 'u');
const TAG_MAY_FOLLOW = new RegExp(TAG_MAY_FOLLOW_CLASS, 'u');

interface WikilinkToken extends Tokens.Generic {
  type: 'wikilink';
  raw: string;
  ref: WikilinkRef;
}

interface TagToken extends Tokens.Generic {
  type: 'tag';
  raw: string;
  tag: string;
}

export function wikilinkExtension(hooks: WikilinkHooks): MarkedExtension {
  return {
    hooks: {
      preprocess: stripObsidianComments,
    },
    extensions: [
      {
        name: 'wikilink',
        level: 'inline',
        start(src) {
          const m = WIKILINK_START.exec(src);
          return m ? m.index : undefined;
        },
        tokenizer(src): WikilinkToken | undefined {
          // A wikilink inside a Markdown link's text would nest <a> in <a>.
          if (this.lexer.state.inLink) return undefined;
          const m = WIKILINK.exec(src);
          if (!m) return undefined;
          const parts = parseWikilinkInner(m[2]);
          if (parts.target === '' && parts.heading === undefined && parts.block === undefined) return undefined;
          return { type: 'wikilink', raw: m[0], ref: { ...parts, embed: m[1] === '!', raw: m[0] } };
        },
        renderer(token) {
          return renderWikilink((token as WikilinkToken).ref, hooks);
        },
      },
      {
        name: 'tag',
        level: 'inline',
        start(src) {
          const m = TAG_START.exec(src);
          return m ? m.index : undefined;
        },
        tokenizer(src, tokens): TagToken | undefined {
          if (this.lexer.state.inLink) return undefined;
          const m = TAG.exec(src);
          if (!m) return undefined;
          const before = tokens.length > 0 ? (tokens[tokens.length - 1].raw ?? '').slice(-1) : '';
          if (before !== '' && !TAG_MAY_FOLLOW.test(before)) return undefined;
          const tag = m[1].replace(/\/+$/, '');
          if (!isValidTag(tag)) return undefined;
          return { type: 'tag', raw: `#${tag}`, tag };
        },
        renderer(token) {
          const tag = (token as TagToken).tag;
          const target = hooks.tag(tag);
          if (!target) return escapeHtml(`#${tag}`);
          return `<a href="${escapeHtml(target.href)}" class="${escapeHtml(target.className)}" data-tag="${escapeHtml(tag)}">#${escapeHtml(tag)}</a>`;
        },
      },
    ],
  };
}

/** Removes Obsidian `%%…%%` comments outside code, exactly where the note parser finds them. */
export function stripObsidianComments(markdown: string): string {
  if (!markdown.includes('%%')) return markdown;
  const comments = scanMarkdown(markdown, 0).obsidianComments;
  let out = '';
  let from = 0;
  for (let i = 0; i < comments.length; i += 2) {
    out += markdown.slice(from, comments[i]);
    from = comments[i + 1];
  }
  return out + markdown.slice(from);
}

/** What a link shows when it has no alias: `T`, `T > Heading`, `T > ^block`. */
export function defaultLinkText(ref: Pick<WikilinkRef, 'target' | 'heading' | 'block' | 'alias'>): string {
  if (ref.alias) return ref.alias;
  const parts = [ref.target];
  if (ref.heading !== undefined) parts.push(...ref.heading.split('#'));
  if (ref.block !== undefined) parts.push(`^${ref.block}`);
  return parts.filter((p) => p !== '').join(' > ');
}

function renderWikilink(ref: WikilinkRef, hooks: WikilinkHooks): string {
  const target = hooks.link(ref);
  if (!target) return escapeHtml(ref.raw);
  const data =
    ` data-target="${escapeHtml(ref.target)}"` +
    (ref.heading !== undefined ? ` data-heading="${escapeHtml(ref.heading)}"` : '') +
    (ref.block !== undefined ? ` data-block="${escapeHtml(ref.block)}"` : '');
  if (ref.embed && isImagePath(ref.target)) {
    // `![[photo.png|300]]` and `![[photo.png|300x200]]` set the size, as in Obsidian.
    const size = /^(\d+)(?:x(\d+))?$/.exec(ref.alias ?? '');
    const alt = size ? ref.target : (ref.alias ?? ref.target);
    const dims = size ? ` width="${size[1]}"${size[2] ? ` height="${size[2]}"` : ''}` : '';
    return `<img src="${escapeHtml(target.href)}" alt="${escapeHtml(alt)}" class="${escapeHtml(target.className)}"${data}${dims}>`;
  }
  const text = escapeHtml(target.text ?? defaultLinkText(ref));
  if (ref.embed) {
    // A placeholder the renderer fills with the embedded note.
    return `<a href="${escapeHtml(target.href)}" class="embed ${escapeHtml(target.className)}"${data} data-embed="note">${text}</a>`;
  }
  return `<a href="${escapeHtml(target.href)}" class="${escapeHtml(target.className)}"${data}>${text}</a>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
