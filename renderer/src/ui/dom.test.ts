// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { markedPositions, markedText } from './dom';

function html(fragment: DocumentFragment): string {
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
}

describe('markedText', () => {
  test.each<[string, Array<[number, number]>, string]>([
    ['nix flakes', [[4, 10]], 'nix <mark>flakes</mark>'],
    ['a b c', [[4, 5], [0, 1]], '<mark>a</mark> b <mark>c</mark>'],
    ['overlap', [[0, 4], [2, 6]], '<mark>over</mark>lap'],
    ['short', [[3, 99]], 'sho<mark>rt</mark>'],
    ['empty', [[2, 2]], 'empty'],
  ])('%s with %j', (text, marks, expected) => {
    expect(html(markedText(text, marks))).toBe(expected);
  });

  test('snippet text that looks like HTML stays text', () => {
    const el = document.createElement('div');
    el.append(markedText('<img src=x onerror=alert(1)> here', [[29, 33]]));
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toBe('<img src=x onerror=alert(1)> here');
    expect(el.querySelector('mark')?.textContent).toBe('here');
  });
});

describe('markedPositions', () => {
  test('adjacent positions become one mark', () => {
    expect(html(markedPositions('NixOS', [0, 1, 2, 4]))).toBe('<mark>Nix</mark>O<mark>S</mark>');
  });
});
