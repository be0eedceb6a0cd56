/**
 * The realistic mix: many distinct users over the förbund, in the roles' proportions, each sending
 * their role's pages. Pure (no process, no server): run.ts writes the users into the directory and
 * logs them in, load.ts sends the requests; the unit tests check the proportions and the choices.
 *
 * The proportions, per förbund of 12 insatser (25 users at 2 000 users over 80 förbund):
 * - staff (STAFF of one insats), 72 %: about 1.5 people per insats use the platform daily;
 * - board (BOARD, förbundsstyrelse), 16 %: about 4 members who read figures and reports;
 * - förbund administrators (FORBUND_ADMIN), 8 %: the förbundschef and an ekonom or samordnare;
 * - county analysts (COUNTY_ANALYST of a county of 4 förbund), 4 %: about one per förbund.
 * A request comes from a user chosen uniformly, so the requests follow the same proportions, and
 * then one of that role's pages by the weights in PAGES.
 */
import { forbundId, interventionId, YEAR } from './generate.js';
import {
  type BenchUser,
  benchUser,
  COUNTY_REPORT,
  DASHBOARD,
  FORBUND_YEAR,
  type Operation,
  SET_ALLOCATION,
  STAFF,
} from './operations.js';

export type MixRole = 'staff' | 'board' | 'admin' | 'county';

export const ROLE_SHARES: Readonly<Record<MixRole, number>> = { staff: 0.72, board: 0.16, admin: 0.08, county: 0.04 };

/** Förbund per county (the 21 län hold 80-odd förbund: about four each). */
export const COUNTY_SIZE = 4;

/** The mix's page kinds: the four benchmarked reads and the administrator's write. */
export type PageKind = 'dashboard' | 'staff' | 'year report' | 'county report' | 'allocation (mutation)';

/** What each role opens, with weights: a role's own pages only (nothing it would be refused). */
export const PAGES: Readonly<Record<MixRole, readonly { kind: PageKind; weight: number }[]>> = {
  staff: [{ kind: 'staff', weight: 1 }],
  board: [
    { kind: 'dashboard', weight: 0.5 },
    { kind: 'year report', weight: 0.5 },
  ],
  admin: [
    { kind: 'dashboard', weight: 0.6 },
    { kind: 'year report', weight: 0.3 },
    { kind: 'allocation (mutation)', weight: 0.1 },
  ],
  county: [{ kind: 'county report', weight: 1 }],
};

/** Whole numbers of users per role summing to `total`, by largest remainder. */
export function roleCounts(total: number, shares: Readonly<Record<MixRole, number>> = ROLE_SHARES) {
  const roles = Object.keys(shares) as MixRole[];
  const sum = roles.reduce((a, r) => a + shares[r], 0);
  const exact = roles.map((r) => ({ r, x: (total * shares[r]) / sum }));
  const counts = Object.fromEntries(exact.map(({ r, x }) => [r, Math.floor(x)])) as Record<MixRole, number>;
  let left = total - roles.reduce((a, r) => a + counts[r], 0);
  for (const { r } of [...exact].sort((a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)))) {
    if (left-- <= 0) {
      break;
    }
    counts[r]++;
  }
  return counts;
}

export interface MixUser extends BenchUser {
  role: MixRole;
  /** The förbund the user works in (for a county analyst: the county's first). */
  forbund: number;
  /** Staff: the insats they work in. */
  insats?: number;
  /** County analyst: the county's förbund (numbers). */
  county?: number[];
}

/** The county (0-based) a förbund belongs to, and every förbund of that county. */
export function countyOf(f: number, forbund: number): { index: number; members: number[] } {
  const index = Math.floor((f - 1) / COUNTY_SIZE);
  const first = index * COUNTY_SIZE + 1;
  const members = Array.from({ length: Math.min(COUNTY_SIZE, forbund - first + 1) }, (_, k) => first + k);
  return { index, members };
}

/**
 * `total` users over förbund 1…`forbund`, spread round-robin so every förbund (and every insats,
 * while there are enough staff) has its share; usernames say role and number.
 */
export function mixUsers(size: { forbund: number; interventionsPerForbund: number }, total: number): MixUser[] {
  const counts = roleCounts(total);
  const users: MixUser[] = [];
  const counties = Math.ceil(size.forbund / COUNTY_SIZE);
  for (let n = 0; n < counts.staff; n++) {
    const f = 1 + (n % size.forbund);
    const i = 1 + (Math.floor(n / size.forbund) % size.interventionsPerForbund);
    const grants = [{ role: 'STAFF' as const, forbundId: forbundId(f), interventionIds: [interventionId(f, i)] }];
    users.push({ ...benchUser(`mix-staff-${n}`, grants), role: 'staff', forbund: f, insats: i });
  }
  for (const role of ['board', 'admin'] as const) {
    for (let n = 0; n < counts[role]; n++) {
      const f = 1 + (n % size.forbund);
      const grant = {
        role: role === 'board' ? ('BOARD' as const) : ('FORBUND_ADMIN' as const),
        forbundId: forbundId(f),
      };
      users.push({ ...benchUser(`mix-${role}-${n}`, [grant]), role, forbund: f });
    }
  }
  for (let n = 0; n < counts.county; n++) {
    const { index, members } = countyOf(1 + (n % counties) * COUNTY_SIZE, size.forbund);
    const county = { name: `Benchlän ${index + 1}`, forbundIds: members.map((f) => forbundId(f)) };
    const grants = [{ role: 'COUNTY_ANALYST' as const, county }];
    users.push({ ...benchUser(`mix-county-${n}`, grants), role: 'county', forbund: members[0]!, county: members });
  }
  return users;
}

/** The request a user sends for a page of theirs; `n` varies the write (the amount). */
export function page(user: MixUser, kind: PageKind, n: number): Operation {
  const body = (query: string, variables: Record<string, unknown>) => ({
    name: kind,
    user,
    body: { query, variables },
  });
  switch (kind) {
    case 'dashboard':
      return body(DASHBOARD, { year: YEAR });
    case 'staff':
      return body(STAFF, { id: interventionId(user.forbund, user.insats!) });
    case 'year report':
      return body(FORBUND_YEAR, { year: YEAR });
    case 'county report':
      return body(COUNTY_REPORT, { ids: user.county!.map((f) => forbundId(f)), year: YEAR });
    case 'allocation (mutation)':
      // Next year's money for one of the förbund's insatser: the bench's own data, read by no page measured.
      return body(SET_ALLOCATION, {
        id: interventionId(user.forbund, 1 + (n % 3)),
        year: YEAR + 1,
        amount: 1_000_000 + (n % 1000),
      });
  }
}

/** Picks by weight. */
function pick<T extends { weight: number }>(items: readonly T[], random: () => number): T {
  const total = items.reduce((a, i) => a + i.weight, 0);
  let x = random() * total;
  for (const item of items) {
    x -= item.weight;
    if (x < 0) {
      return item;
    }
  }
  return items.at(-1)!;
}

/** `count` requests: a user chosen uniformly, then one of their role's pages by weight. */
export function mixRequests(users: readonly MixUser[], count: number, random: () => number): Operation[] {
  return Array.from({ length: count }, (_, n) => {
    const user = users[Math.floor(random() * users.length)]!;
    return page(user, pick(PAGES[user.role], random).kind, n);
  });
}
