import { describe, expect, it } from 'vitest';
import { quickSwitch } from '../../electron/core/quick-switch';
import { graphOf, parseNote } from './support/graph-of';

describe('quick switch', () => {
  const files = {
    'NixOS.md': '---\naliases: [Nix OS]\n---\nSee [[Cachix]].\n',
    '2025/02JAN25 - NixOS.md': 'First.\n',
    'Home Manager.md': 'hm\n',
  };

  it('finds notes by name and alias, concepts of several notes, and unresolved names', () => {
    const graph = graphOf(files);
    const hits = quickSwitch(graph, 'nixos');
    expect(hits[0]).toMatchObject({ kind: 'concept', target: 'nixos' });
    expect(hits.filter((h) => h.kind === 'note').map((h) => h.target).sort()).toEqual(['2025/02JAN25 - NixOS.md', 'NixOS.md']);
    expect(quickSwitch(graph, 'hm')[0]).toMatchObject({ kind: 'note', target: 'Home Manager.md' });
    expect(quickSwitch(graph, 'cach')[0]).toMatchObject({ kind: 'unresolved', target: 'cachix' });
  });

  it('answers from the notebook as it is now: a note added or removed shows at once', () => {
    const graph = graphOf(files);
    expect(quickSwitch(graph, 'flakes')).toEqual([]);
    graph.upsert(parseNote('Flakes.md', 'new\n'));
    expect(quickSwitch(graph, 'flakes').map((h) => h.target)).toEqual(['Flakes.md']);
    graph.remove('Flakes.md');
    expect(quickSwitch(graph, 'flakes')).toEqual([]);
  });
});
