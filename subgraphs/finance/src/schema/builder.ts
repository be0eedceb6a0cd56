import { createBuilder } from '@finsam/kit/builder.js';
import { periodTaken } from '../domain/requisitions.js';

/** The finance subgraph's builder; every file in this folder adds its type to it. */
export const builder = createBuilder({
  // What a client is told when one of these refuses a write (kit/conflicts.ts).
  constraints: {
    // Two submissions for one period at the same moment: the second is told what a later one is told.
    requisition_period_uniq: {
      path: ['input', 'period'],
      message: (args) => {
        const input = args.input as { year?: unknown; period?: unknown } | undefined;
        return periodTaken({ year: Number(input?.year), period: Number(input?.period) }).message;
      },
    },
  },
});
