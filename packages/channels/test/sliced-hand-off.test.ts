import { describe, expect, it } from 'vitest';
import type { ChannelMessage } from '../src/names.js';
import { CONSUMERS_PER_TURN, SlicedHandOff, type HandOffTarget } from '../src/layers/sliced-hand-off.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** What a target got: its id, the message's n, and the turn it got it in. */
type Entry = [id: number, n: number, turn: number];

/** A listening channel that records what it got and in which turn. */
function target(log: Entry[], id: number, currentTurn: () => number): HandOffTarget {
  return { handOff: [], listener: (message: ChannelMessage) => log.push([id, message.n as number, currentTurn()]) };
}

describe('handing messages to listening consumers', () => {
  it(`serves ${CONSUMERS_PER_TURN} consumers per turn, each taking everything waiting for it, in order`, async () => {
    const handOff = new SlicedHandOff();
    let turns = 0;
    const log: Entry[] = [];
    const targets = Array.from({ length: CONSUMERS_PER_TURN * 2 + 1 }, (_, id) => target(log, id, () => turns));
    for (const each of targets) handOff.add(each, { type: 'a.b', n: 1 });
    handOff.add(targets.at(-1)!, { type: 'a.b', n: 2 });
    // Nothing runs inside the caller's turn.
    expect(log).toEqual([]);
    for (turns = 1; turns <= 4; turns += 1) await turn();
    expect(log).toHaveLength(targets.length + 1);
    const turnOf = (id: number) => log.find(([each]) => each === id)![2];
    expect(turnOf(0)).toBe(turnOf(CONSUMERS_PER_TURN - 1));
    expect(turnOf(CONSUMERS_PER_TURN)).toBe(turnOf(0) + 1);
    expect(turnOf(targets.length - 1)).toBe(turnOf(0) + 2);
    // The last target got both of its messages in the same go, in order.
    expect(log.slice(-2)).toEqual([
      [targets.length - 1, 1, turnOf(0) + 2],
      [targets.length - 1, 2, turnOf(0) + 2],
    ]);
  });

  it('gives a consumer the messages that arrived while it waited for its slice together with the first', async () => {
    const handOff = new SlicedHandOff();
    const log: Entry[] = [];
    let turns = 0;
    const targets = Array.from({ length: CONSUMERS_PER_TURN + 1 }, (_, id) => target(log, id, () => turns));
    for (const each of targets) handOff.add(each, { type: 'a.b', n: 1 });
    turns = 1;
    await turn();
    // A second message before the last consumer was served: it goes out with the first.
    for (const each of targets) handOff.add(each, { type: 'a.b', n: 2 });
    turns = 2;
    await turn();
    turns = 3;
    await turn();
    const last = targets.length - 1;
    expect(log.filter(([id]) => id === last)).toEqual([
      [last, 1, 2],
      [last, 2, 2],
    ]);
    expect(log.filter(([id]) => id === 0).map(([, n]) => n)).toEqual([1, 2]);
  });

  it('drops what waits for a consumer that is forgotten or stops listening', async () => {
    const handOff = new SlicedHandOff();
    const log: Entry[] = [];
    const [kept, forgotten, stopped] = [0, 1, 2].map((id) => target(log, id, () => 0));
    for (const each of [kept, forgotten, stopped]) handOff.add(each!, { type: 'a.b', n: 1 });
    handOff.forget(forgotten!);
    stopped!.listener = undefined;
    await turn();
    expect(log.map(([id]) => id)).toEqual([0]);
  });
});
