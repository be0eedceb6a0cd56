/**
 * A förbund merger's part in teams, asked by governance alone (a service call, not in the client API):
 * the insatser of the merging förbund carried over to the merged one or closed (../domain/merger.ts).
 */
import { mergerArgs } from '@finsam/kit/builder.js';
import { derivedId } from '@finsam/kit/ids.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { carriedIntervention, carriedPositions, closedIntervention, runsOn } from '../domain/merger.js';
import { Intervention } from '../entities/Intervention.js';
import { StaffPosition } from '../entities/StaffPosition.js';
import { builder } from './builder.js';

builder.mutationField('carryOverInterventions', (t) =>
  t.field({
    type: ['ID'],
    description:
      'A merger: the insatser of `fromIds` running on `effectiveOn` continue in `intoId` (copies with ids ' +
      '`derivedId(mergerId, id)`, staff positions along) when `carryOver`, and end the day before either way. ' +
      'Answers the ids of the insatser carried over. Repeating it writes nothing new. Not in the client API: ' +
      'governance’s `mergeForbund` asks it.',
    inaccessible: true,
    authScopes: { platformAdmin: true },
    args: {
      ...mergerArgs(t.arg),
      carryOver: t.arg.boolean({ required: true, description: 'Carry the insatser over (else only close them).' }),
      fromMemberIds: t.arg.idList({ required: true, description: 'Members of the merging förbund…' }),
      toMemberIds: t.arg.idList({
        required: true,
        description: '…and their counterparts in the merged one, in order.',
      }),
    },
    resolve: async (_r, args, ctx) => {
      const members = new Map(args.fromMemberIds.map((id, i) => [String(id), String(args.toMemberIds[i])]));
      const mergerId = String(args.mergerId);
      const intoId = String(args.intoId);
      const carried: string[] = [];
      for (const fromId of args.fromIds.map(String)) {
        const old = forkForTenant(ctx.em, fromId);
        const running = (await old.find(Intervention, {}, { populate: ['staff'], orderBy: { id: 'asc' } })).filter(
          (i) => runsOn(i, args.effectiveOn),
        );
        if (args.carryOver) {
          await forkForTenant(ctx.em, intoId).transactional(async (tx) => {
            for (const i of running) {
              const id = derivedId(mergerId, i.id);
              if (await tx.findOne(Intervention, { id })) {
                continue;
              }
              const { staff, goals, events, createdAt, updatedAt, ...fields } = i;
              const copy = tx.create(
                Intervention,
                carriedIntervention(fields, { id, tenantId: intoId }, args.effectiveOn, members),
              );
              for (const s of carriedPositions(
                staff.getItems(),
                args.effectiveOn,
                members,
                (original) => derivedId(mergerId, original),
                intoId,
              )) {
                tx.create(StaffPosition, { ...s, intervention: copy });
              }
            }
          });
          carried.push(...running.map((i) => i.id));
        }
        await old.transactional(async (tx) => {
          for (const i of running) {
            const closing = closedIntervention(i, args.effectiveOn);
            if (closing) {
              await tx.nativeUpdate(Intervention, { id: i.id }, closing);
              await tx.nativeUpdate(
                StaffPosition,
                { intervention: i.id, $or: [{ toDate: null }, { toDate: { $gt: closing.endDate } }] },
                { toDate: closing.endDate },
              );
            }
          }
        });
      }
      return carried;
    },
  }),
);
