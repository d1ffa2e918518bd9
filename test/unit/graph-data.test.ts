import { describe, expect, it } from 'vitest';
import { fullGraph, localGraph } from '../../electron/core/graph-data';
import { graphOf, parseNote } from './support/graph-of';

const files = {
  'Nix.md': '# Nix\n[[NixOS]] and [[Flakes]].\n',
  'NixOS.md': 'Built on [[Nix]]. [[Cachix]] later.\n',
  '2025/02JAN25 - Flakes.md': 'First look.\n',
  '2025/2025-01-09 Flakes.md': 'Second look, see [[Home Manager]].\n',
  'Home Manager.md': '---\naliases: [hm]\n---\nUses [[Nix]].\n',
  'Far.md': 'Links to [[Home Manager]] only.\n',
};

describe('graph data', () => {
  it('a concept with several notes is a node joined to them; one unresolved name is a node', () => {
    const data = fullGraph(graphOf(files));
    expect(data.nodes.find((n) => n.id === 'concept:flakes')).toMatchObject({ kind: 'concept', label: 'Flakes' });
    expect(data.edges).toContainEqual({ source: 'concept:flakes', target: '2025/02JAN25 - Flakes.md' });
    expect(data.nodes.find((n) => n.id === 'unresolved:cachix')).toMatchObject({ kind: 'unresolved' });
  });

  it('the local graph holds exactly the nodes within depth hops, with the edges among them', () => {
    const graph = graphOf(files);
    const local = localGraph(graph, 'NixOS.md', 1);
    expect(local.nodes.map((n) => n.id).sort()).toEqual(['Nix.md', 'NixOS.md', 'unresolved:cachix']);
    expect(local.edges).toEqual(
      fullGraph(graph).edges.filter((e) => ['Nix.md', 'NixOS.md', 'unresolved:cachix'].includes(e.source) && ['Nix.md', 'NixOS.md', 'unresolved:cachix'].includes(e.target)),
    );
    const two = localGraph(graph, 'NixOS.md', 2);
    expect(two.nodes.map((n) => n.id)).toContain('concept:flakes');
    expect(two.nodes.map((n) => n.id)).not.toContain('Far.md');
  });

  it('follows changes to the notebook: a new link shows in the next answer', () => {
    const graph = graphOf(files);
    expect(localGraph(graph, 'Far.md').nodes.map((n) => n.id).sort()).toEqual(['Far.md', 'Home Manager.md']);
    graph.upsert(parseNote('Far.md', 'Links to [[Home Manager]] and [[NixOS]].\n'));
    expect(localGraph(graph, 'Far.md').nodes.map((n) => n.id).sort()).toEqual(['Far.md', 'Home Manager.md', 'NixOS.md']);
    graph.remove('Far.md');
    expect(fullGraph(graph).nodes.map((n) => n.id)).not.toContain('Far.md');
  });
});
