/**
 * Indicators' idempotent demo seed, run as the database owner: the demo instrument (shared by all
 * förbund) and Norra Västmanland's two survey rounds with their answers, each only if missing.
 */
import { forbundBySlug } from '@finsam/governance/demo/forbund.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Instrument } from '../entities/Instrument.js';
import { InstrumentItem } from '../entities/InstrumentItem.js';
import { SurveyRound } from '../entities/SurveyRound.js';
import { DEMO_INSTRUMENT, DEMO_ROUNDS, demoAnswers } from './surveys.js';

export async function seedIndicators(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  if (!(await em.count(Instrument, { id: DEMO_INSTRUMENT.id }))) {
    const { items, ...fields } = DEMO_INSTRUMENT;
    await em.transactional(async (tx) => {
      const instrument = tx.create(Instrument, { ...fields, publishedAt: null });
      for (const item of items) {
        tx.create(InstrumentItem, { ...item, instrument });
      }
      await tx.flush();
      // Published last: the trigger refuses item rows under a published instrument.
      instrument.publishedAt = new Date('2019-10-01T00:00:00Z');
    });
  }
  for (const [index, r] of DEMO_ROUNDS.entries()) {
    const tenantId = forbundBySlug(r.forbund).id;
    const scoped = forkForTenant(orm.em, tenantId);
    if (await scoped.count(SurveyRound, { id: r.id })) {
      continue;
    }
    await scoped.transactional(async (tx) => {
      tx.create(SurveyRound, {
        id: r.id,
        tenantId,
        instrument: tx.getReference(Instrument, DEMO_INSTRUMENT.id),
        periodFrom: r.periodFrom,
        periodTo: r.periodTo,
        interventionIds: r.answers.map((a) => a.interventionId),
        opensAt: new Date(r.opensAt),
        closesAt: new Date(r.closesAt),
        minimumN: r.minimumN,
        codesIssued: r.answers.reduce((sum, a) => sum + a.count, 0),
      });
      await tx.flush();
      // Answers go in as submit_answer stores them: round, insats, values; nothing else. A past round's answers
      // came in before batches (domain/publication.ts): one batch per insats, shown if it reaches the minimum n.
      const rows = r.answers.flatMap((a) =>
        demoAnswers(index, a).map((values) => ({ intervention_id: a.interventionId, values })),
      );
      await tx.execute(
        `insert into "answer" ("tenant_id", "round_id", "intervention_id", "batch", "values")
         select ?, ?, a."intervention_id", 1,
                array(select v::int from jsonb_array_elements_text(a."values") with ordinality as e(v, o) order by o)
         from jsonb_to_recordset(?::jsonb) as a("intervention_id" uuid, "values" jsonb)`,
        [tenantId, r.id, JSON.stringify(rows)],
      );
    });
  }
}
