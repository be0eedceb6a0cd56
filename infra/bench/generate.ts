/**
 * Synthetic national data for the benchmark, written set-based (`insert … select generate_series`)
 * as the database owner, so a million participations take seconds, not an ORM flush each.
 * Reproducible: every id is `md5(<kind>:<numbers>)` and every value a function of the row number
 * (no random()), dated against a fixed anchor, so two runs of one size hold the same rows.
 *
 * Besides the `forbund` regular förbund, three "list" förbund (numbers forbund+1 … +3) have 10,
 * 100 and 1 000 insatser, and their first insats 10, 100 and 1 000 enrolled participations:
 * the benchmark counts SQL statements per request over them.
 *
 * The directory (governance) gets what the demo seed gives the demo people: the development
 * identity provider's issuers, trusted for every förbund, and each bench user's grants as an
 * invitation by e-mail, claimed at their first sign-in through a gateway.
 */
import { createHash } from 'node:crypto';
import type { DatabaseConnection } from '@finsam/kit/database.js';
import type { DevIssuerConfig } from '../src/idp/index.js';
import { withClient } from '../src/provision.js';
import type { BenchUser } from './operations.js';

export interface BenchSize {
  forbund: number;
  interventionsPerForbund: number;
  participations: number;
}

export const LIST_LENGTHS = [10, 100, 1000] as const;
/** Data run from ten years before this date up to it. */
export const ANCHOR = '2026-11-01';
export const YEAR = 2026;
/** Bench invitations stay open until claimed. */
const NEVER = '2099-12-31T23:59:59Z';

/** Deterministic ids, computed the same way in SQL and here. */
export const forbundId = (f: number) => md5Uuid(`forbund:${f}`);
export const interventionId = (f: number, i: number) => md5Uuid(`intervention:${f}:${i}`);
export const listForbund = (size: BenchSize, k: number) => size.forbund + 1 + k;

