// Nodes and edges for the graph view: every note, unresolved names and
// concepts that gather several notes; a local graph is a breadth-first
// neighbourhood of one node in both directions. The whole graph and its
// adjacency are built once per graph version: the link panel asks for a
// local graph each time a note is shown.

import type { GraphData, GraphEdge, GraphNode } from './api';
import type { LinkGraph } from './graph';
import type { ConceptSummary, Resolution } from './model';

const CONCEPT_PREFIX = 'concept:';
const UNRESOLVED_PREFIX = 'unresolved:';

interface Built {
  version: number;
  data: GraphData;
  neighbours: Map<string, Set<string>>;
  /** Position of each node in `data.nodes`, and of each node's edges in `data.edges`. */
  nodeIndex: Map<string, number>;
  edgesOf: Map<string, number[]>;
}

const built = new WeakMap<LinkGraph, Built>();

function build(graph: LinkGraph): Built {
  const cached = built.get(graph);
  if (cached?.version === graph.version) return cached;

  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const concepts = new Map<string, ConceptSummary | undefined>();
  const conceptOf = (key: string) => {
    if (!concepts.has(key)) concepts.set(key, graph.concept(key));
    return concepts.get(key);
  };
  const nodeIdOf = (resolution: Resolution): string | null => {
    switch (resolution.kind) {
      case 'note':
        return resolution.id;
      case 'concept': {
        // A concept carried by one note is that note: no separate node for it.
        const notes = conceptOf(resolution.key)?.notes ?? [];
        return notes.length === 1 ? notes[0] : CONCEPT_PREFIX + resolution.key;
      }
      case 'unresolved':
        return UNRESOLVED_PREFIX + resolution.key;
      case 'attachment':
        return null;
    }
  };
  const addEdge = (source: string, target: string) => {
    if (source !== target) edges.set(`${source}\u0000${target}`, { source, target });
  };

  for (const note of graph.notes()) {
    nodes.set(note.id, { id: note.id, label: note.title, kind: 'note', date: note.date });
  }
  for (const note of graph.notes()) {
    for (const { resolution, link } of graph.outgoing(note.id)) {
      const target = nodeIdOf(resolution);
      if (!target) continue;
      if (!nodes.has(target)) {
        const kind = resolution.kind === 'unresolved' ? 'unresolved' : 'concept';
        const label = resolution.kind === 'concept' ? conceptOf(resolution.key)?.name ?? link.target : link.target;
        nodes.set(target, { id: target, label, kind, date: null });
      }
      addEdge(note.id, target);
    }
  }
  // A concept node joins the dated notes that carry it.
  for (const node of [...nodes.values()]) {
    if (node.kind !== 'concept') continue;
    for (const id of conceptOf(node.id.slice(CONCEPT_PREFIX.length))?.notes ?? []) addEdge(node.id, id);
  }

  const data = { nodes: [...nodes.values()], edges: [...edges.values()] };
  const neighbours = new Map<string, Set<string>>();
  const edgesOf = new Map<string, number[]>();
  const link = (a: string, b: string, edge: number) => {
    let set = neighbours.get(a);
    if (!set) neighbours.set(a, (set = new Set()));
    set.add(b);
    let list = edgesOf.get(a);
    if (!list) edgesOf.set(a, (list = []));
    list.push(edge);
  };
  data.edges.forEach((e, i) => {
    link(e.source, e.target, i);
    link(e.target, e.source, i);
  });
  const nodeIndex = new Map(data.nodes.map((n, i) => [n.id, i]));
  const result = { version: graph.version, data, neighbours, nodeIndex, edgesOf };
  built.set(graph, result);
  return result;
}

/** The whole graph: notes, concepts (linked to their notes) and unresolved names. */
export function fullGraph(graph: LinkGraph): GraphData {
  return build(graph).data;
}

/** The neighbourhood of `center` (a note id or `concept:key`) up to `depth` hops. */
export function localGraph(graph: LinkGraph, center: string, depth = 1): GraphData {
  const { data, neighbours, nodeIndex, edgesOf } = build(graph);
  const keep = new Set([center]);
  let frontier = [center];
  for (let hop = 0; hop < depth; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of neighbours.get(id) ?? []) {
        if (!keep.has(n)) {
          keep.add(n);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  // Only the neighbourhood is visited; the order is the whole graph's.
  const nodes = [...keep].flatMap((id) => nodeIndex.get(id) ?? []).sort((a, b) => a - b);
  const edges = new Set<number>();
  for (const id of keep) {
    for (const i of edgesOf.get(id) ?? []) {
      const e = data.edges[i];
      if (keep.has(e.source) && keep.has(e.target)) edges.add(i);
    }
  }
  return {
    nodes: nodes.map((i) => data.nodes[i]),
    edges: [...edges].sort((a, b) => a - b).map((i) => data.edges[i]),
  };
}
