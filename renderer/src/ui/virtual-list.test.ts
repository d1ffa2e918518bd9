// @vitest-environment jsdom
import { beforeAll, describe, expect, test } from 'vitest';
import { visibleRange, VirtualList } from './virtual-list';

describe('visibleRange', () => {
  test.each<[number, number, number, number, number, [number, number]]>([
    [0, 300, 30, 50_000, 0, [0, 10]],
    [0, 300, 30, 50_000, 5, [0, 15]],
    [30_000, 300, 30, 50_000, 5, [995, 1015]],
    [1_499_700, 300, 30, 50_000, 5, [49_985, 49_999]],
    [0, 300, 30, 3, 5, [0, 2]],
    [0, 300, 30, 0, 5, [0, -1]],
  ])('scrollTop %i, viewport %i, row %i, count %i, overscan %i', (top, viewport, row, count, overscan, expected) => {
    expect(visibleRange(top, viewport, row, count, overscan)).toEqual(expected);
  });
});

describe('VirtualList', () => {
  beforeAll(() => {
    // jsdom has no layout engine: give the list a viewport and a ResizeObserver.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
  });

  function makeList(count: number) {
    const activated: number[] = [];
    const list = new VirtualList<number>({
      label: 'Numbers',
      rowHeight: 20,
      overscan: 2,
      isSelectable: (n) => n % 10 !== 0,
      renderRow: (n, row) => {
        row.textContent = `row ${n}`;
      },
      onActivate: (n) => activated.push(n),
    });
    Object.defineProperty(list.element, 'clientHeight', { value: 100, configurable: true });
    document.body.append(list.element);
    list.setItems(Array.from({ length: count }, (_, i) => i));
    return { list, activated };
  }

  test('50,000 items put only the visible rows in the DOM', () => {
    const { list } = makeList(50_000);
    const rows = list.element.querySelectorAll('[role="option"]');
    expect(rows.length).toBeLessThanOrEqual(10);
    expect(rows[0].textContent).toBe('row 0');
    expect(rows[0].getAttribute('aria-setsize')).toBe('50000');
    list.element.scrollTop = 20 * 30_000;
    list.element.dispatchEvent(new Event('scroll'));
    const texts = [...list.element.querySelectorAll('[role="option"]')].map((r) => r.textContent);
    expect(texts).toContain('row 30000');
    expect(texts).not.toContain('row 0');
    expect(texts.length).toBeLessThanOrEqual(10);
    list.destroy();
  });

  test('arrow keys skip rows that cannot be chosen; Enter activates', () => {
    const { list, activated } = makeList(30);
    list.element.dispatchEvent(new FocusEvent('focus'));
    expect(list.element.getAttribute('aria-activedescendant')).toMatch(/-1$/);
    for (let i = 0; i < 9; i++) list.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    list.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(activated).toEqual([11]);
    list.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }));
    list.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(activated).toEqual([11, 29]);
    list.destroy();
  });
});
