// A list that keeps only the rows in view in the DOM, so 50,000 rows scroll
// as smoothly as fifty. Rows have one fixed height; the scroll container is a
// listbox that keeps focus itself and points at the active row with
// aria-activedescendant, because a focused row could be recycled mid-scroll.

import { uniqueId } from './dom';

export interface VirtualListOptions<T> {
  /** Accessible name of the listbox. */
  label: string;
  rowHeight: number;
  /** Fills a recycled row element for `item`; the list owns role, id and position. */
  renderRow(item: T, row: HTMLElement, index: number): void;
  /** Rows that cannot be chosen (headers) are skipped by the arrow keys. */
  isSelectable?(item: T): boolean;
  onActivate?(item: T, index: number, event: MouseEvent | KeyboardEvent): void;
  /** Extra rows rendered above and below the viewport. */
  overscan?: number;
  className?: string;
}

/** The first and last index to render for a viewport: pure, so it is tested alone. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): [number, number] {
  if (count === 0 || rowHeight <= 0) return [0, -1];
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + Math.max(viewportHeight, rowHeight)) / rowHeight) + overscan);
  return [first, last];
}

export class VirtualList<T> {
  readonly element: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly rows = new Map<number, HTMLElement>();
  private readonly spare: HTMLElement[] = [];
  private readonly idPrefix = uniqueId('vl');
  private items: T[] = [];
  private active = -1;
  private readonly overscan: number;
  private readonly resizeObserver: ResizeObserver;

  constructor(private readonly options: VirtualListOptions<T>) {
    this.overscan = options.overscan ?? 8;
    this.element = document.createElement('div');
    this.element.className = `virtual-list ${options.className ?? ''}`.trim();
    this.element.setAttribute('role', 'listbox');
    this.element.setAttribute('aria-label', options.label);
    this.element.tabIndex = 0;
    this.spacer = document.createElement('div');
    this.spacer.className = 'virtual-list-spacer';
    this.spacer.setAttribute('role', 'presentation');
    this.element.append(this.spacer);
    this.element.addEventListener('scroll', () => this.render(), { passive: true });
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.element.addEventListener('click', (e) => this.onClick(e));
    this.element.addEventListener('focus', () => {
      if (this.active < 0) this.setActive(this.nextSelectable(-1, 1), false);
    });
    this.resizeObserver = new ResizeObserver(() => this.render());
    this.resizeObserver.observe(this.element);
  }

  setItems(items: T[]): void {
    const activeItem = this.items[this.active];
    this.items = items;
    this.spacer.style.height = `${items.length * this.options.rowHeight}px`;
    // Keep the same item active when it is still there.
    this.active = activeItem === undefined ? -1 : items.indexOf(activeItem);
    for (const [, row] of this.rows) this.recycle(row);
    this.rows.clear();
    this.render();
  }

  /** Makes `index` the active row and scrolls it into view. */
  setActive(index: number, scroll = true): void {
    if (index < 0 || index >= this.items.length) {
      this.active = -1;
      this.element.removeAttribute('aria-activedescendant');
      this.render();
      return;
    }
    this.active = index;
    if (scroll) this.scrollToIndex(index);
    this.render();
    this.element.setAttribute('aria-activedescendant', this.rowId(index));
  }

  findIndex(predicate: (item: T) => boolean): number {
    return this.items.findIndex(predicate);
  }

  scrollToIndex(index: number): void {
    const { rowHeight } = this.options;
    const top = index * rowHeight;
    const viewport = this.element.clientHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + rowHeight > this.element.scrollTop + viewport) this.element.scrollTop = top + rowHeight - viewport;
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.element.remove();
  }

  private rowId(index: number): string {
    return `${this.idPrefix}-${index}`;
  }

  private selectable(index: number): boolean {
    const item = this.items[index];
    return item !== undefined && (this.options.isSelectable?.(item) ?? true);
  }

  private nextSelectable(from: number, step: 1 | -1): number {
    for (let i = from + step; i >= 0 && i < this.items.length; i += step) if (this.selectable(i)) return i;
    return from >= 0 && from < this.items.length ? from : -1;
  }

  private render(): void {
    const { rowHeight, renderRow } = this.options;
    const [first, last] = visibleRange(this.element.scrollTop, this.element.clientHeight, rowHeight, this.items.length, this.overscan);
    for (const [index, row] of this.rows) {
      if (index < first || index > last) {
        this.recycle(row);
        this.rows.delete(index);
      }
    }
    for (let index = first; index <= last; index++) {
      let row = this.rows.get(index);
      if (!row) {
        row = this.spare.pop() ?? document.createElement('div');
        row.removeAttribute('style');
        row.id = this.rowId(index);
        row.style.transform = `translateY(${index * rowHeight}px)`;
        row.style.height = `${rowHeight}px`;
        row.dataset.index = String(index);
        row.className = 'virtual-row';
        row.replaceChildren();
        for (const attr of [...row.attributes]) if (attr.name.startsWith('aria-') || attr.name === 'title') row.removeAttribute(attr.name);
        row.setAttribute('role', 'option');
        row.setAttribute('aria-setsize', String(this.items.length));
        row.setAttribute('aria-posinset', String(index + 1));
        if (!this.selectable(index)) row.setAttribute('aria-disabled', 'true');
        renderRow(this.items[index], row, index);
        this.element.append(row);
        this.rows.set(index, row);
      }
      const isActive = index === this.active;
      row.classList.toggle('active', isActive);
      row.setAttribute('aria-selected', String(isActive));
    }
  }

  private recycle(row: HTMLElement): void {
    row.remove();
    if (this.spare.length < 64) this.spare.push(row);
  }

  private onClick(event: MouseEvent): void {
    const row = (event.target as Element).closest<HTMLElement>('.virtual-row');
    if (!row || !this.element.contains(row)) return;
    const index = Number(row.dataset.index);
    if (!this.selectable(index)) return;
    this.setActive(index, false);
    this.options.onActivate?.(this.items[index], index, event);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor(this.element.clientHeight / this.options.rowHeight) - 1);
    let next = -2;
    switch (event.key) {
      case 'ArrowDown':
        next = this.nextSelectable(this.active, 1);
        break;
      case 'ArrowUp':
        next = this.nextSelectable(this.active, -1);
        break;
      case 'Home':
        next = this.nextSelectable(-1, 1);
        break;
      case 'End':
        next = this.nextSelectable(this.items.length, -1);
        break;
      case 'PageDown':
        next = this.nextSelectable(Math.min(this.items.length - 1, this.active + page) - 1, 1);
        break;
      case 'PageUp':
        next = this.nextSelectable(Math.max(0, this.active - page) + 1, -1);
        break;
      case 'Enter':
      case ' ':
        if (this.selectable(this.active)) {
          event.preventDefault();
          this.options.onActivate?.(this.items[this.active], this.active, event);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next >= 0) this.setActive(next);
  }
}
