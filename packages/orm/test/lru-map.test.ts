import { describe, expect, it } from 'vitest';
import { LruMap } from '../src/lru-map.js';

describe('LruMap (prepared statements and query shapes per connection)', () => {
  it('drops the least recently used entry past its capacity and reports it', () => {
    const dropped: Array<[string, number]> = [];
    const map = new LruMap<number>(2, (key, value) => dropped.push([key, value]));
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect(dropped).toEqual([['b', 2]]);
    expect([map.get('b'), map.get('a'), map.get('c')]).toEqual([undefined, 1, 3]);
    expect(map.size).toBe(2);
  });

  it('replaces an entry without dropping another, and forgets entries without reporting them', () => {
    const dropped: string[] = [];
    const map = new LruMap<number>(2, (key) => dropped.push(key));
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    expect(dropped).toEqual([]);
    expect(map.delete('b')).toBe(true);
    map.clear();
    expect([...map.values()]).toEqual([]);
    expect(dropped).toEqual([]);
  });
});
