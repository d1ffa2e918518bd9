// Every tag with its note count; choosing one searches `tag:name`.

import type { TagSummary } from '../../../electron/core/model';
import { h } from '../ui/dom';
import { VirtualList } from '../ui/virtual-list';

export class TagListView {
  readonly element: HTMLElement;
  private readonly list: VirtualList<TagSummary>;

  constructor(open: (tag: string) => void) {
    this.list = new VirtualList<TagSummary>({
      label: 'Tags',
      rowHeight: 30,
      renderRow: (t, el) => {
        el.classList.add('row-note');
        const depth = t.tag.split('/').length - 1;
        el.style.paddingLeft = `${0.75 + depth}rem`;
        el.append(h('span', { className: 'row-title tag-name' }, `#${t.tag}`), h('span', { className: 'row-count' }, String(t.count)));
        el.setAttribute('aria-label', `Tag ${t.tag}, ${t.count} ${t.count === 1 ? 'note' : 'notes'}`);
      },
      onActivate: (t) => open(t.tag),
    });
    this.element = h('div', { className: 'list-panel' }, this.list.element);
  }

  setTags(tags: readonly TagSummary[]): void {
    this.list.setItems([...tags].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)));
  }

  focus(): void {
    this.list.element.focus();
  }
}
