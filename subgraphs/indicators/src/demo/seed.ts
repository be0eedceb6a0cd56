/**
 * Indicators' idempotent demo seed, run as the database owner: the demo instruments (shared by all förbund: the
 * first in code, the six questionnaire files loaded as a platform administrator would), Norra Västmanland's two
 * past survey rounds with their answers, and its open board round with codes to try; each only if missing.
 */

import { randomUUID } from 'node:crypto';
import { forbundBySlug } from '@finsam/governance/demo/forbund.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { storedScale } from '../domain/instrument.js';
import { parseInstrumentFile } from '../domain/instrument-file.js';
import { hashResponseCode } from '../domain/response-codes.js';
import { FORBUND_UNIT } from '../domain/survey-round.js';
import { Instrument } from '../entities/Instrument.js';
import { InstrumentItem } from '../entities/InstrumentItem.js';
import { ResponseCode } from '../entities/ResponseCode.js';
import { SurveyRound } from '../entities/SurveyRound.js';
import {
  DEMO_BOARD_ROUNDS,
  DEMO_INSTRUMENT,
  DEMO_INSTRUMENT_FILES,
  DEMO_OPEN_ROUND,
  DEMO_ROUNDS,
  demoAnswers,
  demoInstrumentFile,
  syntheticAnswers,
} from './surveys.js';

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
  for (const name of DEMO_INSTRUMENT_FILES) {
    const file = parseInstrumentFile(demoInstrumentFile(name));
    if (await em.count(Instrument, { respondentGroup: file.respondentGroup, version: file.version })) {
      continue;
    }
    await em.transactional(async (tx) => {
      const instrument = tx.create(Instrument, {
        id: randomUUID(),
        respondentGroup: file.respondentGroup,
        version: file.version,
        name: file.name,
        description: file.description,
        scale: storedScale(file.scale),
        publishedAt: null,
      });
      file.items.forEach((item, i) =>
        tx.create(InstrumentItem, { id: randomUUID(), instrument, position: i + 1, ...item }),
      );
      await tx.flush();
      instrument.publishedAt = new Date('2021-10-01T00:00:00Z');
    });
  }
  await seedOpenRound(orm);
  await seedBoardRounds(orm);
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
        body: null,
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

/** The open round to try, dated from today, with its demo codes (their hashes, as issued codes are kept). */
async function seedOpenRound(orm: MikroORM): Promise<void> {
  const r = DEMO_OPEN_ROUND;
  const tenantId = forbundBySlug(r.forbund).id;
  const scoped = forkForTenant(orm.em, tenantId);
  if (await scoped.count(SurveyRound, { id: r.id })) {
    return;
  }
  const instrument = await scoped.findOneOrFail(Instrument, { respondentGroup: r.respondentGroup, version: r.version });
  await scoped.transactional(async (tx) => {
    const round = tx.create(SurveyRound, {
      id: r.id,
      tenantId,
      instrument,
      ...r.dates(new Date()),
      interventionIds: [],
      body: null,
      minimumN: r.minimumN,
      codesIssued: r.codes.length,
    });
    for (const code of r.codes) {
      tx.create(ResponseCode, { codeHash: hashResponseCode(code), tenantId, round, interventionId: FORBUND_UNIT });
    }
  });
}

/** The past board rounds (no insats: the förbund is their one unit), their answers one batch each, as past rounds'. */
async function seedBoardRounds(orm: MikroORM): Promise<void> {
  const thisYear = new Date().getUTCFullYear();
  for (const [index, r] of DEMO_BOARD_ROUNDS.entries()) {
    const tenantId = forbundBySlug(r.forbund).id;
    const scoped = forkForTenant(orm.em, tenantId);
    if (await scoped.count(SurveyRound, { id: r.id })) {
      continue;
    }
    const instrument = await scoped.findOneOrFail(
      Instrument,
      { respondentGroup: 'BOARD_MEMBER', version: 1 },
      { populate: ['items'] },
    );
    const year = thisYear - r.yearsAgo;
    await scoped.transactional(async (tx) => {
      tx.create(SurveyRound, {
        id: r.id,
        tenantId,
        instrument,
        periodFrom: `${year}-01-01`,
        periodTo: `${year}-12-01`,
        interventionIds: [],
        body: null,
        opensAt: new Date(`${year}-10-01T08:00:00+02:00`),
        closesAt: new Date(`${year}-11-30T23:59:59+01:00`),
        minimumN: r.minimumN,
        codesIssued: r.count,
      });
      await tx.flush();
      const values = syntheticAnswers(7000 + index, r.count, r.lean, instrument.items.length, instrument.scale);
      await tx.execute(
        `insert into "answer" ("tenant_id", "round_id", "intervention_id", "batch", "values")
         select ?, ?, ?, 1,
                array(select v::int from jsonb_array_elements_text(a.v) with ordinality as e(v, o) order by o)
         from jsonb_array_elements(?::jsonb) as a(v)`,
        [tenantId, r.id, FORBUND_UNIT, JSON.stringify(values)],
      );
    });
  }
}
