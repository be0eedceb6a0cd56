/**
 * A förbund merger's part in indicators, asked by governance alone (a service call, not in the client
 * API): the merging förbund's survey rounds stop taking answers at the merger date and, when the decision
 * says so, continue in the merged förbund (domain/merger.ts). Answers and their results stay where given.
 */
import { mergerArgs } from '@finsam/kit/builder.js';
import { derivedId } from '@finsam/kit/ids.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { carriedRound, closedAt } from '../domain/merger.js';
import { SurveyRound } from '../entities/SurveyRound.js';
import { builder } from './builder.js';

builder.mutationField('carryOverSurveyRounds', (t) =>
  t.field({
    type: 'Int',
    description:
      'A merger: the survey rounds of `fromIds` still taking answers at the start of `effectiveOn` stop then; ' +
      'with `carryOver` each continues in `intoId` as a copy (`derivedId(mergerId, id)`) on the copies of ' +
      '`interventionIds`. Answers how many copies were made now; repeating it makes none again. Not in the ' +
      'client API: governance’s `mergeForbund` asks it.',
    inaccessible: true,
    authScopes: { platformAdmin: true },
    args: {
      ...mergerArgs(t.arg),
      carryOver: t.arg.boolean({ required: true, description: 'Whether the rounds continue in `intoId`.' }),
      interventionIds: t.arg.idList({ required: true, description: 'The insatser carried over (originals).' }),
    },
    resolve: async (_r, args, ctx) => {
      const mergerId = String(args.mergerId);
      const intoId = String(args.intoId);
      const start = new Date(`${args.effectiveOn}T00:00:00Z`);
      const copyOf = new Map(args.interventionIds.map((id) => [String(id), derivedId(mergerId, String(id))]));
      let carried = 0;
      for (const fromId of args.fromIds.map(String)) {
        const rounds = await forkForTenant(ctx.em, fromId).find(SurveyRound, { closesAt: { $gt: start } });
        if (args.carryOver) {
          await forkForTenant(ctx.em, intoId).transactional(async (tx) => {
            for (const r of rounds) {
              const copy = carriedRound(r, start, copyOf);
              const id = derivedId(mergerId, r.id);
              if (!copy || (await tx.findOne(SurveyRound, { id }))) {
                continue;
              }
              tx.create(SurveyRound, {
                id,
                tenantId: intoId,
                instrument: r.instrument,
                periodFrom: r.periodFrom,
                periodTo: r.periodTo,
                interventionIds: copy.interventionIds,
                body: r.body,
                opensAt: copy.opensAt,
                closesAt: copy.closesAt,
                minimumN: r.minimumN,
                codesIssued: 0,
              });
              carried += 1;
            }
          });
        }
        await forkForTenant(ctx.em, fromId).transactional(async (tx) => {
          for (const r of rounds) {
            const closesAt = closedAt(r, start);
            if (closesAt) {
              tx.merge(r).closesAt = closesAt;
            }
          }
        });
      }
      return carried;
    },
  }),
);
