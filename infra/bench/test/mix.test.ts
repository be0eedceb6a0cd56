import { forbundId, interventionId } from '../generate.js';
import { COUNTY_SIZE, mixRequests, mixUsers, PAGES, ROLE_SHARES, roleCounts } from '../mix.js';
import { seededRandom } from '../stats.js';

const national = { forbund: 80, interventionsPerForbund: 12 };

describe('role proportions', () => {
  it('whole counts in the stated shares, summing to the total', () => {
    expect(roleCounts(2000)).toEqual({ staff: 1440, board: 320, admin: 160, county: 80 });
    for (const total of [1, 7, 99, 101, 2001]) {
      const counts = roleCounts(total);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(total);
      for (const [role, share] of Object.entries(ROLE_SHARES)) {
        expect(Math.abs(counts[role as keyof typeof counts] - total * share)).toBeLessThan(1);
      }
    }
  });
});

describe('mix users', () => {
  const users = mixUsers(national, 2000);

  it('distinct people, every förbund with its share of each role', () => {
    expect(new Set(users.map((u) => u.username)).size).toBe(2000);
    expect(new Set(users.map((u) => u.email)).size).toBe(2000);
    for (const role of ['staff', 'board', 'admin'] as const) {
      const perForbund = new Map<number, number>();
      for (const u of users.filter((x) => x.role === role)) {
        perForbund.set(u.forbund, (perForbund.get(u.forbund) ?? 0) + 1);
      }
      expect(perForbund.size).toBe(80);
      expect(Math.max(...perForbund.values()) - Math.min(...perForbund.values())).toBeLessThanOrEqual(1);
    }
  });

  it('grants as the directory writes them: staff of their own insats, analysts of their county', () => {
    const staff = users.find((u) => u.role === 'staff' && u.forbund === 3 && u.insats === 2)!;
    expect(staff.grants).toEqual([{ role: 'STAFF', forbundId: forbundId(3), interventionIds: [interventionId(3, 2)] }]);
    expect(new Set(users.filter((u) => u.role === 'staff').map((u) => `${u.forbund}:${u.insats}`)).size).toBe(960);
    const board = users.find((u) => u.role === 'board')!;
    expect(board.grants).toEqual([{ role: 'BOARD', forbundId: forbundId(board.forbund) }]);
    const analysts = users.filter((u) => u.role === 'county');
    expect(new Set(analysts.map((u) => u.county!.join())).size).toBe(80 / COUNTY_SIZE);
    for (const a of analysts) {
      const grant = a.grants[0]!;
      expect(grant.role).toBe('COUNTY_ANALYST');
      expect('county' in grant && grant.county.forbundIds).toEqual(a.county!.map((f) => forbundId(f)));
      expect(a.county).toHaveLength(COUNTY_SIZE);
    }
  });

  it('a last county smaller than the rest when the förbund do not divide', () => {
    const small = mixUsers({ forbund: 6, interventionsPerForbund: 8 }, 200).filter((u) => u.role === 'county');
    expect(new Set(small.map((u) => u.county!.join()))).toEqual(new Set(['1,2,3,4', '5,6']));
  });
});

describe('mix requests', () => {
  const users = mixUsers(national, 2000);
  const requests = mixRequests(users, 20_000, seededRandom(3));
  const byName = new Map(users.map((u) => [u.username, u]));

  it('each from a user of the mix, one of their own role’s pages', () => {
    const wrong = requests.filter((op) => {
      const user = byName.get(op.user.username);
      return !user || !PAGES[user.role].some((p) => p.kind === op.name);
    });
    expect(wrong).toEqual([]);
  });

  it('the roles in their proportions, the pages by their weights', () => {
    const share = (name: string) => requests.filter((r) => r.name === name).length / requests.length;
    // Staff are 72 % of the users and open only their caseload.
    expect(share('staff')).toBeCloseTo(0.72, 1);
    expect(share('county report')).toBeCloseTo(0.04, 1);
    // Administrators (8 %) write in one request of ten.
    expect(share('allocation (mutation)')).toBeGreaterThan(0.004);
    expect(share('allocation (mutation)')).toBeLessThan(0.012);
  });

  it('a staff member asks for their own insats; an analyst for their county', () => {
    const staffOp = requests.find((r) => r.name === 'staff')!;
    const staffUser = users.find((u) => u.username === staffOp.user.username)!;
    expect(staffOp.body.variables).toEqual({ id: interventionId(staffUser.forbund, staffUser.insats!) });
    const countyOp = requests.find((r) => r.name === 'county report')!;
    const analyst = users.find((u) => u.username === countyOp.user.username)!;
    expect(countyOp.body.variables.ids).toEqual(analyst.county!.map((f) => forbundId(f)));
  });
});
