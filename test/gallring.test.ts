/**
 * Issue 21, gallring: a förbund administrator records a retention policy (gallringsbeslut) with its
 * decision, previews what it would remove, and runs it: exactly the preview's records are anonymised
 * or removed, the run is on record, and the figures of closed years — the year reports and the
 * statistics — read the same as before.
 */
import { checkAuditChain } from '@finsam/kit/audit-log.js';
import { todayInSweden } from '@finsam/kit/dates.js';
import { gallringCutoff } from '@finsam/participants/domain/gallring.js';
import { codes, DEMO_INTERVENTION_IDS, startTestPlatform, type TestPlatform } from './support/platform.js';
import { participationWithHistory, personnummer } from './support/records.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { HALLSTAHAMMAR } = DEMO_INTERVENTION_IDS;
const ADMIN = 'norra-vastmanland-admin';
const STAFF = 'norra-vastmanland-staff';
const TODAY = todayInSweden();
const RETENTION = 3;
const CUTOFF = gallringCutoff(RETENTION, TODAY);

const SET_POLICY = `mutation ($input: RetentionPolicyInput!) { setRetentionPolicy(input: $input) {
  __typename ... on ValidationError { issues { path message } }
  ... on MutationSetRetentionPolicySuccess { data { id recordType retentionYears decisionReference decidedOn } }
} }`;
const PREVIEW = `query ($type: RetentionRecordType!) { gallringPreview(recordType: $type) {
  cutoff participationIds screeningIds personIds policy { decisionReference }
} }`;
const RUN = `mutation ($type: RetentionRecordType!) { runGallring(recordType: $type) {
  __typename ... on Error { message }
  ... on MutationRunGallringSuccess { data {
    id at userId recordType decisionReference decidedOn retentionYears cutoff participations screenings persons
    participationIds
  } }
} }`;

/** What the year reports of closed years publish, and the exact statistics the insats' staff read. */
const YEARS = [2021, 2022, 2023];
const REPORT = (year: number) => `{ forbund { year(year: ${year}) {
  participants {
    new { suppressed value } total { suppressed value }
    hemkommuner { scbCode new { value } total { value } }
    interventions {
      intervention { id } new { value } total { value } exited { value }
      exitsByOutcome { key count { value } } newByReferrer { key count { value } }
      newByKon { key count { value } } averageAgeAtEntry { value } stepForwardShare { value }
    }
  }
} } }`;
const STATISTICS = (from: string, to: string) => `{ intervention(id: "${HALLSTAHAMMAR}") {
  participantStatistics(from: "${from}", to: "${to}") {
    new { value } active { value } exited { value }
    newByKon { key count { value } } newByHemkommun { key count { value } } newByReferrer { key count { value } }
    newByAgeBand { key count { value } } newByEducation { key count { value } }
    newBySupportBefore { key count { value } } exitsByOutcome { key count { value } }
    exitsBySupportAfter { key count { value } } averageAgeAtEntry { value } averageDaysInIntervention { value }
  }
} }`;

async function closedYearFigures() {
  const figures: unknown[] = [];
  for (const year of YEARS) {
    const report = await p.gql(REPORT(year), { as: ADMIN });
    expect(report.errors).toBeUndefined();
    const statistics = await p.gql(STATISTICS(`${year}-01-01`, `${year}-12-31`), { as: STAFF });
    expect(statistics.errors).toBeUndefined();
    figures.push(report.data, statistics.data);
  }
  const ledger = await p.rows(
    'participants',
    `select * from participation_half_year where half_year < $1
     order by tenant_id, intervention_id, dim, key, half_year`,
    [`${TODAY.slice(0, 4)}-01-01`],
  );
  return JSON.stringify([figures, ledger]);
}

