// The front matter fast path must give exactly what the full YAML parser
// (core schema) gives, or decline (null) so the full parser runs. Checked on
// a table of forms, on thousands of generated combinations, and through
// readFrontmatter, whose result must not depend on which path ran.

import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readFrontmatter } from '../../electron/core/frontmatter';
import { readSimpleYaml } from '../../electron/core/simple-yaml';

/** What the full parser reads, or 'error' when it reports any error. */
function fullParse(yaml: string): unknown {
  const doc = parseDocument(yaml, { schema: 'core', uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length > 0) return 'error';
  return doc.toJS({ maxAliasCount: 100 });
}

describe('readSimpleYaml reads the simple subset exactly as yaml does', () => {
  const accepted: string[] = [
    'title: "Nix flakes"\n',
    "title: 'Nix: a note # not a comment'\n",
    'title: "Nix: a note # not a comment"\n',
    'title: Plain words, with commas (and parens)\n',
    "title: Rock 'n' roll\n",
    'title: Ünïcödé wörds 日本語\n',
    'title: trailing spaces   \n',
    'title:   leading spaces\n',
    'date: 2025-01-02\n',
    'date: 2025-13-45\n',
    'tags: [nix, nixos]\n',
    'tags: [ nix , "home manager", \'a: b\' ]\n',
    'tags: [nix,nixos]\n',
    'tags: []\n',
    'tags: [ ]\n',
    'tags: [nix/flakes, dev-shells, a.b]\n',
    'tags:\n  - nix\n  - nixos\n',
    'tags:\n- nix\n- "quoted item"\n',
    'tags:\n  - nix\n\n  - after a blank line\n',
    'tags:\n',
    'tags:\n\ntitle: x\n',
    'title: x\r\ntags: [a, b]\r\n',
    'title: ""\n',
    "title: ''\n",
    'yes: no\non: off\n',
    'title: x\n\n\nother_key-2: y\n',
    'aliases: ["Nix language", Nix lang]\ntitle: "A"\ntags: [a]\n',
    'title: "emoji 🚀 ok"\n',
  ];
  it.each(accepted)('%j', (yaml) => {
    const simple = readSimpleYaml(yaml);
    expect(simple).not.toBeNull();
    expect(simple).toEqual(fullParse(yaml));
    // Same key order, too: front matter is shown as written.
    expect(Object.keys(simple!)).toEqual(Object.keys(fullParse(yaml) as object));
  });

  const declined: string[] = [
    '# a comment\ntitle: x\n',
    'title: x # trailing comment\n',
    'count: 3\n',
    'ratio: 1.5\n',
    'flag: true\n',
    'nothing: null\n',
    'nothing: ~\n',
    'inf: .inf\n',
    'title: "escaped \\" quote"\n',
    "title: 'it''s'\n",
    'title: x\ntitle: y\n',
    'true: x\n',
    '__proto__: x\n',
    'title: a:b\n',
    'title:\tx\n',
    'nested:\n  a: 1\n',
    'title: multi\n  line\n',
    'tags:\n  - a\n    - b\n',
    'tags:\n  - a\n - b\n',
    'tags:\n  - [a]\n',
    'tags:\n  -\n',
    'tags: [a, [b]]\n',
    'tags: [a, b,]\n',
    'tags: {a: 1}\n',
    'tags: [a, "b, c"]\n',
    'tags: [a] # c\n',
    'title: &anchor x\n',
    'title: *alias\n',
    'title: !tag x\n',
    'title: |\n  block\n',
    '  title: indented\n',
    'my key: spaced key\n',
    'title: -dash first\n',
    'title: 2025-01-02T10:00\n',
    'title: "\u0085"\n',
    'list:\n- a\ntitle: x\n- b\n',
    'title: x\rtags: [a]\r',
  ];
  it.each(declined)('declines %j', (yaml) => {
    expect(readSimpleYaml(yaml)).toBeNull();
  });

  it('never disagrees with yaml on generated combinations', () => {
    const keys = ['title', 'tags', 'aliases', 'date', 'x', 'true', 'title'];
    const values = [
      '"Q"', "'S'", 'plain', 'two words', 'a:b', '3', '2024-02-29', '[a, b]', '[]', '[a, "b c"]', '["x, y"]',
      'null', 'True', '', '"with # hash"', "'x'y", 'x #c', '[a, [b]]', 'Ärger', '-x', '(x)',
    ];
    const items = ['  - a', '- b', '  - "c d"', '    - e', '  - 1', '  -', ''];
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let accepted = 0;
    for (let round = 0; round < 3000; round++) {
      const lines: string[] = [];
      const count = 1 + next(4);
      for (let l = 0; l < count; l++) {
        lines.push(`${keys[next(keys.length)]}:${next(5) === 0 ? '' : ' '}${values[next(values.length)]}`);
        if (next(3) === 0) for (let k = next(3); k >= 0; k--) lines.push(items[next(items.length)]);
      }
      const yaml = lines.join('\n') + '\n';
      const simple = readSimpleYaml(yaml);
      if (simple === null) continue;
      accepted++;
      expect(simple, yaml).toEqual(fullParse(yaml));
    }
    expect(accepted).toBeGreaterThan(300);
  });
});

describe('readFrontmatter gives the same result on either path', () => {
  it.each([
    '---\ntitle: "A"\ntags: [a, b]\n---\nBody',
    '---\r\ntitle: A\r\naliases:\r\n  - B\r\n---\r\nBody',
    '---\ndate: 2025-01-02\n...\nBody',
  ])('%j', (source) => {
    const front = readFrontmatter(source);
    expect(front.warnings).toEqual([]);
    expect(front.data).toEqual(fullParse(front.yaml));
  });
});
