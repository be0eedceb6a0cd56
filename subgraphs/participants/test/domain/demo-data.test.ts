/**
 * The demo participants (src/demo/participations.ts) against the rules a client's go through, on the
 * day the seed runs and on other days: every step allowed, the Årsrapport's 2021 corrections in place,
 * each förbund with participants this year, and a staff member's overdue deadlines few and recent.
 */
import { demoMemberId, forbundBySlug } from '@finsam/governance/demo/forbund.js';
import { addDays, addMonths } from '@finsam/kit/dates.js';
import { type DemoRecord, demoRecord } from '@finsam/participants/demo/lifecycle.js';
import {
  type DemoParticipation,
  demoParticipations,
  FNS_REFERRERS_LEFT_OUT,
  OVERDUE_ON_PURPOSE,
  STAFF_TEAMS,
} from '@finsam/participants/demo/participations.js';
import { DEADLINE_KINDS, dueWithin } from '@finsam/participants/domain/deadlines.js';
import { DEMO_INTERVENTION_IDS } from '@finsam/teams/demo/interventions.js';

const TODAY = new Date().toISOString().slice(0, 10);
/** Other days the seed may run on: a leap day, years from now. */
const DAYS = [TODAY, '2028-02-29', '2031-07-15'];

const NORRA = forbundBySlug('norra-vastmanland');
const recordsOn = (today: string) => demoParticipations(today).map((d) => ({ d, r: demoRecord(d, today) }));
function count<T>(xs: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) {
    out[key(x)] = (out[key(x)] ?? 0) + 1;
  }
  return out;
}

/** What the staff of an insats see overdue on `today`, by the deadline rules. */
function overdueOf(records: { d: DemoParticipation; r: DemoRecord }[], insats: string, today: string) {
  return records
    .filter(({ r }) => r.interventionId === insats)
    .flatMap(({ r }) =>
      dueWithin({ ...r, lastFollowUp: r.status === 'ENROLLED' ? (r.followUps.at(-1) ?? null) : null }, today, 0),
    )
    .filter((o) => o.overdue);
}

describe.each(DAYS)('the demo participants, seeded on %s', (today) => {
  const records = recordsOn(today);

  it('take every step the rules allow, on the day it happened', () => {
    expect(records.length).toBeGreaterThan(0); // demoRecord threw for none
    for (const { r } of records) {
      expect(r.needsTwoMembers && r.motivated).toBe(true);
      expect([r.referredOn, r.decidedOn, r.enrolledOn, r.exitedOn, ...r.followUps].every((x) => !x || x <= today)).toBe(
        true,
      );
    }
  });

  it('each förbund has participants enrolled this year', () => {
    const year = today.slice(0, 4);
    const active = records.filter(
      ({ r }) => r.enrolledOn && r.enrolledOn <= today && (!r.exitedOn || r.exitedOn >= `${year}-01-01`),
    );
    expect(Object.keys(count(active, ({ d }) => d.forbund)).sort()).toEqual([
      'norra-vastmanland',
      'sodra-dalarna',
      'vasteras',
    ]);
  });

  it('leaves a staff member a few overdue deadlines, each weeks late at most — not every one since 2021', () => {
    for (const team of STAFF_TEAMS) {
      const overdue = overdueOf(records, team, today);
      // A few: at least one, so the view shows what overdue looks like; at most one of each kind of deadline.
      expect(overdue.length).toBeGreaterThan(0);
      expect(Object.values(count(overdue, (o) => o.kind)).every((n) => n === 1)).toBe(true);
      expect(overdue.length).toBeLessThanOrEqual(Object.keys(DEADLINE_KINDS).length);
      for (const o of overdue) {
        expect(o.due >= addDays(today, -90)).toBe(true);
      }
      // Just what the generator leaves undone on purpose, nothing it forgot.
      expect(overdue.map((o) => o.kind).sort()).toEqual([...OVERDUE_ON_PURPOSE].sort());
    }
  });

  it('gives each staff member a referral to decide, referred within the last days', () => {
    for (const team of STAFF_TEAMS) {
      const waiting = records.filter(({ r }) => r.interventionId === team && r.status === 'REFERRED');
      expect(waiting.length).toBeGreaterThan(0);
      expect(waiting.every(({ r }) => r.referredOn >= addDays(today, -5))).toBe(true);
    }
  });

  it('records the 6- and 18-month follow-ups close to exit + 6 and 18 months', () => {
    const exits = records.filter(({ d }) => d.exitedOn);
    expect(exits.some(({ d }) => d.after18)).toBe(true);
    for (const { d } of exits) {
      for (const [after, months] of [
        [d.after6, 6],
        [d.after18, 18],
      ] as const) {
        const due = addMonths(d.exitedOn!, months);
        if (after) {
          expect(after.on >= due && after.on <= addDays(due, 14)).toBe(true);
        }
      }
    }
  });
});

describe('the Årsrapport 2021 corrections in the demo', () => {
  const records = recordsOn(TODAY);
  const exited2021 = (insats: string) =>
    records.filter(({ r }) => r.interventionId === insats && r.exitedOn?.startsWith('2021'));

  it('Sala’s 2021 exits to work: 2 without subsidy, 3 with (seed 001)', () => {
    const outcomes = count(
      exited2021(DEMO_INTERVENTION_IDS.SALA).flatMap(({ r }) => r.outcomes),
      (o) => o,
    );
    expect([outcomes.ARBETE_UTAN_STOD, outcomes.ARBETE_MED_STOD]).toEqual([2, 3]);
    expect(exited2021(DEMO_INTERVENTION_IDS.SALA)).toHaveLength(16);
  });

  it('FNS’s 2021 new participants by referrer, as printed (one of Fagersta’s left out: 22 new, 23 printed)', () => {
    const member = (ref: string) => demoMemberId(NORRA.id, ref);
    const fresh = records.filter(
      ({ r }) => r.interventionId === DEMO_INTERVENTION_IDS.FNS && r.enrolledOn?.startsWith('2021'),
    );
    const printed = {
      [`KOMMUN_OTHER ${member('KOMMUN:1982')}`]: 12, // Fagersta kommun
      [`KOMMUN_OTHER ${member('KOMMUN:1962')}`]: 1, // Norbergs kommun
      [`KOMMUN_OTHER ${member('KOMMUN:1904')}`]: 3, // Skinnskattebergs kommun
      [`FORSAKRINGSKASSAN ${member('FK')}`]: 3,
      [`ARBETSFORMEDLINGEN ${member('AF')}`]: 3,
      [`KOMMUN_KAA ${member('KOMMUN:1962')}`]: 1, // KAA Norbergs kommun
    };
    const left = `${FNS_REFERRERS_LEFT_OUT.unit} ${member(FNS_REFERRERS_LEFT_OUT.member)}`;
    expect(count(fresh, ({ r }) => `${r.referrerUnit} ${r.referringMemberId}`)).toEqual({
      ...printed,
      [left]: printed[left]! - FNS_REFERRERS_LEFT_OUT.count,
    });
  });
});