describe('gallring', () => {
  let due: string;
  let open: string;
  let recent: string;

  beforeAll(async () => {
    // Ended in 2022: due under a three-year policy. Still enrolled, and ended two years ago: not due (but its
    // screening is, under a one-year policy).
    due = await participationWithHistory(p, {
      staff: STAFF,
      interventionId: HALLSTAHAMMAR,
      personnummer: personnummer('19850412', '123'),
      name: 'Gallras Gustavsson',
      referredOn: '2021-09-01',
      enrolledOn: '2021-09-06',
      records: true,
      exitedOn: '2022-06-30',
    });
    open = await participationWithHistory(p, {
      staff: STAFF,
      interventionId: HALLSTAHAMMAR,
      personnummer: personnummer('19900101', '234'),
      referredOn: '2021-10-01',
      enrolledOn: '2021-10-04',
      records: true,
    });
    recent = await participationWithHistory(p, {
      staff: STAFF,
      interventionId: HALLSTAHAMMAR,
      personnummer: personnummer('19920202', '345'),
      referredOn: '2024-02-01',
      enrolledOn: '2024-02-05',
      records: true,
      exitedOn: `${Number(TODAY.slice(0, 4)) - 2}-03-01`,
    });
  });

  it('records a policy with its decision; bad input is a typed error at the field and writes nothing', async () => {
    const bad = await p.gql(SET_POLICY, {
      as: ADMIN,
      variables: {
        input: { recordType: 'PARTICIPATION', retentionYears: 0, decisionReference: ' ', decidedOn: TODAY },
      },
    });
    expect(bad.data.setRetentionPolicy.__typename).toBe('ValidationError');
    expect(bad.data.setRetentionPolicy.issues.map((i: any) => i.path)).toEqual([
      ['input', 'retentionYears'],
      ['input', 'decisionReference'],
    ]);
    expect(await p.rows('participants', 'select * from retention_policy')).toEqual([]);
    const none = await p.gql(PREVIEW, { as: ADMIN, variables: { type: 'PARTICIPATION' } });
    expect(codes(none)).toEqual(['BAD_USER_INPUT']);

    const res = await p.gql(SET_POLICY, {
      as: ADMIN,
      variables: {
        input: {
          recordType: 'PARTICIPATION',
          retentionYears: RETENTION,
          decisionReference: 'Styrelsen § 14/2026',
          decidedOn: '2026-03-12',
        },
      },
    });
    expect(res.data.setRetentionPolicy.data).toMatchObject({
      recordType: 'PARTICIPATION',
      retentionYears: RETENTION,
      decisionReference: 'Styrelsen § 14/2026',
      decidedOn: '2026-03-12',
    });
  });

  it('is for förbund administrators only', async () => {
    for (const user of [STAFF, 'norra-vastmanland-board']) {
      expect(codes(await p.gql(PREVIEW, { as: user, variables: { type: 'PARTICIPATION' } }))).toEqual(['FORBIDDEN']);
      expect(codes(await p.gql(RUN, { as: user, variables: { type: 'PARTICIPATION' } }))).toEqual(['FORBIDDEN']);
    }
    // Another förbund's administrator sees its own (empty) policies, never Norra Västmanland's.
    const other = await p.gql('{ retentionPolicies { id } }', { as: 'vasteras-admin' });
    expect(other.data.retentionPolicies).toEqual([]);
  });

  it('removes exactly what the preview showed, and the figures of closed years stay as they were', async () => {
    const preview = await p.gql(PREVIEW, { as: ADMIN, variables: { type: 'PARTICIPATION' } });
    expect(preview.errors).toBeUndefined();
    const shown = preview.data.gallringPreview;
    expect(shown.cutoff).toBe(CUTOFF);
    // The preview is what ended before the cutoff: counted here from the rows, independently.
    const ended = await p.rows<{ id: string }>(
      'participants',
      `select id from participation where culled_on is null and tenant_id = (
         select tenant_id from participation where id = $1)
       and ((status = 'EXITED' and exited_on < $2) or (status = 'REJECTED' and decided_on < $2)) order by id`,
      [due, CUTOFF],
    );
    expect(shown.participationIds).toEqual(ended.map((r) => r.id));
    expect(shown.participationIds).toContain(due);
    expect(shown.participationIds).not.toContain(open);
    expect(shown.participationIds).not.toContain(recent);
    const [dueRow] = await p.rows('participants', 'select person_id from participation where id = $1', [due]);
    expect(shown.personIds).toContain(dueRow.person_id);
    const dueScreenings = await p.rows('participants', 'select id from screening where participation_id = $1', [due]);
    expect(shown.screeningIds).toEqual(expect.arrayContaining(dueScreenings.map((s) => s.id)));

    const figures = await closedYearFigures();
    const untouched = await p.rows(
      'participants',
      'select * from participation where not (id = any($1::uuid[])) order by id',
      [shown.participationIds],
    );
    const untouchedScreenings = await p.rows(
      'participants',
      'select * from screening where not (id = any($1::uuid[])) order by id',
      [shown.screeningIds],
    );

    const run = await p.gql(RUN, { as: ADMIN, variables: { type: 'PARTICIPATION' } });
    expect(run.errors).toBeUndefined();
    const done = run.data.runGallring.data;
    expect(done).toMatchObject({
      recordType: 'PARTICIPATION',
      decisionReference: 'Styrelsen § 14/2026',
      decidedOn: '2026-03-12',
      retentionYears: RETENTION,
      cutoff: CUTOFF,
      participations: shown.participationIds.length,
      screenings: shown.screeningIds.length,
      persons: shown.personIds.length,
    });
    expect(done.participationIds).toEqual(shown.participationIds);

    // Exactly those: each anonymised, their screenings and persons gone, everything else as it was.
    const culled = await p.rows(
      'participants',
      `select person_id, birth_year, years_in_support, action_plan, decision_reason, culled_on::text as culled_on,
         kon, hemkommun, age_at_referral, exited_on::text as exited_on, outcomes
       from participation where id = any($1::uuid[])`,
      [shown.participationIds],
    );
    expect(culled).toHaveLength(shown.participationIds.length);
    for (const row of culled) {
      expect(row).toMatchObject({
        person_id: null,
        birth_year: null,
        years_in_support: null,
        action_plan: null,
        decision_reason: null,
        culled_on: TODAY,
      });
    }
    const ours = await p.rows(
      'participants',
      'select kon, hemkommun, age_at_referral from participation where id = $1',
      [due],
    );
    expect(ours[0]).toEqual({ kon: 'MAN', hemkommun: '1961', age_at_referral: 36 });
    expect(await p.rows('participants', 'select id from person where id = any($1::uuid[])', [shown.personIds])).toEqual(
      [],
    );
    expect(
      await p.rows('participants', 'select id from screening where id = any($1::uuid[])', [shown.screeningIds]),
    ).toEqual([]);
    expect(
      await p.rows('participants', 'select * from participation where not (id = any($1::uuid[])) order by id', [
        shown.participationIds,
      ]),
    ).toEqual(untouched);
    expect(
      await p.rows('participants', 'select * from screening where not (id = any($1::uuid[])) order by id', [
        shown.screeningIds,
      ]),
    ).toEqual(untouchedScreenings);

    expect(await closedYearFigures()).toBe(figures);

    // Nothing is due any more; the run is on record, in a tamper-evident log.
    const again = await p.gql(PREVIEW, { as: ADMIN, variables: { type: 'PARTICIPATION' } });
    expect(again.data.gallringPreview.participationIds).toEqual([]);
    const runs = await p.gql('{ gallringRuns { id userId participations screenings persons decisionReference } }', {
      as: ADMIN,
    });
    expect(runs.data.gallringRuns).toEqual([
      {
        id: done.id,
        userId: done.userId,
        participations: shown.participationIds.length,
        screenings: shown.screeningIds.length,
        persons: shown.personIds.length,
        decisionReference: 'Styrelsen § 14/2026',
      },
    ]);
    const me = await p.gql('{ me { userId } }', { as: ADMIN });
    expect(done.userId).toBe(me.data.me.userId);
    const chain = await p.asSuperuser('participants', (client) => checkAuditChain(client, 'records_event'));
    expect(chain.broken).toBeNull();
    expect(chain.rows).toBeGreaterThanOrEqual(1);
  });

  it('removes the screenings of ended participations under a SCREENING policy, and nothing else', async () => {
    await p.gql(SET_POLICY, {
      as: ADMIN,
      variables: {
        input: {
          recordType: 'SCREENING',
          retentionYears: 1,
          decisionReference: 'Styrelsen § 15/2026',
          decidedOn: TODAY,
        },
      },
    });
    const preview = (await p.gql(PREVIEW, { as: ADMIN, variables: { type: 'SCREENING' } })).data.gallringPreview;
    const recentScreenings = await p.rows('participants', 'select id from screening where participation_id = $1', [
      recent,
    ]);
    expect(preview.participationIds).toEqual([]);
    expect(preview.screeningIds).toEqual(expect.arrayContaining(recentScreenings.map((s) => s.id)));
    const participations = await p.rows('participants', 'select * from participation order by id');
    const run = await p.gql(RUN, { as: ADMIN, variables: { type: 'SCREENING' } });
    expect(run.data.runGallring.data.screenings).toBe(preview.screeningIds.length);
    expect(await p.rows('participants', 'select id from screening where participation_id = $1', [recent])).toEqual([]);
    expect(await p.rows('participants', 'select id from screening where participation_id = $1', [open])).toHaveLength(
      1,
    );
    expect(await p.rows('participants', 'select * from participation order by id')).toEqual(participations);
  });
});
