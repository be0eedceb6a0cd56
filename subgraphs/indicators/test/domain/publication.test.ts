/** Survey results in batches, alone: no single answer ever moves a published figure. */
import { batchShown, cellShown, nextBatch, publishedAnswers } from '../../src/domain/publication.js';

/** Answers arriving one at a time: the batch each joins, as submit_answer assigns it. */
function batchesOf(count: number, minimumN: number): number[] {
  const batches: number[] = [];
  for (let i = 0; i < count; i++) {
    const last = batches.at(-1);
    const size = batches.filter((b) => b === last).length;
    batches.push(nextBatch(last === undefined ? undefined : { batch: last, size }, minimumN));
  }
  return batches;
}

/** How many answers results count: those in batches that are shown. */
function counted(batches: number[], minimumN: number): number {
  const sizes = new Map<number, number>();
  for (const b of batches) {
    sizes.set(b, (sizes.get(b) ?? 0) + 1);
  }
  return batches.filter((b) => batchShown(sizes.get(b)!, minimumN)).length;
}

describe('publishing survey answers in batches', () => {
  it('puts answers into batches of exactly the minimum n, in order', () => {
    expect(batchesOf(12, 5)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3]);
    expect(nextBatch(undefined, 3)).toBe(1);
    expect(nextBatch({ batch: 4, size: 2 }, 3)).toBe(4);
    expect(nextBatch({ batch: 4, size: 3 }, 3)).toBe(5);
  });

  it('shows a batch once it is full, never before', () => {
    expect(batchShown(4, 5)).toBe(false);
    expect(batchShown(5, 5)).toBe(true);
    // Answers stored before batches existed form one batch: shown when it reaches the minimum n.
    expect(batchShown(23, 5)).toBe(true);
  });

  it.each([3, 5, 7])('never lets one answer move what is counted (minimum n %i): steps of the minimum n', (k) => {
    let before = 0;
    for (let received = 1; received <= 40; received++) {
      const now = counted(batchesOf(received, k), k);
      expect(now).toBe(publishedAnswers(received, k));
      // The attacker reads the results before and after each answer: either nothing changed, or a
      // whole batch of k answers arrived at once, the new one among them.
      expect([0, k]).toContain(now - before);
      before = now;
    }
    // The last batch of a closed round that never filled is never counted.
    expect(publishedAnswers(k * 3 + k - 1, k)).toBe(k * 3);
  });

  it('lets a cell (an insats × a statement) into figures only at the minimum n', () => {
    expect(cellShown(4, 5)).toBe(false);
    expect(cellShown(5, 5)).toBe(true);
  });
});
