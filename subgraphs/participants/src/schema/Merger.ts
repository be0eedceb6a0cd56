/**
 * A förbund merger's part in participants, asked by governance alone (a service call, not in the client
 * API): open participations of the carried insatser continue in the merged förbund (../domain/merger.ts).
 */
import { mergerArgs } from '@finsam/kit/builder.js';
import { derivedId } from '@finsam/kit/ids.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { copiedFields, OPEN_STATUSES, openOn } from '../domain/merger.js';
import { FollowUp } from '../entities/FollowUp.js';
import { Participation } from '../entities/Participation.js';
import { Person } from '../entities/Person.js';
import { Screening } from '../entities/Screening.js';
import { decrypt, personHash, personKeys } from '../person-crypto.js';
import { builder } from './builder.js';

builder.mutationField('carryOverParticipations', (t) =>
  t.field({
    type: 'Int',
    description:
      'A merger: participations of `fromIds` open on `effectiveOn` in the insatser `interventionIds` continue in ' +
      '`intoId` (copies `derivedId(mergerId, id)` in the insats’ copy, with person, follow-ups and screenings); ' +
      'the originals are marked carried over. Answers how many were carried now; repeating it carries none ' +
      'again. Not in the client API: governance’s `mergeForbund` asks it.',
    inaccessible: true,
    authScopes: { platformAdmin: true },
    args: {
      ...mergerArgs(t.arg),
      interventionIds: t.arg.idList({ required: true, description: 'The insatser carried over (originals).' }),
    },
    resolve: async (_r, args, ctx) => {
      const keys = personKeys(ctx.secrets);
      const mergerId = String(args.mergerId);
      const intoId = String(args.intoId);
      const copyOf = (id: string) => derivedId(mergerId, id);
      let carried = 0;
      for (const fromId of args.fromIds.map(String)) {
        const old = forkForTenant(ctx.em, fromId);
        const open = (
          await old.find(
            Participation,
            {
              interventionId: { $in: args.interventionIds.map(String) },
              status: { $in: [...OPEN_STATUSES] },
              carriedOverTo: null,
            },
            { populate: ['person', 'followUps', 'screenings'], orderBy: { id: 'asc' } },
          )
        ).filter((p) => openOn(p, args.effectiveOn));
        if (open.length === 0) {
          continue;
        }
        await forkForTenant(ctx.em, intoId).transactional(async (tx) => {
          for (const p of open) {
            const interventionId = copyOf(p.interventionId);
            let person: Person | null = null;
            const original = p.person?.getEntity();
            if (original) {
              // Found again in the merged förbund by its own keyed hash (person-crypto.ts), as a referral would.
              const personnummer = decrypt(keys, original.personNumberCipher);
              person = await tx.upsert(
                Person,
                {
                  id: copyOf(original.id),
                  tenantId: intoId,
                  interventionId,
                  personNumberHash: personHash(keys, intoId, personnummer),
                  personNumberCipher: original.personNumberCipher,
                  nameCipher: original.nameCipher ?? null,
                  protectedIdentity: original.protectedIdentity,
                },
                { onConflictFields: ['tenantId', 'interventionId', 'personNumberHash'], onConflictAction: 'ignore' },
              );
            }
            const copy = tx.create(Participation, {
              ...copiedFields(p),
              id: copyOf(p.id),
              tenantId: intoId,
              interventionId,
              person,
              referringMemberId: null,
              culledOn: null,
              carriedOverTo: null,
            } as never);
            for (const f of p.followUps.getItems()) {
              tx.create(FollowUp, {
                id: copyOf(f.id),
                tenantId: intoId,
                participation: copy,
                date: f.date,
                referrerPresent: f.referrerPresent,
                decision: f.decision,
              });
            }
            for (const s of p.screenings.getItems()) {
              tx.create(Screening, {
                id: copyOf(s.id),
                tenantId: intoId,
                participation: copy,
                kind: s.kind,
                date: s.date,
                answered: s.answered ?? null,
                supportOffered: s.supportOffered ?? null,
                score: s.score ?? null,
              });
            }
          }
        });
        await old.transactional(async (tx) => {
          for (const p of open) {
            await tx.nativeUpdate(Participation, { id: p.id }, { carriedOverTo: copyOf(p.id) });
          }
        });
        carried += open.length;
      }
      return carried;
    },
  }),
);
