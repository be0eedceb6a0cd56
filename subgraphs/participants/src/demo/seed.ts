/**
 * Participants' idempotent demo seed, run as the database owner: a förbund's participants are seeded
 * once, when it has no participation yet, as of the day the seed runs (see participations.ts).
 */
import { randomUUID } from 'node:crypto';
import { DEMO_FORBUND } from '@finsam/governance/demo/forbund.js';
import { today as todayUtc } from '@finsam/kit/dates.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import type { MikroORM, RequiredEntityData } from '@mikro-orm/postgresql';
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
    const people: RequiredEntityData<Person>[] = [];
    const participations: RequiredEntityData<Participation>[] = [];
    const followUps: RequiredEntityData<FollowUp>[] = [];
    for (const { d, record } of mine) {
      const { followUps: dates, ...columns } = record;
      const person = randomUUID();
      const participation = randomUUID();
      people.push({
        id: person,
        tenantId,
        interventionId: d.interventionId,
        personNumberHash: personHash(keys, tenantId, d.personnummer),
        personNumberCipher: encrypt(keys, d.personnummer),
        nameCipher: null,
      });
      participations.push({ id: participation, tenantId, person, ...columns });
      dates.forEach((date, i) =>
        followUps.push({
          id: randomUUID(),
          tenantId,
          participation,
          date,
          referrerPresent: i % 3 !== 2,
          decision: 'CONTINUE',
        }),
      );
    }
    // A thousand rows in a few statements, not one per entity through the unit of work.
    await em.transactional(async (tx) => {
      await tx.insertMany(Person, people);
      await tx.insertMany(Participation, participations);
      await tx.insertMany(FollowUp, followUps);
    });
  }
}
