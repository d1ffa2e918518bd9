// MultiMap keeps a key's values in insertion order, once each, whether they
// are held in the small array or (past the limit) in a Set, and forgets a key
// with its last value.

import { describe, expect, it } from 'vitest';
import { MultiMap } from '../../electron/core/multimap';

describe('MultiMap', () => {
  it.each([1, 3, 8, 9, 40])('with %i values: order, no repeats, membership, removal', (count) => {
    const map = new MultiMap<string, number>();
    const values = Array.from({ length: count }, (_, i) => (i * 7) % 101);
    for (const v of values) map.add('k', v);
    for (const v of values) map.add('k', v); // repeats change nothing
    expect([...map.get('k')!]).toEqual(values);
    expect(map.hasValue('k', values[count - 1])).toBe(true);
    expect(map.hasValue('k', 1000)).toBe(false);
    expect(map.hasValue('other', values[0])).toBe(false);

    map.delete('k', values[0]);
    map.delete('k', 1000);
    expect([...(map.get('k') ?? [])]).toEqual(values.slice(1));
    for (const v of values) map.delete('k', v);
    expect(map.get('k')).toBeUndefined();
    expect(map.has('k')).toBe(false);
    expect(map.size).toBe(0);
  });

  it('lists keys and entries; deleting from a missing key is a no-op', () => {
    const map = new MultiMap<string, string>();
    map.add('a', 'x');
    map.add('b', 'y');
    map.add('a', 'z');
    map.delete('c', 'x');
    expect([...map.keys()]).toEqual(['a', 'b']);
    expect([...map.entries()].map(([k, v]) => [k, [...v]])).toEqual([
      ['a', ['x', 'z']],
      ['b', ['y']],
    ]);
  });
});
