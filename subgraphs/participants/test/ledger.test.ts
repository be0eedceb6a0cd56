/**
 * The year figures come from a ledger that triggers keep (migration ParticipationLedger). Done
 * means: after participations are added, enrolled, exited, corrected, stripped of consent and
 * deleted — by the app role under RLS, and by the owner — every year and half-year figure a förbund
 * reads through the gateway equals what counting its participations row by row gives, wherever the
 * disclosure policy publishes it (test/disclosure.test.ts holds the withheld ones to the policy).
 */
import { randomUUID } from 'node:crypto';
import { openOrm } from '@finsam/kit/database.js';
import { addDays } from '@finsam/kit/dates.js';
import { periodBounds, type ReportPeriod } from '@finsam/kit/forbund-year.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { STEP_FORWARD } from '@finsam/participants/domain/figures.js';
import { KON, OUTCOMES, Participation, REFERRER_UNITS } from '@finsam/participants/entities/Participation.js';
import { database } from '@finsam/participants/server.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEMO_INTERVENTION_IDS, NORRA, startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';

const INTERVENTIONS = [DEMO_INTERVENTION_IDS.SALA, DEMO_INTERVENTION_IDS.FNS, DEMO_INTERVENTION_IDS.SURAHAMMAR];
const KOMMUNER = ['1981', '1982', '1961'];
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

let p: TestPlatform;
let owner: MikroORM;
beforeAll(async () => {
  p = await startTestPlatform();
  owner = await openOrm({ connection: p.databases.participants!.owner, ...database, poolMax: 2 });
});
afterAll(async () => {
  await owner.close(true);
  await p.close();
});

/** A fixed pseudo-random sequence: the same participations every run. */
function sequence(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
}

const D = '{ suppressed value }';
const QUERY = `query Year($year: Int!, $period: ReportPeriod!) {
  forbund { year(year: $year) { participants(period: $period) {
    hemkommuner { scbCode new ${D} total ${D} newPreviousYear ${D} totalPreviousYear ${D} }
    interventions {
      intervention { id } new ${D} total ${D} exited ${D}
      newByReferrer { key count ${D} } newByKon { key count ${D} } totalByKon { key count ${D} }
      exitsByOutcome { key count ${D} } averageAgeAtEntry ${D} stepForwardShare ${D}
    }
  } } }
}`;

type Row = Pick<
  Participation,
  'interventionId' | 'kon' | 'referrerUnit' | 'hemkommun' | 'ageAtReferral' | 'enrolledOn' | 'exitedOn' | 'outcomes'
>;

/** The figures counted from the rows themselves, as the Årsrapport defines them. */
function expected(rows: Row[], year: number, period: ReportPeriod) {
  const { from, to } = periodBounds(year, period);
  const previous = periodBounds(year - 1, period);
  const enrolled = rows.filter((r) => r.enrolledOn !== null);
  const active = (r: Row, f: string, t: string) => r.enrolledOn! <= t && (r.exitedOn == null || r.exitedOn >= f);
  const isNew = (r: Row, f: string, t: string) => r.enrolledOn! >= f && r.enrolledOn! <= t;
  const exited = (r: Row) => r.exitedOn != null && r.exitedOn >= from && r.exitedOn <= to;
  const tally = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) {
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return Object.fromEntries([...m].sort());
  };
  const hemkommuner = Object.fromEntries(
    [...new Set(enrolled.filter((r) => r.hemkommun).map((r) => r.hemkommun!))]
      .map((k) => {
        const of = enrolled.filter((r) => r.hemkommun === k);
        const count = (f: (r: Row) => boolean) => of.filter(f).length;
        return [
          k,
          count((r) => active(r, previous.from, to)),
          [
            count((r) => isNew(r, from, to)),
            count((r) => active(r, from, to)),
            count((r) => isNew(r, previous.from, previous.to)),
            count((r) => active(r, previous.from, previous.to)),
          ],
        ] as const;
      })
      .filter(([, any]) => any > 0)
      .map(([k, , figures]) => [k, figures]),
  );
  const interventions = Object.fromEntries(
    [...new Set(enrolled.map((r) => r.interventionId))]
      .map((id) => {
        const act = enrolled.filter((r) => r.interventionId === id && active(r, from, to));
        const fresh = act.filter((r) => isNew(r, from, to));
        const exits = act.filter(exited);
        const aged = fresh.filter((r) => r.ageAtReferral !== null);
        const steps = exits.filter((r) => r.outcomes.some((o) => STEP_FORWARD.includes(o))).length;
        return [
          id,
          {
            new: fresh.length,
            total: act.length,
            exited: exits.length,
            newByReferrer: tally(fresh.map((r) => r.referrerUnit)),
            newByKon: tally(fresh.map((r) => r.kon)),
            totalByKon: tally(act.map((r) => r.kon)),
            exitsByOutcome: tally(exits.flatMap((r) => r.outcomes)),
            averageAgeAtEntry: aged.length
              ? Math.round((aged.reduce((a, r) => a + r.ageAtReferral!, 0) / aged.length) * 10) / 10
              : null,
            stepForwardShare: exits.length ? Math.round((steps / exits.length) * 1000) / 1000 : null,
          },
        ] as const;
      })
      .filter(([, f]) => f.total > 0),
  );
  return { hemkommuner, interventions };
}

