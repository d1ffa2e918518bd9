// Nodes and edges for the graph view: every note, unresolved names and
// concepts that gather several notes; a local graph is a breadth-first
// neighbourhood of one node in both directions.

import type { GraphData, GraphEdge, GraphNode } from './api';
import type { LinkGraph } from './graph';
import type { Resolution } from './model';

const CONCEPT_PREFIX = 'concept:';
const UNRESOLVED_PREFIX = 'unresolved:';

function nodeIdOf(graph: LinkGraph, resolution: Resolution): string | null {
  switch (resolution.kind) {
    case 'note':
      return resolution.id;
    case 'concept': {
      // A concept carried by one note is that note: no separate node for it.
      const notes = graph.concept(resolution.key)?.notes ?? [];
      return notes.length === 1 ? notes[0] : CONCEPT_PREFIX + resolution.key;
    }
    case 'unresolved':
      return UNRESOLVED_PREFIX + resolution.key;
    case 'attachment':
      return null;
  }
}

/** The whole graph: notes, concepts (linked to their notes) and unresolved names. */
export function fullGraph(graph: LinkGraph): GraphData {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const addEdge = (source: string, target: string) => {
    if (source !== target) edges.set(`${source}\u0000${target}`, { source, target });
  };
  for (const note of graph.notes()) {
    nodes.set(note.id, { id: note.id, label: note.title, kind: 'note', date: note.date });
  }
  for (const note of graph.notes()) {
    for (const { resolution, link } of graph.outgoing(note.id)) {
      const target = nodeIdOf(graph, resolution);
      if (!target) continue;
      if (!nodes.has(target)) {
        const kind = resolution.kind === 'unresolved' ? 'unresolved' : 'concept';
        const label = resolution.kind === 'concept' ? graph.concept(resolution.key)?.name ?? link.target : link.target;
        nodes.set(target, { id: target, label, kind, date: null });
      }
      addEdge(note.id, target);
    }
  }
  // A concept node joins the dated notes that carry it.
  for (const node of [...nodes.values()]) {
    if (node.kind !== 'concept') continue;
    const concept = graph.concept(node.id.slice(CONCEPT_PREFIX.length));
    for (const id of concept?.notes ?? []) addEdge(node.id, id);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** The neighbourhood of `center` (a note id or `concept:key`) up to `depth` hops. */
export function localGraph(graph: LinkGraph, center: string, depth = 1): GraphData {
  const whole = fullGraph(graph);
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a)!.add(b);
  };
  for (const e of whole.edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
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
  return {
    nodes: whole.nodes.filter((n) => keep.has(n.id)),
    edges: whole.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}
