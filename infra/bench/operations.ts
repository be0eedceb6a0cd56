/** The two operations the benchmark measures, and who sends them. */
import type { DemoUser } from '../src/demo.js';
import { YEAR, forbundId, interventionId } from './generate.js';

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
  user: DemoUser;
  body: { query: string; variables: Record<string, unknown> };
}

export function dashboard(f: number): Operation {
  const user: DemoUser = { name: `bench-admin-${f}`, description: 'förbund administrator', roles: ['forbund_admin'], tenant: forbundId(f), interventions: [] };
  return { name: 'dashboard', user, body: { query: DASHBOARD, variables: { year: YEAR } } };
}

export function staff(f: number, i: number): Operation {
  const id = interventionId(f, i);
  const user: DemoUser = { name: `bench-staff-${f}-${i}`, description: 'staff', roles: ['staff'], tenant: forbundId(f), interventions: [id] };
  return { name: 'staff', user, body: { query: STAFF, variables: { id } } };
}
