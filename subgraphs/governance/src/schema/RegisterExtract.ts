/**
 * A register extract (participants' `registerExtract`, GDPR art. 15) shows the board's decisions that
 * name each of the person's participations (an extension, for instance): they are records about the
 * person too, and governance holds them.
 */
import type { SubgraphContext } from '@finsam/kit/context.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { Decision } from '../entities/Decision.js';
import { builder } from './builder.js';
import { DecisionRef } from './Decision.js';

const ExtractParticipationRef = builder
  .externalRef('RegisterExtractParticipation', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
    fields: () => ({}),
  });

/** The decisions naming each participation a request asks about, in one statement. */
const decisionsOf = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<string, Decision[]>(async (ids) => {
      const decisions = await ctx.em.find(Decision, { participationId: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
      return ids.map((id) => decisions.filter((d) => d.participationId === id));
    }),
);

builder.objectField(ExtractParticipationRef, 'decisions', (t) =>
  t.field({
    type: [DecisionRef],
    description: 'The beslut naming this participation (e.g. an extension), as the minutes record them.',
    authScopes: { tenantAdmin: true },
    resolve: (p, _a, ctx) => decisionsOf(ctx).load(p.id),
  }),
);
