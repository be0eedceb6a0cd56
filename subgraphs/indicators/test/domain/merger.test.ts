/** Survey rounds at a förbund merger: which stop at the merger date, which continue, and how. */
import { carriedRound, closedAt } from '../../src/domain/merger.js';

const start = new Date('2024-01-01T00:00:00Z');
const round = {
  interventionIds: ['i1', 'i2'],
  opensAt: new Date('2023-12-01T00:00:00Z'),
  closesAt: new Date('2024-01-31T00:00:00Z'),
};
const copies = new Map([['i1', 'c1']]);

describe('survey rounds at a merger', () => {
  it('stops a round taking answers over the merger date at its start; leaves others', () => {
    expect(closedAt(round, start)).toEqual(start);
    expect(closedAt({ ...round, closesAt: new Date('2023-12-20T00:00:00Z') }, start)).toBeNull();
    expect(closedAt({ ...round, opensAt: new Date('2024-02-01T00:00:00Z') }, start)).toBeNull();
  });

  it('carries a round still taking answers, on the copies of its carried insatser, from the merger date', () => {
    expect(carriedRound(round, start, copies)).toEqual({
      interventionIds: ['c1'],
      opensAt: start,
      closesAt: round.closesAt,
    });
    expect(carriedRound({ ...round, interventionIds: [] }, start, copies)?.interventionIds).toEqual([]);
  });

  it('carries no round that has closed, is planned after the merger, or none of whose insatser is carried', () => {
    expect(carriedRound({ ...round, closesAt: start }, start, copies)).toBeNull();
    expect(carriedRound({ ...round, opensAt: new Date('2024-02-01T00:00:00Z') }, start, copies)).toBeNull();
    expect(carriedRound({ ...round, interventionIds: ['i2'] }, start, copies)).toBeNull();
  });
});
