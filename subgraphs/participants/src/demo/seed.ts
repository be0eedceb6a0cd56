/**
 * Participants' idempotent demo seed, run as the database owner: a förbund's participants are seeded
 * once, when it has no participation yet, as of the day the seed runs (see participations.ts).
 */
import { randomUUID } from 'node:crypto';
import { DEMO_FORBUND } from '@finsam/governance/demo/forbund.js';
import { today as todayUtc } from '@finsam/kit/dates.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { FollowUp } from '../entities/FollowUp.js';
import { Participation } from '../entities/Participation.js';
import { Person } from '../entities/Person.js';
import { encrypt, personHash, personKeys } from '../person-crypto.js';
import { demoRecord } from './lifecycle.js';
import { demoParticipations } from './participations.js';

/** Every demo förbund's synthetic participants, each taken through the rules (lifecycle.ts) before it is written. */
export async function seedParticipants(orm: MikroORM, secrets: Record<string, string>): Promise<void> {
  const keys = personKeys(secrets);
  // The day the deadlines are counted from (`participantDeadlines` uses the same).
  const today = todayUtc();
  const all = demoParticipations(today);
  for (const forbund of DEMO_FORBUND) {
    const tenantId = forbund.id;
    const em = forkForTenant(orm.em, tenantId);
    if (await em.count(Participation, {})) {
      continue;
    }
    const mine = all.filter((d) => d.forbund === forbund.slug).map((d) => ({ d, record: demoRecord(d, today) }));
    await em.transactional(async (tx) => {
      for (const { d, record } of mine) {
        const { followUps, ...columns } = record;
        const person = tx.create(Person, {
          id: randomUUID(),
          tenantId,
          interventionId: d.interventionId,
          personNumberHash: personHash(keys, tenantId, d.personnummer),
          personNumberCipher: encrypt(keys, d.personnummer),
          nameCipher: null,
        });
        const participation = tx.create(Participation, { id: randomUUID(), tenantId, person, ...columns });
        followUps.forEach((date, i) =>
          tx.create(FollowUp, {
            id: randomUUID(),
            tenantId,
            participation,
            date,
            referrerPresent: i % 3 !== 2,
            decision: 'CONTINUE',
          }),
        );
      }
    });
  }
}
