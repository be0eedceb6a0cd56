import { createBuilder } from '@finsam/kit/builder.js';

/** The participants subgraph's builder; every file in this folder adds its type to it. */
export const builder = createBuilder({
  constraints: {
    // Migration20261202000000OneOpenReferral.
    participation_one_open_per_person: {
      path: ['input', 'personnummer'],
      message:
        'The person already has an open referral or participation in this insats (one at a time): ' +
        'decide or end that one first',
    },
  },
});
