/**
 * Participants' idempotent demo seed, run as the database owner: seeded once, when Norra
 * Västmanland has no participation yet.
 */
import { randomUUID } from 'node:crypto';
import { forbundBySlug } from '@finsam/governance/demo/forbund.js';
import { addMonths } from '@finsam/kit/dates.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Participation } from '../entities/Participation.js';
import { Person } from '../entities/Person.js';
import { encrypt, personHash, personKeys } from '../person-crypto.js';
import { demoParticipations } from './participations.js';

/** Norra Västmanland's synthetic participants, 2020–2021 (see participations.ts). */
export async function seedParticipants(orm: MikroORM, secrets: Record<string, string>): Promise<void> {
  const tenantId = forbundBySlug('norra-vastmanland').id;
  const em = forkForTenant(orm.em, tenantId);
  if (await em.count(Participation, {})) {
    return;
  }
  const keys = personKeys(secrets);
  await em.transactional(async (tx) => {
    for (const d of demoParticipations()) {
      const person = tx.create(Person, {
        id: randomUUID(),
        tenantId,
        interventionId: d.interventionId,
        personNumberHash: personHash(keys, tenantId, d.personnummer),
        personNumberCipher: encrypt(keys, d.personnummer),
        nameCipher: null,
      });
      tx.create(Participation, {
        id: randomUUID(),
        tenantId,
        interventionId: d.interventionId,
        person,
        status: d.exitedOn ? 'EXITED' : 'ENROLLED',
        kon: d.kon,
        startYear: Number(d.enrolledOn.slice(0, 4)),
        birthYear: 2021 - d.age,
        ageAtReferral: d.age,
        hemkommun: d.hemkommun,
        referredOn: d.referredOn,
        referrerUnit: d.referrer,
        needsTwoMembers: true,
        motivated: true,
        exclusionGrounds: [],
        studyVisit: 'DONE',
        decisionReason: null,
        decidedOn: d.referredOn,
        consentGivenOn: d.referredOn,
        consentWithdrawnOn: null,
        enrolledOn: d.enrolledOn,
        plannedEnd: addMonths(d.enrolledOn, 12),
        educationLevel: 'GYMNASIUM',
        supportBefore: ['FORSORJNINGSSTOD'],
        yearsInSupport: 2,
        extensionDecisionId: null,
        exitedOn: d.exitedOn,
        outcomes: d.outcome ? [d.outcome] : [],
        supportAfter: null,
        finalDocumentationSentOn: d.exitedOn,
        level6Months: null,
        level18Months: null,
      });
    }
  });
}
