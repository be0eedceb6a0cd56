/**
 * Issue 23, the reports kept up to date: a förbund's year report and the county report are answered
 * from what the participants subgraph keeps (the trigger-maintained half-year ledger, its version per
 * förbund, and the years and profiles published under that version in process memory). After each
 * kind of write — enrolment, exit, correction (of what the ledger counts, and of what only the profile
 * counts), consent withdrawal, a gallring run — both reports, asked again right after the write (the
 * earlier answer kept), equal the figures computed from scratch here: the participations counted by
 * plain SQL, then published by the disclosure policy with nothing kept.
 */

import { todayInSweden } from '@finsam/kit/dates.js';
import { periodBounds } from '@finsam/kit/forbund-year.js';
import { recordSqlStatements } from '@finsam/kit/telemetry.js';
import { countyTables } from '@finsam/participants/domain/county.js';
import { DISCLOSURE_THRESHOLD } from '@finsam/participants/domain/disclosure.js';
import {
  disclosedProfile,
  EMPTY_PROFILE_ROW,
  type Profile,
  type ProfileRow,
  sumProfileRows,
} from '@finsam/participants/domain/profile.js';
import { type DisclosedYear, disclosedYear, type LedgerRow } from '@finsam/participants/domain/year-figures.js';
import {
  DEMO_INTERVENTION_IDS,
  type GraphQLResponse,
  NORRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from './support/platform.js';
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

/**
 * The förbund's profile rows for a period counted from scratch (the participants README, "Participant
 * profile"): its participations enrolled at some time in the period, by plain SQL, added up here. By
 * insats, and for the förbund under `null`.
 */
async function countedProfiles(tenant: string, year: number, period: 'YEAR' | 'HALF_YEAR') {
  const { from, to } = periodBounds(year, period);
  const rows = await p.rows<{
    intervention_id: string;
    kon: string;
    age: number | null;
    years: number | null;
    before: string[];
    after: string[];
    who: string;
    is_exit: boolean;
  }>(
    'participants',
    `select pa.intervention_id, pa.kon, pa.age_at_referral as age, pa.years_in_support as years,
       coalesce(pa.support_before, '{}') as before, coalesce(pa.support_after, '{}') as after,
       coalesce(pe.person_number_hash, pa.id::text) as who,
       coalesce(pa.exited_on between $2::date and $3::date, false) as is_exit
     from participation pa left join person pe on pe.id = pa.person_id
     where pa.tenant_id = $1 and pa.enrolled_on is not null and pa.enrolled_on <= $3::date
       and (pa.exited_on is null or pa.exited_on >= $2::date)`,
    [tenant, from, to],
  );
  const add = (of: typeof rows, interventionId: string | null): ProfileRow => {
    const row = EMPTY_PROFILE_ROW(tenant, interventionId);
    row.participations = of.length;
    row.persons = new Set(of.map((r) => r.who)).size;
    row.exited = of.filter((r) => r.is_exit).length;
    for (const kon of [...new Set(of.map((r) => r.kon))].sort()) {
      const mine = of.filter((r) => r.kon === kon);
      const ages = mine.filter((r) => r.age !== null);
      const years = mine.filter((r) => r.years !== null);
      row.by_kon.push({
        kon,
        n: mine.length,
        age_n: ages.length,
        age_sum: ages.reduce((a, r) => a + r.age!, 0),
        years_n: years.length,
        years_sum: years.reduce((a, r) => a + r.years!, 0),
      });
    }
    const exits = of.filter((r) => r.is_exit);
    for (const source of [...new Set(exits.flatMap((r) => [...r.before, ...r.after]))].sort()) {
      const before = exits.filter((r) => r.before.includes(source)).length;
      row.support.push({ source, before, after: exits.filter((r) => r.after.includes(source)).length });
    }
    return row;
  };
  const insatser = [...new Set(rows.map((r) => r.intervention_id))];
  return new Map<string | null, ProfileRow>([
    [null, add(rows, null)],
    ...insatser.map(
      (i) =>
        [
          i,
          add(
            rows.filter((r) => r.intervention_id === i),
            i,
          ),
        ] as const,
    ),
  ]);
}

/** Kön and support sources in one order on both sides (the order is not what is compared). */
function ordered(profile: Profile) {
  const by =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return {
    ...profile,
    byKon: [...profile.byKon].sort(by((k) => k.kon)),
    supportBeforeAfter: [...profile.supportBeforeAfter].sort(by((s) => s.source)),
  };
}

/** A profile as published from scratch: beside the year's own participations and exits, as they were published. */
const profileOf = (row: ProfileRow | undefined, known: Pick<DisclosedYear, 'total' | 'exited'>) =>
  ordered(
    disclosedProfile(row ?? EMPTY_PROFILE_ROW('', null), DISCLOSURE_THRESHOLD, {
      participations: known.total,
      exited: known.exited,
    }),
  );

const PUBLISHED = 'suppressed value';
const KEYS = `key count { ${PUBLISHED} }`;
const FIGURES = `new { ${PUBLISHED} } total { ${PUBLISHED} } exited { ${PUBLISHED} }
  newByKon { ${KEYS} } totalByKon { ${KEYS} } exitsByOutcome { ${KEYS} }
  stepForward { ${PUBLISHED} } stepForwardShare { ${PUBLISHED} }`;
const PROFILE = `profile { participations { ${PUBLISHED} } persons { ${PUBLISHED} }
  averageAge { ${PUBLISHED} } averageYearsInSupport { ${PUBLISHED} }
  byKon { kon averageAge { ${PUBLISHED} } averageYearsInSupport { ${PUBLISHED} } }
  exited { ${PUBLISHED} } supportBeforeAfter { source before { ${PUBLISHED} } after { ${PUBLISHED} } } }`;
const YEAR_REPORT = `query ($year: Int!, $period: ReportPeriod!) { forbund { year(year: $year) {
  participants(period: $period) {
    ${FIGURES} averageAgeAtEntry { ${PUBLISHED} } ${PROFILE}
    hemkommuner { scbCode new { ${PUBLISHED} } total { ${PUBLISHED} }
      newPrevious: newPreviousYear { ${PUBLISHED} } totalPrevious: totalPreviousYear { ${PUBLISHED} } }
    interventions { intervention { id } new { ${PUBLISHED} } total { ${PUBLISHED} } exited { ${PUBLISHED} }
      newByReferrer { ${KEYS} } newByKon { ${KEYS} } totalByKon { ${KEYS} } exitsByOutcome { ${KEYS} }
      averageAgeAtEntry { ${PUBLISHED} } stepForwardShare { ${PUBLISHED} } ${PROFILE} }
  }
} } }`;
const COUNTY_REPORT = `query ($ids: [ID!]!, $year: Int!, $period: ReportPeriod!) {
  countyReport(forbundIds: $ids, year: $year, period: $period) {
    forbund { year { forbund { id } } ${FIGURES} averageAgeAtEntry { ${PUBLISHED} }
      newByHemkommun { scbCode new { ${PUBLISHED} } } ${PROFILE} }
    totals { ${FIGURES} ${PROFILE} }
  }
}`;

/** The year report's part of a from-scratch year (the förbund's kommun list aside, which the query has too). */
function yearShape(y: DisclosedYear, profiles: Map<string | null, ProfileRow>) {
  const { newByHemkommun: _, interventions, ...rest } = y;
  return {
    ...rest,
    profile: profileOf(profiles.get(null), y),
    interventions: interventions.map(({ interventionId, ...i }) => ({
      intervention: { id: interventionId },
      ...i,
      profile: profileOf(profiles.get(interventionId), i),
    })),
  };
}

type Answered = { profile: Profile } & Record<string, unknown>;
const withOrderedProfile = <T extends Answered>(r: T) => ({ ...r, profile: ordered(r.profile) });

async function yearReport(year: number, period: 'YEAR' | 'HALF_YEAR') {
  const res = await p.gql(YEAR_REPORT, { as: ADMIN, variables: { year, period } });
  expect(res.errors).toBeUndefined();
  const participants = res.data.forbund.year.participants;
  return {
    ...withOrderedProfile(participants),
    interventions: participants.interventions.map(withOrderedProfile),
  };
}

async function countyReport(year: number, period: 'YEAR' | 'HALF_YEAR') {
  const res = await p.gql(COUNTY_REPORT, { as: COUNTY, variables: { ids: [NORRA.id, VASTERAS.id], year, period } });
  expect(res.errors).toBeUndefined();
  const county = res.data.countyReport;
  return { forbund: county.forbund.map(withOrderedProfile), totals: withOrderedProfile(county.totals) };
}

/** The county's table from scratch: each förbund's year published anew, then the county's sums. */
async function countyFromScratch(year: number, period: 'YEAR' | 'HALF_YEAR') {
  const ids = [NORRA.id, VASTERAS.id].sort();
  const years = await Promise.all(ids.map(async (id) => ({ forbundId: id, y: await fromScratch(id, year, period) })));
  const profiles = new Map(
    await Promise.all(ids.map(async (id) => [id, (await countedProfiles(id, year, period)).get(null)!] as const)),
  );
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
      profile: profileOf(profiles.get(r.key.forbundId), r.figures),
    })),
    totals: {
      ...figures(county.totals),
      profile: profileOf(sumProfileRows([...profiles.values()]), county.totals.figures),
    },
  };
}