/** What the policy withholds reads as this; the rest as its value. */
const WITHHELD = 'withheld';
type Disclosed = { suppressed: boolean; value: number | null };
const shown = (c: Disclosed) => (c.suppressed ? WITHHELD : c.value);

async function read(year: number, period: ReportPeriod) {
  const res = await p.gql(QUERY, { as: 'norra-vastmanland-admin', variables: { year, period } });
  expect(res.errors).toBeUndefined();
  const y = res.data.forbund.year.participants;
  const table = (rows: { key: string; count: Disclosed }[]) =>
    Object.fromEntries(rows.map((r) => [r.key, shown(r.count)]).sort());
  return {
    hemkommuner: Object.fromEntries(
      y.hemkommuner.map((h: any) => [h.scbCode, [h.new, h.total, h.newPreviousYear, h.totalPreviousYear].map(shown)]),
    ),
    interventions: Object.fromEntries(
      y.interventions.map((r: any) => [
        r.intervention.id,
        {
          new: shown(r.new),
          total: shown(r.total),
          exited: shown(r.exited),
          newByReferrer: table(r.newByReferrer),
          newByKon: table(r.newByKon),
          totalByKon: table(r.totalByKon),
          exitsByOutcome: table(r.exitsByOutcome),
          averageAgeAtEntry: shown(r.averageAgeAtEntry),
          stepForwardShare: shown(r.stepForwardShare),
        },
      ]),
    ),
  };
}

/** The expected figures with what the answer withholds withheld too; and how many were compared exactly. */
function withheldAsIn(expected: unknown, got: unknown, counted = { exact: 0 }): unknown {
  if (got === WITHHELD) {
    return WITHHELD;
  }
  if (Array.isArray(expected) && Array.isArray(got)) {
    return expected.map((v, i) => withheldAsIn(v, got[i], counted));
  }
  if (expected && got && typeof expected === 'object' && typeof got === 'object') {
    return Object.fromEntries(
      Object.entries(expected).map(([k, v]) => [k, withheldAsIn(v, (got as Record<string, unknown>)[k], counted)]),
    );
  }
  counted.exact += typeof got === 'number' && got > 0 ? 1 : 0;
  return expected;
}

async function expectEveryPeriodToMatchTheRows() {
  const rows = await owner.em.fork().find(Participation, { tenantId: NORRA.id }, { filters: false });
  expect(rows.length).toBeGreaterThan(300);
  const counted = { exact: 0 };
  for (const year of YEARS) {
    for (const period of ['YEAR', 'HALF_YEAR'] as const) {
      const got = await read(year, period);
      expect({ year, period, ...got }).toEqual({
        year,
        period,
        ...(withheldAsIn(expected(rows, year, period), got, counted) as object),
      });
    }
  }
  // Many figures are published (random participations spread thin over eight years and three
  // insatser leave many cells of 1 to 4), and each of those is exact.
  expect(counted.exact).toBeGreaterThan(100);
}

