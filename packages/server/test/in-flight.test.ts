import { describe, expect, it } from 'vitest';
import { InFlightList, type InFlightEntry } from '../src/in-flight.js';

interface Entry extends InFlightEntry<Entry> {
  name: string;
}
const entry = (name: string): Entry => ({ name, inFlightPrevious: null, inFlightNext: null, inFlight: false });
const names = (list: InFlightList<Entry>) => list.snapshot().map((e) => e.name);

describe('in-flight list', () => {
  it('lists the entries added and not yet deleted, whatever the order of deletion', () => {
    const list = new InFlightList<Entry>();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(entry) as [Entry, Entry, Entry, Entry];
    for (const e of [a, b, c, d]) list.add(e);
    expect(names(list)).toEqual(['d', 'c', 'b', 'a']);
    list.delete(c);
    expect(names(list)).toEqual(['d', 'b', 'a']);
    list.delete(d);
    list.delete(a);
    expect(names(list)).toEqual(['b']);
    list.delete(b);
    expect(names(list)).toEqual([]);
  });

  it('ignores deleting an entry twice or one never added, and adding one twice', () => {
    const list = new InFlightList<Entry>();
    const [a, b, stranger] = ['a', 'b', 'stranger'].map(entry) as [Entry, Entry, Entry];
    list.add(a);
    list.add(b);
    list.add(b);
    list.delete(stranger);
    list.delete(a);
    list.delete(a);
    expect(names(list)).toEqual(['b']);
  });
});
