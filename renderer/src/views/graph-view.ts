// The global graph in the centre pane: the canvas, and beside it a list of
// every node as the keyboard (and screen reader) way to the same places.

import type { GraphData, GraphNode } from '../../../electron/core/api';
import { GraphCanvas } from '../graph/graph-canvas';
import { h } from '../ui/dom';
import { VirtualList } from '../ui/virtual-list';

const KIND_LABEL: Record<GraphNode['kind'], string> = { note: 'note', concept: 'concept', unresolved: 'not yet written', tag: 'tag' };

export class GraphView {
  readonly element: HTMLElement;
  private readonly canvas: GraphCanvas;
  private readonly list: VirtualList<GraphNode>;
  private readonly summary = h('p', { className: 'graph-summary' });

  constructor(open: (node: GraphNode) => void) {
    this.canvas = new GraphCanvas({ label: 'Graph of all notes and concepts', onOpen: open });
    this.list = new VirtualList<GraphNode>({
      label: 'Graph nodes',
      rowHeight: 28,
      renderRow: (n, el) => {
        el.classList.add('row-note', `node-${n.kind}`);
        el.append(h('span', { className: 'node-dot', 'aria-hidden': 'true' }), h('span', { className: 'row-title' }, n.label), h('span', { className: 'row-count' }, KIND_LABEL[n.kind]));
        el.setAttribute('aria-label', `${n.label}, ${KIND_LABEL[n.kind]}`);
      },
      onActivate: (n) => open(n),
    });
    this.element = h(
      'article',
      { className: 'graph-page' },
      h(
        'header',
        { className: 'page-header' },
        h('h1', { className: 'page-title' }, 'Graph'),
        this.summary,
        h(
          'p',
          { className: 'legend' },
          ...(['note', 'concept', 'unresolved'] as const).map((k) => h('span', { className: `legend-item node-${k}` }, h('span', { className: 'node-dot', 'aria-hidden': 'true' }), KIND_LABEL[k])),
        ),
      ),
      h('div', { className: 'graph-body' }, this.canvas.element, h('div', { className: 'graph-list' }, h('h2', { className: 'pane-title' }, 'Nodes'), this.list.element)),
    );
  }

  setData(data: GraphData): void {
    this.summary.textContent = `${data.nodes.length} nodes, ${data.edges.length} links. Scroll to zoom, drag to pan, click a node to open it.`;
    this.canvas.setData(data);
    this.list.setItems([...data.nodes].sort((a, b) => a.label.localeCompare(b.label)));
  }

  refreshTheme(): void {
    this.canvas.refreshTheme();
  }

  destroy(): void {
    this.canvas.destroy();
  }
}