it('matches counting the rows after inserts, exits, corrections, withdrawn consent and deletes', async () => {
  const next = sequence(42);
  // Inserted by the app role, scoped to the förbund: RLS binds it, the trigger still writes the ledger.
  const em = forkForTenant(p.orms.participants!.em.fork(), NORRA.id);
  const made: Participation[] = [];
  for (let n = 0; n < 300; n++) {
    const referred = addDays('2019-01-01', next(2800));
    const enrolled = next(10) === 0 ? null : addDays(referred, 7 + next(40));
    const exited = enrolled && next(3) > 0 ? addDays(enrolled, next(700)) : null;
    const consent = next(5) > 0;
    made.push(
      em.create(Participation, {
        id: randomUUID(),
        tenantId: NORRA.id,
        interventionId: INTERVENTIONS[next(3)]!,
        person: null,
        status: exited ? 'EXITED' : enrolled ? 'ENROLLED' : 'REFERRED',
        kon: KON[next(3)]!,
        startYear: Number((enrolled ?? referred).slice(0, 4)),
        birthYear: null,
        ageAtReferral: consent && next(4) > 0 ? 18 + next(45) : null,
        hemkommun: consent ? KOMMUNER[next(3)]! : null,
        referredOn: referred,
        referrerUnit: REFERRER_UNITS[next(4)]!,
        needsTwoMembers: true,
        motivated: true,
        exclusionGrounds: [],
        studyVisit: 'DONE',
        decisionReason: null,
        decidedOn: enrolled ? referred : null,
        consentGivenOn: consent ? referred : null,
        consentWithdrawnOn: null,
        enrolledOn: enrolled,
        plannedEnd: null,
        educationLevel: null,
        supportBefore: null,
        yearsInSupport: null,
        extensionDecisionId: null,
        exitedOn: exited,
        outcomes: exited
          ? [OUTCOMES[next(8)]!, ...(next(3) === 0 ? [OUTCOMES[next(8)]!] : [])].filter((o, i, a) => a.indexOf(o) === i)
          : [],
        supportAfter: null,
        finalDocumentationSentOn: null,
        level6Months: null,
        level18Months: null,
      }),
    );
  }
  await em.flush();
  await expectEveryPeriodToMatchTheRows();

  // Corrections by the app role: exits recorded, outcomes changed, enrolment dates moved, consent withdrawn.
  for (const [i, r] of made.entries()) {
    if (r.enrolledOn && !r.exitedOn && i % 2 === 0) {
      Object.assign(r, { exitedOn: addDays(r.enrolledOn, 30 + next(300)), status: 'EXITED', outcomes: ['STUDIER'] });
    } else if (r.exitedOn && i % 5 === 0) {
      r.outcomes = ['AVBROTT'];
    } else if (r.enrolledOn && i % 7 === 0) {
      r.enrolledOn = addDays(r.enrolledOn, -next(200));
    } else if (r.consentGivenOn && i % 11 === 0) {
      Object.assign(r, { consentWithdrawnOn: '2026-01-01', hemkommun: null, ageAtReferral: null });
    } else if (r.kon !== 'UNKNOWN' && i % 13 === 0) {
      r.kon = 'UNKNOWN';
    }
  }
  await em.flush();
  await expectEveryPeriodToMatchTheRows();

  // Removed by the owner (the app role never deletes participations).
  await owner.em
    .fork()
    .nativeDelete(
      Participation,
      { id: { $in: made.filter((_, i) => i % 9 === 0).map((r) => r.id) } },
      { filters: false },
    );
  await expectEveryPeriodToMatchTheRows();
  // Three passes over 16 periods, the years after 2021 full of demo participants: more than the default minute.
}, 150_000);

it('lets only the triggers write the ledger: the app role may not', async () => {
  const em = forkForTenant(p.orms.participants!.em.fork(), NORRA.id);
  await expect(
    em.transactional((t) =>
      t
        .getConnection()
        .execute(
          `update "participation_half_year" set "new" = "new" + 1 where "tenant_id" = '${NORRA.id}'`,
          [],
          'run',
          t.getTransactionContext(),
        ),
    ),
  ).rejects.toThrow(/permission denied/);
});
