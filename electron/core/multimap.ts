// A map from keys to sets of values, compact for the common case of one or a
// few values per key. The link graph keeps several such indexes with a key
// per note, per name and per link target (about 300,000 keys at 50,000
// notes); a Set each costs several times a small array in memory and in
// garbage collection, so values stay in an array until there are many.

/** Above this many values a key's array becomes a Set, so adding and removing stay O(1). */
const ARRAY_LIMIT = 8;

export class MultiMap<K, V> {
  private readonly map = new Map<K, V[] | Set<V>>();

  /** How many keys hold at least one value. */
  get size(): number {
    return this.map.size;
  }

  /** The values of `key` in insertion order (do not modify); undefined when none. */
  get(key: K): Iterable<V> | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  hasValue(key: K, value: V): boolean {
    const values = this.map.get(key);
    if (values === undefined) return false;
    return Array.isArray(values) ? values.includes(value) : values.has(value);
  }

  add(key: K, value: V): void {
    const values = this.map.get(key);
    if (values === undefined) {
      this.map.set(key, [value]);
    } else if (Array.isArray(values)) {
      if (values.includes(value)) return;
      if (values.length < ARRAY_LIMIT) values.push(value);
      else this.map.set(key, new Set([...values, value]));
    } else {
      values.add(value);
    }
  }

  delete(key: K, value: V): void {
    const values = this.map.get(key);
    if (values === undefined) return;
    if (Array.isArray(values)) {
      const index = values.indexOf(value);
      if (index < 0) return;
      if (values.length === 1) this.map.delete(key);
      else values.splice(index, 1);
    } else {
      values.delete(value);
      if (values.size === 0) this.map.delete(key);
    }
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  entries(): IterableIterator<[K, Iterable<V>]> {
    return this.map.entries();
  }
}