/** Every year and period asked, through the gateway and from scratch: they must be equal. */
async function reportsEqualFromScratch() {
  const answers: unknown[] = [];
  for (const year of YEARS) {
    for (const period of ['YEAR', 'HALF_YEAR'] as const) {
      const [report, expected] = [
        await yearReport(year, period),
        yearShape(await fromScratch(NORRA.id, year, period), await countedProfiles(NORRA.id, year, period)),
      ];
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

it('publishes the years in the background after a start: the first county report reads no ledger', async () => {
  // The platform is up and its warm-up over (the test platform waits for it); nothing has asked for a report yet.
  const recording = recordSqlStatements();
  let county: Awaited<ReturnType<typeof countyReport>>;
  let sent: string[];
  try {
    county = await countyReport(2021, 'YEAR');
  } finally {
    sent = recording.stop().map((s) => s.text);
  }
  expect(sent.some((text) => text.includes('"participation_ledger_version"'))).toBe(true);
  expect(sent.filter((text) => text.includes('"participation_half_year"'))).toEqual([]);
  expect(county).toEqual(await countyFromScratch(2021, 'YEAR'));

  // Asked again past the response cache: the versions alone, years and profiles kept under them.
  const uncached = await p.extraGateway({ responseCache: false });
  const participants = p.databases.participants!.app.dbName;
  try {
    const token = await p.token(COUNTY);
    const again = recordSqlStatements();
    let res: GraphQLResponse;
    let read: string[];
    try {
      res = await p.post(uncached.url, COUNTY_REPORT, {
        headers: { authorization: `Bearer ${token}` },
        variables: { ids: [NORRA.id, VASTERAS.id], year: 2021, period: 'YEAR' },
      });
    } finally {
      read = again
        .stop()
        .filter((s) => s.database === participants && !/^\s*(begin|commit)\b/i.test(s.text))
        .map((s) => s.text);
    }
    expect(res.errors).toBeUndefined();
    expect(read).toEqual([expect.stringContaining('"participation_ledger_version"')]);
  } finally {
    await uncached.stop();
  }
});

it('reads only what the year report asks of finance: the usage, in one statement', async () => {
  const finance = p.databases.finance!.app.dbName;
  const TOTALS = 'allocated used differens';
  const recording = recordSqlStatements();
  let res: GraphQLResponse;
  let sent: { database: string; text: string }[];
  try {
    res = await p.gql(`{ forbund { year(year: 2021) { finance { ${TOTALS} } } } }`, { as: ADMIN });
  } finally {
    sent = recording.stop();
  }
  expect(res.errors).toBeUndefined();
  const reads = sent.filter((s) => s.database === finance && !/^\s*(begin|commit)\b/i.test(s.text));
  expect(reads).toHaveLength(1);
  expect(reads[0]!.text).toContain('"requisition"');
  // The same totals as the whole statement's insatser and shared posts together.
  const whole = await p.gql(
    `{ forbund { year(year: 2021) { finance { ${TOTALS} interventions { allocated used }
      sharedPosts { money { allocated used } } } } } }`,
    { as: ADMIN },
  );
  expect(whole.errors).toBeUndefined();
  const statement = whole.data.forbund.year.finance;
  const money = [...statement.interventions, ...statement.sharedPosts.map((s: { money: unknown }) => s.money)];
  const sum = (field: 'allocated' | 'used') => money.reduce((a, m) => a + BigInt(m[field]), 0n);
  expect(sum('allocated')).toBeGreaterThan(0n);
  expect([BigInt(statement.allocated), BigInt(statement.used)]).toEqual([sum('allocated'), sum('used')]);
  expect(res.data.forbund.year.finance).toEqual({
    allocated: statement.allocated,
    used: statement.used,
    differens: statement.differens,
  });
});

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

  it('a correction only the profile counts', async () => {
    // Support before entry is not in the ledger; the profile's exit group counts it, so the version moves.
    for (const id of enrolled.slice(0, 2)) {
      await step(
        'correctParticipation',
        `mutation ($id: ID!, $changes: ParticipationCorrectionInput!) {
          correctParticipation(participationId: $id, reason: "Fel försörjning", changes: $changes) { ${RESULT} } }`,
        STAFF,
        { id, changes: { supportBefore: ['SJUKPENNING'] } },
      );
    }
    expect((await ledger()).version).toBeGreaterThan(version);
    await afterWrite(false);
  });

  it("a person's keyed hash", async () => {
    // No mutation changes it today; the profile counts persons by it, so a change written any way moves the
    // version (the person trigger), and the kept profiles are counted again.
    const person = `(select "person_id" from "participation" where "id" = $1)`;
    for (const change of [`"person_number_hash" || '-x'`, `left("person_number_hash", -2)`]) {
      const updated = await p.rows<{ id: string }>(
        'participants',
        `update "person" set "person_number_hash" = ${change} where "id" = ${person} returning "id"`,
        [enrolled[4]],
      );
      expect(updated).toHaveLength(1);
      expect((await ledger()).version).toBeGreaterThan(version);
      await afterWrite(false);
    }
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
