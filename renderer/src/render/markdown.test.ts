// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import type { OutgoingLink } from '../../../electron/core/api';
import { renderMarkdown, rewriteRelativeUrls, stripFrontMatter } from './markdown';
import { sanitizeHtml } from './sanitize';

function render(source: string, outgoing: OutgoingLink[] = [], noteId = 'Note.md'): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = renderMarkdown(source, { outgoing, noteId });
  rewriteRelativeUrls(div, { outgoing, noteId });
  return div;
}

const link = (raw: string, resolution: OutgoingLink['resolution'], extra: Partial<OutgoingLink> = {}): OutgoingLink => ({
  raw,
  target: raw,
  line: 1,
  resolution,
  label: '',
  ...extra,
});

describe('sanitizeHtml', () => {
  test.each([
    ['<script>alert(1)</script>x', 'script'],
    ['<img src=x onerror=alert(1)>', '[onerror]'],
    ['<iframe src="https://example.org"></iframe>', 'iframe'],
    ['<object data="x"></object>', 'object'],
    ['<embed src="x">', 'embed'],
    ['<form><button>go</button></form>', 'form, button'],
    ['<a href="javascript:alert(1)">x</a>', 'a[href]'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', 'a[href]'],
    ['<div style="background:url(javascript:alert(1))">x</div>', '[style]'],
    ['<svg onload=alert(1)></svg>', 'svg'],
    ['<input type="text" value="x">', 'input'],
    ['<style>body{display:none}</style>', 'style'],
    ['<base href="https://evil.example/">', 'base'],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example">', 'meta'],
  ])('%s loses %s', (html, selector) => {
    const div = document.createElement('div');
    div.innerHTML = sanitizeHtml(html);
    expect(div.querySelector(selector)).toBeNull();
  });

  test('external links open outside, without an opener or a referrer', () => {
    const div = document.createElement('div');
    div.innerHTML = sanitizeHtml('<a href="https://example.org">x</a><a href="#/note/a.md">y</a>');
    const [outside, inside] = div.querySelectorAll('a');
    expect(outside.getAttribute('target')).toBe('_blank');
    expect(outside.getAttribute('rel')).toBe('noopener noreferrer');
    expect(inside.hasAttribute('target')).toBe(false);
  });

  test('data attributes and harmless styles stay', () => {
    const div = document.createElement('div');
    div.innerHTML = sanitizeHtml('<span data-target="x" style="color: red">y</span>');
    expect(div.querySelector('span')?.dataset.target).toBe('x');
    expect(div.querySelector('span')?.getAttribute('style')).toBe('color: red');
  });
});

describe('renderMarkdown', () => {
  test('wikilinks go where the service resolved them; unresolved ones look different', () => {
    const div = render('See [[Nix|the Nix]], [[NixOS#Install]], [[Flakes]] and [[Nowhere]].', [
      link('[[Nix|the Nix]]', { kind: 'note', id: 'Nix.md' }),
      link('[[NixOS#Install]]', { kind: 'note', id: '2025/02JAN25 - NixOS.md' }, { heading: 'Install' }),
      link('[[Flakes]]', { kind: 'concept', key: 'flakes' }),
      link('[[Nowhere]]', { kind: 'unresolved', key: 'nowhere', name: 'Nowhere' }),
    ]);
    const anchors = [...div.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.className]);
    expect(anchors).toEqual([
      ['the Nix', '#/note/Nix.md', 'wikilink'],
      ['NixOS > Install', '#/note/2025%2F02JAN25%20-%20NixOS.md?h=Install', 'wikilink'],
      ['Flakes', '#/concept/flakes', 'wikilink concept-link'],
      ['Nowhere', '#/concept/nowhere', 'wikilink unresolved'],
    ]);
  });

  test('tags link to a search; links in code stay code', () => {
    const div = render('A #nix/flakes note.\n\n```\n[[not a link]] #nope\n```\n');
    expect(div.querySelector('a.tag')?.getAttribute('href')).toBe('#/tag/nix%2Fflakes');
    expect(div.querySelector('pre')?.textContent).toContain('[[not a link]]');
    expect(div.querySelectorAll('a')).toHaveLength(1);
  });

  test('image embeds load from /files; note embeds leave a placeholder', () => {
    const div = render('![[photo.png]]\n\n![[Nix]]', [
      link('![[photo.png]]', { kind: 'attachment', path: 'attachments/photo.png', exists: true }),
      link('![[Nix]]', { kind: 'note', id: 'Nix.md' }),
    ]);
    expect(div.querySelector('img')?.getAttribute('src')).toBe('/files/attachments/photo.png');
    expect(div.querySelector('a.embed-note')?.getAttribute('href')).toBe('#/note/Nix.md');
  });

  test('relative Markdown links and images point into the notebook', () => {
    const div = render('[the lock file](2025-01-09%20Flakes.md) and ![plot](../attachments/a%20b.png)', [
      link('[the lock file](2025-01-09%20Flakes.md)', { kind: 'note', id: '2025/2025-01-09 Flakes.md' }, { target: '2025-01-09 Flakes.md' }),
    ], '2025/Note.md');
    expect(div.querySelector('a')?.getAttribute('href')).toBe('#/note/2025%2F2025-01-09%20Flakes.md');
    expect(div.querySelector('img')?.getAttribute('src')).toBe('/files/attachments/a%20b.png');
  });

  // OutgoingLink.target is what core's parser gives: unwrapped and percent-decoded.
  test.each([
    ['[x](<My Note.md>)'],
    ['[x](My%20Note.md)'],
  ])('%s opens the note it resolves to', (raw) => {
    const div = render(`See ${raw}.`, [link(raw, { kind: 'note', id: 'notes/My Note.md' }, { target: 'My Note.md', alias: 'x' })], 'notes/Index.md');
    expect(div.querySelector('a')?.getAttribute('href')).toBe('#/note/notes%2FMy%20Note.md');
    expect(div.querySelector('a')?.className).toBe('wikilink');
  });

  test('a Markdown link keeps its own heading when two links share a target', () => {
    const div = render('[a](Nix.md#Install) and [b](Nix.md#Use)', [
      link('[a](Nix.md#Install)', { kind: 'note', id: 'Nix.md' }, { target: 'Nix.md', heading: 'Install' }),
      link('[b](Nix.md#Use)', { kind: 'note', id: 'Nix.md' }, { target: 'Nix.md', heading: 'Use' }),
    ]);
    expect([...div.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['#/note/Nix.md?h=Install', '#/note/Nix.md?h=Use']);
  });

  test('front matter is not shown; headings sit below the page title', () => {
    const div = render('---\ntitle: X\n---\n# One\n## Two\n');
    expect(stripFrontMatter('---\na: 1\n---\nbody')).toBe('body');
    expect([...div.querySelectorAll('h1, h2, h3')].map((h) => h.tagName)).toEqual(['H2', 'H3']);
  });

  test('an alias holding HTML is text', () => {
    const div = render('[[Nix|<img src=x onerror=alert(1)>]]', [link('[[Nix|<img src=x onerror=alert(1)>]]', { kind: 'note', id: 'Nix.md' })]);
    expect(div.querySelector('img')).toBeNull();
    expect(div.querySelector('a')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