function md5Uuid(s: string): string {
  const h = createHash('md5').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Every (förbund, insats) pair as SQL: the regular förbund, then the three list förbund. */
function interventionsSql(size: BenchSize): string {
  const lists = LIST_LENGTHS.map(
    (n, k) => `select ${listForbund(size, k)} as f, i from generate_series(1, ${n}) i`,
  ).join(' union all ');
  const perForbund = size.interventionsPerForbund;
  const regular = `select f, i from generate_series(1, ${size.forbund}) f, generate_series(1, ${perForbund}) i`;
  return `(${regular} union all ${lists})`;
}
const allForbundSql = (size: BenchSize) => `generate_series(1, ${size.forbund + LIST_LENGTHS.length}) f`;
const fid = (f = 'f') => `md5('forbund:' || ${f})::uuid`;
const iid = (f = 'f', i = 'i') => `md5('intervention:' || ${f} || ':' || ${i})::uuid`;
const mid = (f: string, p: number | string) => `md5('member:' || ${f} || ':' || ${p})::uuid`;

/** Who may sign in (the identity provider's issuers) and the people the bench sends requests as. */
export interface BenchDirectory {
  issuers: DevIssuerConfig[];
  users: readonly BenchUser[];
}

/** A statement, or one with parameters ($1 …). */
type Statement = string | { text: string; values: unknown[] };

async function run(connection: DatabaseConnection, statements: Statement[]): Promise<void> {
  await withClient({ ...connection, database: connection.dbName }, connection.dbName, async (client) => {
    for (const sql of statements) {
      await client.query(sql);
    }
  });
}

/**
 * The directory rows, from JSON parameters: trusted issuers (every förbund), an invitation per
 * user and förbund with the grants there, a county per analyst's county and their platform grant.
 */
function directory({ issuers, users }: BenchDirectory): Statement[] {
  const forbundGrants = users.flatMap((u) =>
    u.grants.flatMap((g) =>
      'forbundId' in g
        ? [
            {
              email: u.email,
              tenant_id: g.forbundId,
              role: g.role,
              intervention_ids: 'interventionIds' in g ? g.interventionIds : [],
            },
          ]
        : [],
    ),
  );
  const invitations = [...new Map(forbundGrants.map((g) => [`${g.email}:${g.tenant_id}`, g])).values()];
  const analysts = users.flatMap((u) =>
    u.grants.flatMap((g) => (g.role === 'COUNTY_ANALYST' ? [{ email: u.email, ...g.county }] : [])),
  );
  const counties = [...new Map(analysts.map((a) => [a.name, a])).values()];
  const invitationId = (alias: string) => `md5('invitation:' || ${alias}.email || ':' || ${alias}.tenant_id)::uuid`;
  return [
    {
      text: `insert into "trusted_issuer"
         ("id", "issuer", "audience", "algorithms", "forbund_ids", "platform", "created_at")
       select md5('issuer:' || i.issuer)::uuid, i.issuer, i.audience, i.algorithms, null, i.platform, '${ANCHOR}'
       from jsonb_to_recordset($1::jsonb) i(issuer text, audience text, algorithms text[], platform boolean)`,
      values: [JSON.stringify(issuers)],
    },
    {
      text: `insert into "invitation"
         ("id", "tenant_id", "email", "created_by", "created_at", "expires_at", "claimed_by", "claimed_at")
       select ${invitationId('v')}, v.tenant_id, v.email, 'bench', '${ANCHOR}', '${NEVER}', null, null
       from jsonb_to_recordset($1::jsonb) v(email text, tenant_id uuid)`,
      values: [JSON.stringify(invitations)],
    },
    {
      text: `insert into "access_grant" ("id", "tenant_id", "user_id", "invitation_id", "role", "intervention_ids",
         "seat_id", "valid_from", "valid_to", "revoked_at", "created_by", "created_at")
       select md5('grant:' || g.email || ':' || g.tenant_id || ':' || g.role)::uuid, g.tenant_id, null,
         ${invitationId('g')}, g.role, g.intervention_ids, null, null, null, null, 'bench', '${ANCHOR}'
       from jsonb_to_recordset($1::jsonb) g(email text, tenant_id uuid, role text, intervention_ids uuid[])`,
      values: [JSON.stringify(forbundGrants)],
    },
    {
      text: `insert into "county" ("id", "name", "forbund_ids", "created_at")
       select md5('county:' || c.name)::uuid, c.name, c."forbundIds", '${ANCHOR}'
       from jsonb_to_recordset($1::jsonb) c(name text, "forbundIds" uuid[])`,
      values: [JSON.stringify(counties)],
    },
    {
      text: `insert into "platform_grant" ("id", "email", "expires_at", "user_id", "claimed_at", "role", "county_id",
         "valid_from", "valid_to", "revoked_at", "created_by", "created_at")
       select md5('platform-grant:' || a.email || ':' || a.name)::uuid, a.email, '${NEVER}', null, null,
         'COUNTY_ANALYST', md5('county:' || a.name)::uuid, null, null, null, 'bench', '${ANCHOR}'
       from jsonb_to_recordset($1::jsonb) a(email text, name text)`,
      values: [JSON.stringify(analysts)],
    },
  ];
}

function governance(size: BenchSize, people: BenchDirectory): Statement[] {
  return [
    `insert into "forbund" select ${fid()}, ${fid()}, 'Benchförbund ' || f, 'bench-' || f,
       '222100-' || lpad(f::text, 4, '0'), '${ANCHOR}', '${ANCHOR}'
     from ${allForbundSql(size)}`,
    // FK, AF, the region and two kommuner per förbund.
    `insert into "forbund_member" select ${mid('f', 'p')}, ${fid()}, ${fid()},
       (array['FORSAKRINGSKASSAN','ARBETSFORMEDLINGEN','REGION','KOMMUN','KOMMUN'])[p + 1],
       (array['Försäkringskassan','Arbetsförmedlingen','Region ' || f,'Kommun A' || f,'Kommun B' || f])[p + 1],
       case when p = 2 then '1' || f when p > 2 then lpad((1000 + f * 2 + p)::text, 4, '0') end,
       case when p > 2 then 1250 end, p
     from ${allForbundSql(size)}, generate_series(0, 4) p`,
    `insert into "body" select md5('board:' || f)::uuid, ${fid()}, 'BOARD', 'Förbundsstyrelsen', null
     from ${allForbundSql(size)}`,
    `insert into "body" select md5('steering:' || f || ':' || i)::uuid, ${fid()}, 'STEERING_GROUP', 'Styrgrupp ' || i,
       ${iid()}
     from ${interventionsSql(size)} iv`,
    // The board meets monthly, every styrgrupp quarterly, over ten years and a year ahead.
    `insert into "meeting" select md5('board-meeting:' || f || ':' || m)::uuid, ${fid()}, md5('board:' || f)::uuid,
       date '${ANCHOR}' - interval '10 years' + m * interval '1 month' + (f % 20) * interval '1 day',
       'Styrelsemöte', '{}', '{}', null, null
     from ${allForbundSql(size)}, generate_series(0, 131) m`,
    `insert into "meeting" select md5('steering-meeting:' || f || ':' || i || ':' || q)::uuid, ${fid()},
       md5('steering:' || f || ':' || i)::uuid,
       date '${ANCHOR}' - interval '10 years' + q * interval '3 months' + (i % 60) * interval '1 day',
       'Styrgrupp', '{}', '{}', null, null
     from ${interventionsSql(size)} iv, generate_series(0, 43) q`,
    ...directory(people),
    'analyze',
  ];
}

function teams(size: BenchSize): string[] {
  return [
    `insert into "intervention" select ${iid()}, ${fid()}, 'Insats ' || lpad(i::text, 4, '0'),
       'INDIVIDUAL', 'UNTIL_FURTHER_NOTICE',
       array[${mid('f', 0)}::text, ${mid('f', 3)}::text], ${mid('f', 3)},
       date '${ANCHOR}' - interval '10 years', null, 6,
       array[lpad((1000 + f * 2 + 3)::text, 4, '0')], 16, 64, '{}', 40, 60, array['SUPPORTED_EMPLOYMENT'], 'SUS',
       false, null, null, '${ANCHOR}', '${ANCHOR}'
     from ${interventionsSql(size)} iv`,
    `insert into "staff_position" select md5('staff:' || f || ':' || i || ':' || s)::uuid, ${fid()}, ${iid()},
       'Coach', ${mid('f', 's')}, 50 + s * 10, 'LENT_BY_MEMBER', date '${ANCHOR}' - interval '5 years', null
     from ${interventionsSql(size)} iv, generate_series(0, 2) s`,
    'analyze',
  ];
}

function participants(size: BenchSize): string[] {
  const slots = size.forbund * size.interventionsPerForbund;
  // Participation n belongs to insats (n % slots); referred on a day spread over ten years.
  const perForbund = size.interventionsPerForbund;
  const regular = `select n, 1 + (n % ${slots}) / ${perForbund} as f, 1 + (n % ${slots}) % ${perForbund} as i,
       date '${ANCHOR}' - 3650 + ((n::bigint * 7919) % 3650)::int as referred, 180 + (n % 360) as stay
     from generate_series(1, ${size.participations}) n`;
  // The list insatser: every participation enrolled now.
  const lists = LIST_LENGTHS.map(
    (len, k) =>
      `select ${size.participations} + ${k * 10000} + n, ${listForbund(size, k)}, 1, date '${ANCHOR}' - 30 - n % 60, 400
       from generate_series(1, ${len}) n`,
  ).join(' union all ');
  return [
    `create temporary table p as
     select n, f, i, referred, referred + 14 as enrolled, referred + 14 + stay as exited
     from (${regular} union all ${lists}) x(n, f, i, referred, stay)`,
    `insert into "participation" ("id", "tenant_id", "intervention_id", "person_id", "status", "kon", "start_year",
       "referred_on", "referrer_unit", "needs_two_members", "motivated", "exclusion_grounds", "study_visit",
       "decided_on", "enrolled_on", "planned_end", "exited_on", "outcomes", "final_documentation_sent_on",
       "level_6_months", "level_18_months", "consent_given_on", "hemkommun", "age_at_referral")
     select md5('participation:' || n)::uuid, ${fid()}, ${iid()}, null,
       case when exited <= date '${ANCHOR}' then 'EXITED' else 'ENROLLED' end, (array['KVINNA','MAN'])[1 + n % 2],
       extract(year from enrolled), referred,
       (array['FORSAKRINGSKASSAN','ARBETSFORMEDLINGEN','KOMMUN_FORSORJNINGSSTOD'])[1 + n % 3],
       true, true, '{}', 'DONE', referred + 7, enrolled, enrolled + 365,
       case when exited <= date '${ANCHOR}' then exited end,
       case when exited <= date '${ANCHOR}'
         then array[(array['ARBETE_UTAN_STOD','STUDIER','AVBROTT','FORTSATT_REHABILITERING'])[1 + n % 4]]
         else '{}' end,
       -- After-exit follow-ups done once due, as a team keeps up with them: only recent exits stay pending.
       case when exited + 21 <= date '${ANCHOR}' then exited + 21 end,
       case when exited + 183 <= date '${ANCHOR}' then 'SAME' end,
       case when exited + 548 <= date '${ANCHOR}' then 'HIGHER' end,
       -- Four in five consent: they have a hemkommun (one of the förbund's two) and an age.
       case when n % 5 <> 0 then referred end,
       case when n % 5 <> 0 then lpad((1000 + f * 2 + 3 + n % 2)::text, 4, '0') end,
       case when n % 5 <> 0 then 18 + n % 45 end
     from p`,
    // A follow-up a quarter after enrolment, where the participation lasted that long.
    `insert into "follow_up" select md5('follow-up:' || n)::uuid, ${fid()}, md5('participation:' || n)::uuid,
       enrolled + 90, n % 3 = 0, 'CONTINUE'
     from p where enrolled + 90 <= least(exited, date '${ANCHOR}')`,
    'analyze',
  ];
}

function finance(size: BenchSize): string[] {
  const years = `generate_series(${YEAR - 10}, ${YEAR}) y`;
  return [
    `insert into "allocation" select md5('allocation:' || f || ':' || i || ':' || y)::uuid, ${fid()}, ${iid()}, y,
       1200000 + (i % 7) * 100000, '${ANCHOR}'
     from ${interventionsSql(size)} iv, ${years}`,
    // Paid two-month requisitions up to the anchor.
    `create temporary table r as
     select f, i, y, period, md5('requisition:' || f || ':' || i || ':' || y || ':' || period)::uuid as id
     from ${interventionsSql(size)} iv, ${years}, generate_series(1, 6) period
     where make_date(y, period * 2, 1) <= date '${ANCHOR}'`,
    `insert into "requisition" select id, ${fid()}, ${iid()}, y, period, make_date(y, period * 2, 1), 'PAID', null, 1,
       '${ANCHOR}'
     from r`,
    `insert into "requisition_line" select md5('line:' || id)::uuid, ${fid()}, id, 'PERSONNEL',
       180000 + (i % 5) * 10000, 0
     from r`,
    'analyze',
  ];
}

const BY_SUBGRAPH: Record<string, (size: BenchSize, people: BenchDirectory) => Statement[]> = {
  governance,
  teams,
  participants,
  finance,
};

/** Fills each subgraph's (migrated, empty) database; subgraphs not listed stay empty. */
export async function generate(
  size: BenchSize,
  owners: Record<string, DatabaseConnection>,
  people: BenchDirectory,
): Promise<void> {
  await Promise.all(
    Object.entries(BY_SUBGRAPH).map(([name, statements]) => run(owners[name]!, statements(size, people))),
  );
}
