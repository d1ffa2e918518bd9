// A force-directed graph drawn on one <canvas>: d3-force computes positions,
// we tick it ourselves inside requestAnimationFrame with a time budget and a
// tick cap, batch all edges in one path and nodes in one path per kind, and
// skip labels when zoomed out, so thousands of nodes stay responsive.

import { forceLink, forceManyBody, forceSimulation, forceX, forceY, type Simulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import type { GraphData, GraphNode } from '../../../electron/core/api';

export interface SimNode extends GraphNode, SimulationNodeDatum {
  degree: number;
  radius: number;
}

type SimLink = SimulationLinkDatum<SimNode>;

export interface GraphCanvasOptions {
  /** Accessible name of the canvas (it also takes arrow keys). */
  label: string;
  onOpen(node: GraphNode): void;
  /** Node to emphasise (the open note in a local graph). */
  centerId?: string;
  compact?: boolean;
}

const FRAME_BUDGET_MS = 10;
const LABEL_SCALE = 1.1;

/** How many ticks a graph of `n` nodes gets: big graphs settle with fewer. */
export function tickCap(n: number): number {
  if (n > 5000) return 120;
  if (n > 1500) return 200;
  return 300;
}

interface Palette {
  note: string;
  concept: string;
  unresolved: string;
  tag: string;
  edge: string;
  label: string;
  labelHalo: string;
  highlight: string;
}

/**
 * The theme's colour for a variable, resolved by the browser: the variables
 * hold `light-dark(...)`, which only a styled element turns into a colour.
 */
function resolveColor(el: Element, name: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  probe.style.color = `var(${name}, ${fallback})`;
  el.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || fallback;
}

function readPalette(el: Element): Palette {
  const v = (name: string, fallback: string) => resolveColor(el, name, fallback);
  return {
    note: v('--graph-note', '#5b6bd6'),
    concept: v('--graph-concept', '#c0792b'),
    unresolved: v('--graph-unresolved', '#999'),
    tag: v('--graph-tag', '#3a9d6a'),
    edge: v('--graph-edge', 'rgba(128,128,128,0.35)'),
    label: v('--fg', '#222'),
    labelHalo: v('--bg', '#fff'),
    highlight: v('--accent', '#5b6bd6'),
  };
}

export class GraphCanvas {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private nodes: SimNode[] = [];
  private links: SimLink[] = [];
  private neighbours = new Map<string, Set<string>>();
  private simulation: Simulation<SimNode, SimLink> | null = null;
  private ticks = 0;
  private frame = 0;
  private scale = 1;
  private tx = 0;
  private ty = 0;
  private hovered: SimNode | null = null;
  private focused: SimNode | null = null;
  private userMoved = false;
  private paletteCache: Palette | null = null;
  private readonly resizeObserver: ResizeObserver;
  private width = 0;
  private height = 0;
  private readonly sorted: SimNode[] = [];
  private labelFloor = 0;

  constructor(private readonly options: GraphCanvasOptions) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'graph-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', options.label);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw on a canvas.');
    this.ctx = ctx;
    this.element = document.createElement('div');
    this.element.className = `graph ${options.compact ? 'graph-compact' : ''}`;
    this.element.append(this.canvas);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.element);
    this.bindPointer();
    this.bindKeys();
  }

  setData(data: GraphData): void {
    this.simulation?.stop();
    const degree = new Map<string, number>();
    for (const e of data.edges) {
      degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
      degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    }
    const previous = new Map(this.nodes.map((n) => [n.id, n]));
    this.nodes = data.nodes.map((n) => {
      const d = degree.get(n.id) ?? 0;
      const old = previous.get(n.id);
      return { ...n, degree: d, radius: 3 + Math.min(9, Math.sqrt(d) * 1.6), x: old?.x, y: old?.y };
    });
    const ids = new Set(this.nodes.map((n) => n.id));
    this.links = data.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ source: e.source, target: e.target }));
    this.neighbours = new Map();
    for (const e of data.edges) {
      if (!this.neighbours.has(e.source)) this.neighbours.set(e.source, new Set());
      if (!this.neighbours.has(e.target)) this.neighbours.set(e.target, new Set());
      this.neighbours.get(e.source)!.add(e.target);
      this.neighbours.get(e.target)!.add(e.source);
    }
    this.sorted.splice(0, this.sorted.length, ...[...this.nodes].sort((a, b) => a.label.localeCompare(b.label)));
    this.labelFloor = this.labelDegreeFloor(this.options.compact ? 10 : 16);
    const big = this.nodes.length > 1500;
    this.simulation = forceSimulation<SimNode, SimLink>(this.nodes)
      .force('link', forceLink<SimNode, SimLink>(this.links).id((d) => d.id).distance(this.options.compact ? 30 : 45).strength(0.4))
      .force('charge', forceManyBody<SimNode>().strength(this.options.compact ? -70 : -90).theta(big ? 1.2 : 0.9).distanceMax(big ? 250 : 500))
      .force('x', forceX<SimNode>(0).strength(0.05))
      .force('y', forceY<SimNode>(0).strength(0.05))
      .alphaDecay(big ? 0.05 : 0.03)
      .stop();
    this.ticks = 0;
    this.userMoved = false;
    this.hovered = null;
    this.focused = null;
    this.schedule();
  }

  /** Renames the canvas for assistive technology (the centred note's title changed). */
  setLabel(label: string): void {
    this.canvas.setAttribute('aria-label', label);
  }

  /** Re-reads the colours (the theme changed). */
  refreshTheme(): void {
    this.paletteCache = null;
    this.schedule();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.simulation?.stop();
    this.resizeObserver.disconnect();
    this.element.remove();
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  private running(): boolean {
    return this.simulation !== null && this.ticks < tickCap(this.nodes.length) && this.simulation.alpha() > this.simulation.alphaMin();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.running()) {
        const start = performance.now();
        while (this.running() && performance.now() - start < FRAME_BUDGET_MS) {
          this.simulation!.tick();
          this.ticks += 1;
        }
        if (!this.userMoved) this.fit();
        if (this.running()) this.schedule();
      }
      this.draw();
    });
  }

  private resize(): void {
    const rect = this.element.getBoundingClientRect();
    this.width = Math.max(1, Math.floor(rect.width));
    this.height = Math.max(1, Math.floor(rect.height));
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.floor(this.width * dpr);
    this.canvas.height = Math.floor(this.height * dpr);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    if (!this.userMoved) this.fit();
    this.schedule();
  }

  /** Scales and centres so every node is visible. */
  private fit(): void {
    if (this.nodes.length === 0 || this.width <= 1) {
      this.tx = this.width / 2;
      this.ty = this.height / 2;
      return;
    }
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const n of this.nodes) {
      minX = Math.min(minX, n.x ?? 0);
      maxX = Math.max(maxX, n.x ?? 0);
      minY = Math.min(minY, n.y ?? 0);
      maxY = Math.max(maxY, n.y ?? 0);
    }
    const pad = 30;
    const w = Math.max(1, maxX - minX);
    const h = Math.max(1, maxY - minY);
    this.scale = Math.min(2, Math.max(0.05, Math.min((this.width - pad * 2) / w, (this.height - pad * 2) / h)));
    this.tx = this.width / 2 - ((minX + maxX) / 2) * this.scale;
    this.ty = this.height / 2 - ((minY + maxY) / 2) * this.scale;
  }

  private toWorld(clientX: number, clientY: number): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    return [(clientX - rect.left - this.tx) / this.scale, (clientY - rect.top - this.ty) / this.scale];
  }

  private nodeAt(clientX: number, clientY: number): SimNode | null {
    const [x, y] = this.toWorld(clientX, clientY);
    const found = this.simulation?.find(x, y, Math.max(8, 10 / this.scale));
    return found ?? null;
  }

  private bindPointer(): void {
    let drag: { x: number; y: number; tx: number; ty: number; moved: boolean } | null = null;
    this.canvas.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      this.canvas.setPointerCapture(event.pointerId);
      drag = { x: event.clientX, y: event.clientY, tx: this.tx, ty: this.ty, moved: false };
    });
    this.canvas.addEventListener('pointermove', (event) => {
      if (drag) {
        const dx = event.clientX - drag.x;
        const dy = event.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        if (drag.moved) {
          this.userMoved = true;
          this.tx = drag.tx + dx;
          this.ty = drag.ty + dy;
          this.schedule();
        }
        return;
      }
      const node = this.nodeAt(event.clientX, event.clientY);
      if (node !== this.hovered) {
        this.hovered = node;
        this.canvas.style.cursor = node ? 'pointer' : 'grab';
        this.canvas.title = node ? node.label : '';
        this.schedule();
      }
    });
    this.canvas.addEventListener('pointerup', (event) => {
      const wasDrag = drag?.moved;
      drag = null;
      if (wasDrag) return;
      const node = this.nodeAt(event.clientX, event.clientY);
      if (node) this.options.onOpen(node);
    });
    this.canvas.addEventListener('pointerleave', () => {
      if (this.hovered) {
        this.hovered = null;
        this.schedule();
      }
    });
    this.canvas.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const rect = this.canvas.getBoundingClientRect();
        const px = event.clientX - rect.left;
        const py = event.clientY - rect.top;
        this.zoomAt(px, py, Math.exp(-event.deltaY * 0.0015));
      },
      { passive: false },
    );
  }

  private zoomAt(px: number, py: number, factor: number): void {
    const next = Math.min(8, Math.max(0.03, this.scale * factor));
    const f = next / this.scale;
    this.tx = px - (px - this.tx) * f;
    this.ty = py - (py - this.ty) * f;
    this.scale = next;
    this.userMoved = true;
    this.schedule();
  }

  private bindKeys(): void {
    this.canvas.addEventListener('keydown', (event) => {
      const at = this.focused ? this.sorted.indexOf(this.focused) : -1;
      switch (event.key) {
        case 'ArrowRight':
        case 'ArrowDown':
          this.focused = this.sorted[(at + 1) % this.sorted.length] ?? null;
          break;
        case 'ArrowLeft':
        case 'ArrowUp':
          this.focused = this.sorted[(at - 1 + this.sorted.length) % this.sorted.length] ?? null;
          break;
        case 'Enter':
          if (this.focused) this.options.onOpen(this.focused);
          break;
        case '+':
        case '=':
          this.zoomAt(this.width / 2, this.height / 2, 1.25);
          break;
        case '-':
          this.zoomAt(this.width / 2, this.height / 2, 0.8);
          break;
        case '0':
          this.userMoved = false;
          this.fit();
          break;
        default:
          return;
      }
      event.preventDefault();
      if (this.focused) this.canvas.setAttribute('aria-label', `${this.options.label}. Selected: ${this.focused.label} (${this.focused.kind}). Enter opens it.`);
      this.schedule();
    });
  }

  /** The degree a node needs to be among the `count` best-linked (labelled when zoomed out). */
  private labelDegreeFloor(count: number): number {
    if (this.nodes.length <= count) return 0;
    const degrees = this.nodes.map((n) => n.degree).sort((a, b) => b - a);
    return Math.max(1, degrees[count - 1]);
  }

  /** Colours come from CSS variables, readable only once the canvas is in the page. */
  private get palette(): Palette {
    if (!this.paletteCache && this.element.isConnected) this.paletteCache = readPalette(this.element);
    return this.paletteCache ?? readPalette(document.documentElement);
  }

  private colour(kind: GraphNode['kind']): string {
    return this.palette[kind];
  }

  private draw(): void {
    const ctx = this.ctx;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(dpr * this.scale, 0, 0, dpr * this.scale, dpr * this.tx, dpr * this.ty);

    const active = this.hovered ?? this.focused;
    const near = active ? this.neighbours.get(active.id) ?? new Set<string>() : null;

    // Edges: one path for all, one more for those touching the active node.
    ctx.lineWidth = 1 / this.scale;
    ctx.strokeStyle = this.palette.edge;
    ctx.beginPath();
    for (const l of this.links) {
      const s = l.source as SimNode;
      const t = l.target as SimNode;
      ctx.moveTo(s.x ?? 0, s.y ?? 0);
      ctx.lineTo(t.x ?? 0, t.y ?? 0);
    }
    ctx.stroke();
    if (active) {
      ctx.strokeStyle = this.palette.highlight;
      ctx.lineWidth = 1.5 / this.scale;
      ctx.beginPath();
      for (const l of this.links) {
        const s = l.source as SimNode;
        const t = l.target as SimNode;
        if (s !== active && t !== active) continue;
        ctx.moveTo(s.x ?? 0, s.y ?? 0);
        ctx.lineTo(t.x ?? 0, t.y ?? 0);
      }
      ctx.stroke();
    }

    // Nodes: one path per kind.
    const minRadius = 1.5 / this.scale;
    for (const kind of ['note', 'concept', 'unresolved', 'tag'] as const) {
      ctx.fillStyle = this.colour(kind);
      ctx.globalAlpha = active ? 0.35 : 1;
      ctx.beginPath();
      for (const n of this.nodes) {
        if (n.kind !== kind) continue;
        if (active && (n === active || near!.has(n.id))) continue;
        const r = Math.max(minRadius, n.radius);
        ctx.moveTo((n.x ?? 0) + r, n.y ?? 0);
        ctx.arc(n.x ?? 0, n.y ?? 0, r, 0, Math.PI * 2);
      }
      ctx.fill();
      ctx.globalAlpha = 1;
      if (active) {
        ctx.beginPath();
        for (const n of this.nodes) {
          if (n.kind !== kind || !(n === active || near!.has(n.id))) continue;
          const r = Math.max(minRadius, n.radius);
          ctx.moveTo((n.x ?? 0) + r, n.y ?? 0);
          ctx.arc(n.x ?? 0, n.y ?? 0, r, 0, Math.PI * 2);
        }
        ctx.fill();
      }
    }
    const ring = (n: SimNode | null | undefined) => {
      if (!n) return;
      ctx.strokeStyle = this.palette.highlight;
      ctx.lineWidth = 2 / this.scale;
      ctx.beginPath();
      ctx.arc(n.x ?? 0, n.y ?? 0, n.radius + 3 / this.scale, 0, Math.PI * 2);
      ctx.stroke();
    };
    const center = this.options.centerId ? this.nodes.find((n) => n.id === this.options.centerId) : undefined;
    ring(center);
    ring(this.focused);

    // Labels only where they can be read: all when zoomed in or few; else the best-linked
    // and the ones being looked at.
    const showAll = this.scale >= LABEL_SCALE || this.nodes.length <= (this.options.compact ? 24 : 30);
    ctx.font = `${12 / this.scale}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineWidth = 3 / this.scale;
    ctx.strokeStyle = this.palette.labelHalo;
    ctx.fillStyle = this.palette.label;
    const [x0, y0] = [-this.tx / this.scale, -this.ty / this.scale];
    const [x1, y1] = [(this.width - this.tx) / this.scale, (this.height - this.ty) / this.scale];
    for (const n of this.nodes) {
      const x = n.x ?? 0;
      const y = n.y ?? 0;
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      const looked = n === active || n === center || n === this.focused || Boolean(near?.has(n.id));
      if (active && !looked) continue;
      if (!showAll && !looked && n.degree < this.labelFloor) continue;
      const ly = y + n.radius + 2 / this.scale;
      ctx.strokeText(n.label, x, ly);
      ctx.fillText(n.label, x, ly);
    }
  }
}
