/** The operations the benchmark measures, and who sends them. */
import { forbundId, interventionId, YEAR } from './generate.js';

/** What the directory grants a bench user: generate.ts writes it as governance's demo seed would. */
export type BenchGrant =
  | { role: 'FORBUND_ADMIN' | 'BOARD'; forbundId: string }
  | { role: 'STAFF'; forbundId: string; interventionIds: string[] }
  /** A platform grant for a county (a county analyst reads aggregates across its förbund). */
  | { role: 'COUNTY_ANALYST'; county: { name: string; forbundIds: string[] } };

/** A person the bench sends requests as: an account at the development identity provider. */
export interface BenchUser {
  username: string;
  email: string;
  grants: BenchGrant[];
}

export const benchUser = (username: string, grants: BenchGrant[]): BenchUser => ({
  username,
  email: `${username}@bench.finsam.se`,
  grants,
});

/** A förbund administrator's start page: insatser with occupancy, budget usage, next meetings. */
export const DASHBOARD = `query Dashboard($year: Int!) {
  forbund {
    name
    upcoming(limit: 5) { date title }
    interventions {
      id name yearlyPlaces
      occupancy { enrolled capacity overCapacity }
      budgetUsage(year: $year) { allocated used differens forecast }
      upcoming(limit: 3) { date title }
    }
  }
}`;

/** A team's daily view: who takes part, with the latest follow-up, and what is due. */
export const STAFF = `query Staff($id: ID!) {
  intervention(id: $id) {
    name
    activeParticipations { id kon enrolledOn plannedEnd latestFollowUp { date decision } }
    participantDeadlines(within: 30) { kind due overdue participation { id } }
  }
}`;

export interface Operation {
  name: string;
  user: BenchUser;
  body: { query: string; variables: Record<string, unknown> };
}

export function dashboard(f: number): Operation {
  const user = benchUser(`bench-admin-${f}`, [{ role: 'FORBUND_ADMIN', forbundId: forbundId(f) }]);
  return { name: 'dashboard', user, body: { query: DASHBOARD, variables: { year: YEAR } } };
}

export function staff(f: number, i: number): Operation {
  const id = interventionId(f, i);
  const user = benchUser(`bench-staff-${f}-${i}`, [{ role: 'STAFF', forbundId: forbundId(f), interventionIds: [id] }]);
  return { name: 'staff', user, body: { query: STAFF, variables: { id } } };
}

/** A förbund's year (Årsrapport): every subgraph contributes through `ForbundYear`. */
export const FORBUND_YEAR = `query ForbundYear($year: Int!) {
  forbund {
    year(year: $year) {
      participants {
        new { value } total { value }
        hemkommuner { scbCode new { value } total { value } newPreviousYear { value } }
        interventions { new { value } total { value } exited { value } exitsByOutcome { key count { value } } }
      }
      finance { allocated used differens }
      staffing { fte }
      decisions avvikelser
    }
  }
}`;

/** The county's side-by-side view over many förbund, under disclosure control. */
export const COUNTY_REPORT = `query County($ids: [ID!]!, $year: Int!) {
  countyReport(forbundIds: $ids, year: $year) {
    forbund {
      new { suppressed value } total { suppressed value } exited { suppressed value }
      newByHemkommun { scbCode new { suppressed value } }
    }
    totals { new { value } total { value } exited { value } }
  }
}`;

export function forbundYear(f: number): Operation {
  return { ...dashboard(f), name: 'förbund year report', body: { query: FORBUND_YEAR, variables: { year: YEAR } } };
}

export function countyReport(forbundCount: number): Operation {
  const ids = Array.from({ length: forbundCount }, (_, f) => forbundId(f + 1));
  // Analyst of a county holding exactly the förbund the report compares.
  const user = benchUser('bench-county', [{ role: 'COUNTY_ANALYST', county: { name: 'Benchlän', forbundIds: ids } }]);
  return {
    name: `county report (${forbundCount} förbund)`,
    user,
    body: { query: COUNTY_REPORT, variables: { ids, year: YEAR } },
  };
}

/** An administrator's decision on an insats' money for next year: a cheap real write (the mix's mutation). */
export const SET_ALLOCATION = `mutation SetAllocation($id: ID!, $year: Int!, $amount: Kronor!) {
  setAllocation(interventionId: $id, year: $year, amount: $amount) { __typename }
}`;
