/**
 * Issue 23, the reports kept up to date: a förbund's year report and the county report are answered
 * from what the participants subgraph keeps (the trigger-maintained half-year ledger, its version per
 * förbund, and the years published under that version in process memory). After each kind of write —
 * enrolment, exit, correction, consent withdrawal, a gallring run — both reports, asked again right
 * after the write (the earlier answer kept), equal the figures computed from scratch here: the
 * participations counted by plain SQL, then published by the disclosure policy with nothing kept.
 */

import { todayInSweden } from '@finsam/kit/dates.js';
import { countyTables } from '@finsam/participants/domain/county.js';
import { DISCLOSURE_THRESHOLD } from '@finsam/participants/domain/disclosure.js';
import { type DisclosedYear, disclosedYear, type LedgerRow } from '@finsam/participants/domain/year-figures.js';
import { DEMO_INTERVENTION_IDS, NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';
import { participationWithHistory, personnummer } from './support/records.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { HALLSTAHAMMAR } = DEMO_INTERVENTION_IDS;
const ADMIN = 'norra-vastmanland-admin';
const STAFF = 'norra-vastmanland-staff';
const COUNTY = 'county-analyst';
const THIS_YEAR = Number(todayInSweden().slice(0, 4));
const YEARS = [2021, THIS_YEAR - 1, THIS_YEAR];
const RESULT = '__typename ... on Error { message } ... on ValidationError { issues { path message } }';

/**
 * The förbund's ledger counted from scratch: its participations, by plain SQL, in the shape the
 * ledger has (participants README, "Reports").
 */
async function countedLedger(tenant: string): Promise<LedgerRow[]> {
  return p.rows<LedgerRow>(
    'participants',
    `with r as (select * from participation where tenant_id = $1 and enrolled_on is not null),
     c as (
       select intervention_id, enrolled_on as d, 'ALL' as dim, '' as key, 1 as n, 0 as x,
         (age_at_referral is not null)::int as age_n, coalesce(age_at_referral, 0) as age_sum, 0 as step from r
       union all select intervention_id, enrolled_on, 'KON', kon, 1, 0, 0, 0, 0 from r
       union all select intervention_id, enrolled_on, 'REFERRER', referrer_unit, 1, 0, 0, 0, 0 from r
       union all select intervention_id, enrolled_on, 'HEMKOMMUN', hemkommun, 1, 0, 0, 0, 0 from r
         where hemkommun is not null
       union all select intervention_id, exited_on, 'ALL', '', 0, 1, 0, 0, participation_step_forward(outcomes)::int
         from r where exited_on is not null
       union all select intervention_id, exited_on, 'KON', kon, 0, 1, 0, 0, 0 from r where exited_on is not null
       union all select intervention_id, exited_on, 'HEMKOMMUN', hemkommun, 0, 1, 0, 0, 0 from r
         where exited_on is not null and hemkommun is not null
       union all select intervention_id, exited_on, 'OUTCOME', o, 0, 1, 0, 0, 0 from r, unnest(outcomes) o
         where exited_on is not null
     )
     select intervention_id, extract(year from d)::int as year,
       case when extract(month from d) <= 6 then 1 else 2 end as half, dim, key, sum(n)::int as new,
       sum(x)::int as exited, sum(age_n)::int as age_n, sum(age_sum)::float8 as age_sum, sum(step)::int as step_forward
     from c group by 1, 2, 3, 4, 5 having sum(n) <> 0 or sum(x) <> 0 order by 1, 2, 3, 4, 5`,
    [tenant],
  );
}

/** A year as published from scratch, in the shape the queries below ask for. */
async function fromScratch(tenant: string, year: number, period: 'YEAR' | 'HALF_YEAR') {
  return disclosedYear(await countedLedger(tenant), year, period, DISCLOSURE_THRESHOLD);
}

const PUBLISHED = 'suppressed value';
const KEYS = `key count { ${PUBLISHED} }`;
const FIGURES = `new { ${PUBLISHED} } total { ${PUBLISHED} } exited { ${PUBLISHED} }
  newByKon { ${KEYS} } totalByKon { ${KEYS} } exitsByOutcome { ${KEYS} }
  stepForward { ${PUBLISHED} } stepForwardShare { ${PUBLISHED} }`;
const YEAR_REPORT = `query ($year: Int!, $period: ReportPeriod!) { forbund { year(year: $year) {
  participants(period: $period) {
    ${FIGURES} averageAgeAtEntry { ${PUBLISHED} }
    hemkommuner { scbCode new { ${PUBLISHED} } total { ${PUBLISHED} }
      newPrevious: newPreviousYear { ${PUBLISHED} } totalPrevious: totalPreviousYear { ${PUBLISHED} } }
    interventions { intervention { id } new { ${PUBLISHED} } total { ${PUBLISHED} } exited { ${PUBLISHED} }
      newByReferrer { ${KEYS} } newByKon { ${KEYS} } totalByKon { ${KEYS} } exitsByOutcome { ${KEYS} }
      averageAgeAtEntry { ${PUBLISHED} } stepForwardShare { ${PUBLISHED} } }
  }
} } }`;
const COUNTY_REPORT = `query ($ids: [ID!]!, $year: Int!, $period: ReportPeriod!) {
  countyReport(forbundIds: $ids, year: $year, period: $period) {
    forbund { year { forbund { id } } ${FIGURES} averageAgeAtEntry { ${PUBLISHED} }
      newByHemkommun { scbCode new { ${PUBLISHED} } } }
    totals { ${FIGURES} }
  }
}`;

/** The year report's part of a from-scratch year (the förbund's kommun list aside, which the query has too). */
function yearShape(y: DisclosedYear) {
  const { newByHemkommun: _, interventions, ...rest } = y;
  return {
    ...rest,
    interventions: interventions.map(({ interventionId, ...i }) => ({ intervention: { id: interventionId }, ...i })),
  };
}

async function yearReport(year: number, period: 'YEAR' | 'HALF_YEAR') {
  const res = await p.gql(YEAR_REPORT, { as: ADMIN, variables: { year, period } });
  expect(res.errors).toBeUndefined();
  return res.data.forbund.year.participants;
}

async function countyReport(year: number, period: 'YEAR' | 'HALF_YEAR') {
  const res = await p.gql(COUNTY_REPORT, { as: COUNTY, variables: { ids: [NORRA.id, VASTERAS.id], year, period } });
  expect(res.errors).toBeUndefined();
  return res.data.countyReport;
}

/** The county's table from scratch: each förbund's year published anew, then the county's sums. */
async function countyFromScratch(year: number, period: 'YEAR' | 'HALF_YEAR') {
  const ids = [NORRA.id, VASTERAS.id].sort();
  const years = await Promise.all(ids.map(async (id) => ({ forbundId: id, y: await fromScratch(id, year, period) })));
  const county = countyTables(years, year, DISCLOSURE_THRESHOLD);
  const figures = (r: (typeof county.rows)[number] | typeof county.totals) => ({
    ...r.figures,
    newByKon: r.newByKon,
    totalByKon: r.totalByKon,
    exitsByOutcome: r.exitsByOutcome,
    stepForward: r.stepForward,
    stepForwardShare: r.stepForwardShare,
  });
  return {
    forbund: county.rows.map((r) => ({
      year: { forbund: { id: r.key.forbundId } },
      ...figures(r),
      averageAgeAtEntry: r.averageAgeAtEntry,
      newByHemkommun: r.newByHemkommun,
    })),
    totals: figures(county.totals),
  };
}

/** Every year and period asked, through the gateway and from scratch: they must be equal. */
async function reportsEqualFromScratch() {
  const answers: unknown[] = [];
  for (const year of YEARS) {
    for (const period of ['YEAR', 'HALF_YEAR'] as const) {
      const [report, expected] = [await yearReport(year, period), yearShape(await fromScratch(NORRA.id, year, period))];
      expect(report).toEqual(expected);
      const [county, expectedCounty] = [await countyReport(year, period), await countyFromScratch(year, period)];
      expect(county).toEqual(expectedCounty);
      answers.push(report, county);
    }
  }
  return JSON.stringify(answers);
}

/** The ledger as the triggers keep it, and its version, for Norra Västmanland. */
async function ledger() {
  const rows = await p.rows<LedgerRow>(
    'participants',
    `select intervention_id, extract(year from half_year)::int as year,
       case when extract(month from half_year) <= 6 then 1 else 2 end as half, dim, key, new, exited, age_n,
       age_sum::float8 as age_sum, step_forward
     from participation_half_year where tenant_id = $1 and (new <> 0 or exited <> 0) order by 1, 2, 3, 4, 5`,
    [NORRA.id],
  );
  const [v] = await p.rows<{ version: string }>(
    'participants',
    'select version::text as version from participation_ledger_version where tenant_id = $1',
    [NORRA.id],
  );
  return { rows, version: BigInt(v!.version) };
}

async function step(field: string, mutation: string, as: string, variables: Record<string, unknown>) {
  const res = await p.gql(mutation, { as, variables });
  expect(res.errors).toBeUndefined();
  expect(res.data[field].__typename).toMatch(/Success$/);
  return res.data[field];
}

describe('the year and county reports after writes', () => {
  let previous: string;
  let version: bigint;

  /**
   * After a write: the kept ledger is the one counted from scratch, and both reports (asked before
   * the write, so an answer was kept) equal their from-scratch figures. A write that moves the ledger
   * moves its version on and changes what is published, so a kept answer would read as before.
   */
  async function afterWrite(moves: boolean) {
    const kept = await ledger();
    expect(kept.rows).toEqual(await countedLedger(NORRA.id));
    const answers = await reportsEqualFromScratch();
    if (moves) {
      expect(kept.version).toBeGreaterThan(version);
      expect(answers).not.toEqual(previous);
    }
    version = kept.version;
    previous = answers;
  }

  beforeAll(async () => {
    version = (await ledger()).version;
    previous = await reportsEqualFromScratch();
  });

  let enrolled: string[];
  it('enrolments', async () => {
    enrolled = [];
    for (let n = 0; n < 6; n++) {
      enrolled.push(
        await participationWithHistory(p, {
          staff: STAFF,
          interventionId: HALLSTAHAMMAR,
          personnummer: personnummer(`1980030${n + 1}`, `40${n}`),
          referredOn: `${THIS_YEAR}-02-0${n + 1}`,
          enrolledOn: `${THIS_YEAR}-02-1${n}`,
        }),
      );
    }
    await afterWrite(true);
  });

  it('exits', async () => {
    for (const id of enrolled.slice(0, 4)) {
      await step(
        'exitParticipation',
        `mutation ($id: ID!, $on: Date!) { exitParticipation(participationId: $id, exitedOn: $on,
          outcomes: [STUDIER]) { ${RESULT} } }`,
        STAFF,
        { id, on: `${THIS_YEAR}-03-20` },
      );
    }
    await afterWrite(true);
  });

  it('corrections', async () => {
    for (const id of enrolled.slice(0, 2)) {
      await step(
        'correctParticipation',
        `mutation ($id: ID!, $changes: ParticipationCorrectionInput!) {
          correctParticipation(participationId: $id, reason: "Fel avslutsorsak", changes: $changes) { ${RESULT} } }`,
        STAFF,
        { id, changes: { outcomes: ['AVBROTT'] } },
      );
    }
    await afterWrite(true);
  });

  it('consent withdrawal', async () => {
    await step(
      'withdrawConsent',
      `mutation ($id: ID!, $on: Date!) { withdrawConsent(participationId: $id, withdrawnOn: $on) { ${RESULT} } }`,
      STAFF,
      { id: enrolled[5], on: `${THIS_YEAR}-04-01` },
    );
    await afterWrite(true);
  });

  it('a gallring run', async () => {
    await step(
      'setRetentionPolicy',
      `mutation ($input: RetentionPolicyInput!) { setRetentionPolicy(input: $input) { ${RESULT} } }`,
      ADMIN,
      {
        input: {
          recordType: 'PARTICIPATION',
          retentionYears: 1,
          decisionReference: 'Styrelsen § 3/2026',
          decidedOn: `${THIS_YEAR}-01-15`,
        },
      },
    );
    const run = await step(
      'runGallring',
      `mutation { runGallring(recordType: PARTICIPATION) { ${RESULT}
        ... on MutationRunGallringSuccess { data { participations } } } }`,
      ADMIN,
      {},
    );
    expect(run.data.participations).toBeGreaterThan(0);
    // Gallring keeps the figures (the participants README, "Gallring"): the ledger need not move.
    await afterWrite(false);
  });
});
