// The three panes: left (timeline, search, concepts, tags), centre (the note)
// and right (backlinks and friends). Each side pane can be resized by a
// splitter (pointer or arrow keys) and hidden; sizes are remembered.

import { h } from './dom';

type Side = 'left' | 'right';

interface PaneState {
  width: number;
  hidden: boolean;
}

const KEY = 'notebook.layout';
const MIN = 180;
const MAX = 640;
const STEP = 16;

function loadState(): Record<Side, PaneState> {
  const fallback = { left: { width: 290, hidden: false }, right: { width: 320, hidden: false } };
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Record<Side, PaneState> | null;
    if (!saved) return fallback;
    for (const side of ['left', 'right'] as const) {
      const s = saved[side];
      if (s && typeof s.width === 'number' && typeof s.hidden === 'boolean') fallback[side] = { width: clamp(s.width), hidden: s.hidden };
    }
  } catch {
    // A damaged setting only costs the remembered sizes.
  }
  return fallback;
}

function clamp(width: number): number {
  return Math.max(MIN, Math.min(MAX, Math.round(width)));
}

export class Layout {
  readonly element: HTMLElement;
  readonly left: HTMLElement;
  readonly center: HTMLElement;
  readonly right: HTMLElement;
  private readonly state = loadState();
  private readonly splitters: Record<Side, HTMLElement>;
  private readonly listeners = new Set<() => void>();

  constructor() {
    this.left = h('aside', { className: 'pane pane-left', 'aria-label': 'Notebook', id: 'pane-left' });
    this.center = h('main', { className: 'pane pane-center', id: 'pane-center', tabindex: '-1' });
    this.right = h('aside', { className: 'pane pane-right', 'aria-label': 'Links', id: 'pane-right' });
    this.splitters = { left: this.splitter('left'), right: this.splitter('right') };
    this.element = h('div', { className: 'panes' }, this.left, this.splitters.left, this.center, this.splitters.right, this.right);
    this.apply();
  }

  isHidden(side: Side): boolean {
    return this.state[side].hidden;
  }

  setHidden(side: Side, hidden: boolean): void {
    this.state[side].hidden = hidden;
    this.apply();
  }

  toggle(side: Side): void {
    this.setHidden(side, !this.state[side].hidden);
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private splitter(side: Side): HTMLElement {
    const el = h('div', {
      className: `splitter splitter-${side}`,
      role: 'separator',
      tabindex: '0',
      'aria-orientation': 'vertical',
      'aria-controls': `pane-${side}`,
      'aria-label': side === 'left' ? 'Resize notebook pane' : 'Resize links pane',
      'aria-valuemin': String(MIN),
      'aria-valuemax': String(MAX),
      title: 'Drag to resize; arrow keys resize; Enter hides or shows',
    });
    // Dragging right widens the left pane and narrows the right one.
    const sign = side === 'left' ? 1 : -1;
    el.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      el.setPointerCapture(event.pointerId);
      const startX = event.clientX;
      const startWidth = this.state[side].width;
      if (this.state[side].hidden) {
        this.state[side].hidden = false;
      }
      el.classList.add('dragging');
      const move = (e: PointerEvent) => {
        this.state[side].width = clamp(startWidth + sign * (e.clientX - startX));
        this.apply(false);
      };
      const up = () => {
        el.classList.remove('dragging');
        el.removeEventListener('pointermove', move);
        el.removeEventListener('pointerup', up);
        el.removeEventListener('pointercancel', up);
        this.apply();
      };
      el.addEventListener('pointermove', move);
      el.addEventListener('pointerup', up);
      el.addEventListener('pointercancel', up);
    });
    el.addEventListener('keydown', (event) => {
      const step = event.shiftKey ? STEP * 4 : STEP;
      const s = this.state[side];
      switch (event.key) {
        case 'ArrowLeft':
          s.width = clamp(s.width - sign * step);
          s.hidden = false;
          break;
        case 'ArrowRight':
          s.width = clamp(s.width + sign * step);
          s.hidden = false;
          break;
        case 'Home':
          s.width = MIN;
          break;
        case 'End':
          s.width = MAX;
          break;
        case 'Enter':
          s.hidden = !s.hidden;
          break;
        default:
          return;
      }
      event.preventDefault();
      this.apply();
    });
    return el;
  }

  private apply(persist = true): void {
    for (const side of ['left', 'right'] as const) {
      const s = this.state[side];
      this.element.style.setProperty(`--${side}-width`, `${s.width}px`);
      this.element.classList.toggle(`${side}-hidden`, s.hidden);
      const pane = side === 'left' ? this.left : this.right;
      pane.hidden = s.hidden;
      const splitter = this.splitters[side];
      splitter.setAttribute('aria-valuenow', String(s.hidden ? 0 : s.width));
    }
    if (persist) localStorage.setItem(KEY, JSON.stringify(this.state));
    for (const listener of this.listeners) listener();
  }
}
