// The left pane's tabs: Timeline, Search, Concepts, Tags. A tablist with
// arrow-key movement; each panel keeps its state while hidden.

import { h, uniqueId } from '../ui/dom';

export type LeftTab = 'timeline' | 'search' | 'concepts' | 'tags';

const LABELS: Record<LeftTab, string> = { timeline: 'Timeline', search: 'Search', concepts: 'Concepts', tags: 'Tags' };

export class LeftPane {
  readonly element: HTMLElement;
  private readonly tabs = new Map<LeftTab, HTMLButtonElement>();
  private readonly panels = new Map<LeftTab, HTMLElement>();
  private current: LeftTab = 'timeline';
  private readonly listeners = new Set<(tab: LeftTab) => void>();

  constructor(contents: Record<LeftTab, HTMLElement>) {
    const tablist = h('div', { className: 'tabs', role: 'tablist', 'aria-label': 'Notebook views' });
    const panels = h('div', { className: 'tab-panels' });
    for (const tab of Object.keys(LABELS) as LeftTab[]) {
      const tabId = uniqueId('tab');
      const panelId = uniqueId('panel');
      const button = h('button', { type: 'button', role: 'tab', id: tabId, className: 'tab', 'aria-controls': panelId }, LABELS[tab]);
      button.addEventListener('click', () => this.select(tab));
      const panel = h('div', { role: 'tabpanel', id: panelId, className: 'tab-panel', 'aria-labelledby': tabId }, contents[tab]);
      this.tabs.set(tab, button);
      this.panels.set(tab, panel);
      tablist.append(button);
      panels.append(panel);
    }
    tablist.addEventListener('keydown', (event) => {
      const order = Object.keys(LABELS) as LeftTab[];
      const at = order.indexOf(this.current);
      let next: LeftTab | null = null;
      if (event.key === 'ArrowRight') next = order[(at + 1) % order.length];
      else if (event.key === 'ArrowLeft') next = order[(at - 1 + order.length) % order.length];
      else if (event.key === 'Home') next = order[0];
      else if (event.key === 'End') next = order[order.length - 1];
      if (!next) return;
      event.preventDefault();
      this.select(next);
      this.tabs.get(next)?.focus();
    });
    this.element = h('div', { className: 'left-pane' }, tablist, panels);
    this.select('timeline');
  }

  get tab(): LeftTab {
    return this.current;
  }

  onSelect(listener: (tab: LeftTab) => void): void {
    this.listeners.add(listener);
  }

  select(tab: LeftTab): void {
    this.current = tab;
    for (const [name, button] of this.tabs) {
      const selected = name === tab;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      this.panels.get(name)!.hidden = !selected;
    }
    for (const listener of this.listeners) listener(tab);
  }
}
