/**
 * When survey results change: in batches, never by one answer (issue 16, surveys unlinkable).
 *
 * Someone who reads the results before and after a person answers must learn nothing about that
 * answer. So an answer joins its (round, insats)'s open batch, and results count only full batches:
 * a batch shows once it holds the round's minimum n of answers. Results then change in steps of at
 * least that many answers, each step the sum of answers none of which can be told apart. A batch that
 * never fills (fewer than the minimum n answers after the last full one when the round closes) is
 * never shown: publishing it at the close would let the reader subtract the last full result and read
 * those few answers. The database applies these rules (`submit_answer`, and the results' SQL in
 * `schema/SurveyResult.ts`); these functions state them and are tested on their own.
 *
 * Within what is shown, every figure is built only from cells (an insats × a statement) that reach the
 * minimum n themselves: an indicator sums the statements it shows, a round total the insatser's shown
 * statements. A suppressed statement is then in no figure at all, so no total minus the shown parts
 * gives it away.
 */

/** The last batch of a (round, insats): its number and how many answers it holds. */
export interface LastBatch {
  batch: number;
  size: number;
}

/** The batch the next answer joins: the open one, or a new one once the last is full. */
export function nextBatch(last: LastBatch | undefined, minimumN: number): number {
  if (!last) {
    return 1;
  }
  return last.size >= minimumN ? last.batch + 1 : last.batch;
}

/** Whether a batch of this many answers shows in results. */
export function batchShown(size: number, minimumN: number): boolean {
  return size >= minimumN;
}

/** How many of `received` answers results count, when they came one at a time: whole batches only. */
export function publishedAnswers(received: number, minimumN: number): number {
  return Math.floor(received / minimumN) * minimumN;
}

/** Whether a cell (an insats × a statement) with `n` answers may go into any figure. */
export function cellShown(n: number, minimumN: number): boolean {
  return n >= minimumN;
}
