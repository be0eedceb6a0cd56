/**
 * Synthetic participants of every demo förbund: a normal day's caseload.
 *
 * 2019–2021, Norra Västmanland only, shaped so that the 2021 figures match Årsrapport 2021 (seed
 * 001, see DOMAIN.md): new and total per hemkommun, exits by outcome for Sala, FNS and Hallstahammar
 * (Sala's five in work: two without subsidy, three with), referrers of new participants for Sala,
 * Surahammar and FNS as printed; and the 2020 column of the hemkommun table (people carried over
 * from 2019, and people who came and left within 2020). These dates are fixed.
 *
 * From 2022 to the day the seed runs (`today`), every individinriktad insats of the three förbund
 * takes in people at an invented steady pace, follows them up every third month, lets them go after
 * 5–11 months, and records the final documentation and the 6- and 18-month follow-ups a few days
 * after they fall due — so a staff member's first view is a normal day: three things overdue in each
 * demo staff member's team (`OVERDUE_ON_PURPOSE`), not every follow-up since 2021.
 *
 * People are invented; personnummer are made with valid check digits (serials 98x–99x before 2022,
 * 9xx after). INVENTED: everything after 2021; before it, Surahammar's exits, the referrers of
 * Hallstahammar and of everyone carried over, the kommun units behind "Sala/Surahammars kommun"
 * (the report names the kommun only: KOMMUN_OTHER with that kommun as referring member), ages, kön,
 * support sources, levels at follow-up, and every day of the month.
 */

import type { MemberRef } from '@finsam/governance/demo/forbund.js';
import { addDays, addMonths } from '@finsam/kit/dates.js';
import { DEMO_INTERVENTION_IDS, DEMO_INTERVENTIONS } from '@finsam/teams/demo/interventions.js';
import { luhn } from '../domain/personnummer.js';
import type { EDUCATION, LEVELS, OUTCOMES, REFERRER_UNITS, SUPPORT_SOURCES } from '../entities/Participation.js';

export type Outcome = (typeof OUTCOMES)[number];
export type Referrer = (typeof REFERRER_UNITS)[number];
type Level = (typeof LEVELS)[number];
type Support = (typeof SUPPORT_SOURCES)[number];
type Education = (typeof EDUCATION)[number];

/** Who referred: the unit, and the member (part) it belongs to ('HEMKOMMUN': the person's kommun). */
interface ReferrerOf {
  unit: Referrer;
  member: MemberRef | 'HEMKOMMUN';
}
const FK: ReferrerOf = { unit: 'FORSAKRINGSKASSAN', member: 'FK' };
const AF: ReferrerOf = { unit: 'ARBETSFORMEDLINGEN', member: 'AF' };
const REGION: ReferrerOf = { unit: 'REGION', member: 'REGION' };
/** A kommun the report names without its unit. */
const kommun = (scbCode: string): ReferrerOf => ({ unit: 'KOMMUN_OTHER', member: `KOMMUN:${scbCode}` });

interface LegacyTeam {
  interventionId: string;
  /** hemkommun → [new in 2021, total in 2021, new in 2020, total in 2020] */
  hemkommun: Record<string, [number, number, number, number]>;
  /** Exits in 2021 by outcome, in the Årsrapport's order. */
  exits: Partial<Record<Outcome, number>>;
  /** Referrers of the 2021 new participants, each with how many. */
  referrers: [ReferrerOf, number][];
}

const LEGACY_TEAMS: LegacyTeam[] = [
  {
    interventionId: DEMO_INTERVENTION_IDS.SALA, // Sala
    hemkommun: { '1981': [18, 42, 20, 41] },
    // "hela fem personer funnit vägen till arbete och av de fem så har två hittat anställning utan subvention"
    exits: {
      AVBROTT: 0,
      ARBETE_UTAN_STOD: 2,
      ARBETE_MED_STOD: 3,
      STUDIER: 3,
      AKTIVT_ARBETSSOKANDE: 1,
      FORTSATT_REHABILITERING: 2,
      MEDICINSK_REHABILITERING: 5,
      OVRIGT: 0,
    },
    // Försäkringskassan 10, Arbetsförmedlingen 4, Sala Kommun 3, Regionen 1
    referrers: [
      [FK, 10],
      [AF, 4],
      [kommun('1981'), 3],
      [REGION, 1],
    ],
  },
  {
    interventionId: DEMO_INTERVENTION_IDS.FNS, // FNS
    hemkommun: { '1982': [14, 25, 7, 21], '1962': [3, 8, 5, 14], '1904': [5, 6, 2, 2] },
    exits: {
      AVBROTT: 1,
      ARBETE_UTAN_STOD: 1,
      STUDIER: 2,
      AKTIVT_ARBETSSOKANDE: 3,
      FORTSATT_REHABILITERING: 5,
      MEDICINSK_REHABILITERING: 3,
      OVRIGT: 2,
    },
    // As printed: Fagersta kommun 12, Norbergs kommun 1, Skinnskattebergs kommun 3, Försäkringskassan 3,
    // Arbetsförmedlingen 3, KAA Norbergs kommun 1 — 23, as the narrative says; the hemkommun table (and so
    // the seed) has 22 new, so one of Fagersta's 12 is left out (FNS_REFERRERS_LEFT_OUT).
    referrers: [
      [kommun('1982'), 12 - 1],
      [kommun('1962'), 1],
      [kommun('1904'), 3],
      [FK, 3],
      [AF, 3],
      [{ unit: 'KOMMUN_KAA', member: 'KOMMUN:1962' }, 1],
    ],
  },
  {
    interventionId: DEMO_INTERVENTION_IDS.HALLSTAHAMMAR, // Hallstahammar
    hemkommun: { '1961': [15, 26, 15, 27] },
    exits: {
      AVBROTT: 0,
      ARBETE_UTAN_STOD: 2,
      STUDIER: 2,
      AKTIVT_ARBETSSOKANDE: 3,
      FORTSATT_REHABILITERING: 3,
      MEDICINSK_REHABILITERING: 3,
      OVRIGT: 2,
    },
    // Invented (the report gives no referrer table for Hallstahammar).
    referrers: [
      [FK, 6],
      [AF, 5],
      [{ unit: 'KOMMUN_FORSORJNINGSSTOD', member: 'KOMMUN:1961' }, 3],
      [REGION, 1],
    ],
  },
  {
    interventionId: DEMO_INTERVENTION_IDS.SURAHAMMAR, // Surahammar
    hemkommun: { '1907': [13, 25, 17, 25] },
    // Invented (the report gives no exit table for Surahammar): 11 of 12 steps, so that the förbund's 2021
    // stegförflyttning comes out as the Årsrapport's "ca tre fjärdedelar" (43 of 60) beside the three printed tables.
    exits: {
      ARBETE_UTAN_STOD: 3,
      STUDIER: 2,
      AKTIVT_ARBETSSOKANDE: 2,
      FORTSATT_REHABILITERING: 4,
      MEDICINSK_REHABILITERING: 1,
      OVRIGT: 0,
    },
    // Surahammars kommun 4, Arbetsförmedlingen 3, Försäkringskassan 6
    referrers: [
      [kommun('1907'), 4],
      [AF, 3],
      [FK, 6],
    ],
  },
];

/** FNS's printed referrers that the seed leaves out, the table summing to one more than its new participants. */
export const FNS_REFERRERS_LEFT_OUT = { unit: 'KOMMUN_OTHER', member: 'KOMMUN:1982', count: 1 } as const;

/** A follow-up after exit: the level compared with the exit, and the day it was recorded. */
export interface AfterExitFollowUp {
  level: Level;
  on: string;
}

export interface DemoParticipation {
  forbund: 'vasteras' | 'norra-vastmanland' | 'sodra-dalarna';
  interventionId: string;
  personnummer: string;
  kon: 'KVINNA' | 'MAN';
  /** Age at referral. */
  age: number;
  birthYear: number;
  hemkommun: string;
  referrer: Referrer;
  /** The member whose unit referred. */
  referringMember: MemberRef;
  referredOn: string;
  /** Accepted on (both inclusion criteria met); null while the referral awaits a decision. */
  decidedOn: string | null;
  /** Null while accepted and not yet enrolled, or awaiting a decision. */
  enrolledOn: string | null;
  /** Follow-ups with participant and referrer while enrolled. */
  followUps: string[];
  exitedOn: string | null;
  outcomes: Outcome[];
  educationLevel: Education;
  supportBefore: Support[];
  yearsInSupport: number;
  supportAfter: Support[] | null;
  finalDocumentationSentOn: string | null;
  after6: AfterExitFollowUp | null;
  after18: AfterExitFollowUp | null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A synthetic, valid-format personnummer (the 2019–2021 people's: as first seeded, so their figures stay). */
function legacyPersonnummer(n: number, age: number, kon: 'KVINNA' | 'MAN'): string {
  const year = 2021 - age;
  const month = (n % 12) + 1;
  const dayOfMonth = (n % 28) + 1;
  const serialBase = 980 + (n % 19);
  const third = kon === 'MAN' ? (n % 5) * 2 + 1 : (n % 5) * 2;
  const serial = `${String(serialBase).slice(0, 2)}${third}`;
  const body = `${String(year).slice(2)}${pad(month)}${pad(dayOfMonth)}${serial}`;
  return `${year}${pad(month)}${pad(dayOfMonth)}-${serial}${luhn(body)}`;
}

/** Background, invented: cycles so that every source and level occurs. */
const SUPPORT_BEFORE: Support[][] = [
  ['FORSORJNINGSSTOD'],
  ['SJUKPENNING'],
  ['AKTIVITETSERSATTNING'],
  ['A_KASSA_AKTIVITETSSTOD'],
  ['FORSORJNINGSSTOD', 'A_KASSA_AKTIVITETSSTOD'],
  ['INGEN_OFFENTLIG_FORSORJNING'],
  ['SJUKERSATTNING'],
];
const EDUCATION_LEVELS: Education[] = [
  'GYMNASIUM',
  'GRUNDSKOLA',
  'GYMNASIUM',
  'EFTERGYMNASIAL',
  'GRUNDSKOLA_EJ_AVSLUTAD',
];

/** Support after exit as the outcome suggests. */
const SUPPORT_AFTER: Record<Outcome, Support> = {
  ARBETE_UTAN_STOD: 'LON',
  ARBETE_MED_STOD: 'LON',
  STUDIER: 'STUDIEMEDEL',
  AKTIVT_ARBETSSOKANDE: 'A_KASSA_AKTIVITETSSTOD',
  FORTSATT_REHABILITERING: 'SJUKPENNING',
  MEDICINSK_REHABILITERING: 'SJUKPENNING',
  AVBROTT: 'FORSORJNINGSSTOD',
  OVRIGT: 'OTHER',
};

/** Levels at the 6- and 18-month follow-ups, invented: 5 of 6 and 9 of 10 at the same level or higher. */
const LEVEL_6: Level[] = ['SAME', 'HIGHER', 'SAME', 'LOWER', 'HIGHER', 'SAME'];
const LEVEL_18: Level[] = ['HIGHER', 'SAME', 'HIGHER', 'SAME', 'LOWER', 'HIGHER', 'SAME', 'HIGHER', 'SAME', 'HIGHER'];

/**
 * Follow-ups while enrolled: each 3 months after the one before, a week or two early, up to the exit
 * (or today).
 */
function followUpsOf(n: number, enrolledOn: string, until: string): string[] {
  const out: string[] = [];
  for (let last = enrolledOn; ; ) {
    const next = addDays(addMonths(last, 3), -(7 + (n % 10)));
    if (next >= until) {
      return out;
    }
    out.push(next);
    last = next;
  }
}

/**
 * What follows an exit, as of `today`: the final documentation a week or two after it, each follow-up
 * a few days after it falls due (never later than today), none before.
 */
function afterExit(n: number, exitedOn: string, today: string) {
  const sent = addDays(exitedOn, 5 + (n % 12));
  const followUp = (months: number, levels: Level[]): AfterExitFollowUp | null => {
    const due = addMonths(exitedOn, months);
    const on = addDays(due, n % 12);
    return due > today ? null : { level: levels[n % levels.length]!, on: on > today ? today : on };
  };
  return {
    finalDocumentationSentOn: sent > today ? null : sent,
    after6: followUp(6, LEVEL_6),
    after18: followUp(18, LEVEL_18),
  };
}

function legacyParticipations(today: string): DemoParticipation[] {
  const out: DemoParticipation[] = [];
  let n = 0;
  const person = (
    team: LegacyTeam,
    kommunCode: string,
    enrolledOn: string,
    exit: { on: string; outcome: Outcome } | null,
  ): DemoParticipation => {
    const kon = n % 2 === 0 ? 'KVINNA' : 'MAN';
    const age = 19 + ((n * 7) % 27);
    return {
      forbund: 'norra-vastmanland',
      interventionId: team.interventionId,
      personnummer: legacyPersonnummer(n, age, kon),
      kon,
      age,
      birthYear: 2021 - age,
      hemkommun: kommunCode,
      // The carried-over ones were referred by AF; the new of 2021 get the report's referrers below.
      referrer: 'ARBETSFORMEDLINGEN',
      referringMember: 'AF',
      referredOn: `${enrolledOn.slice(0, 8)}01`,
      decidedOn: `${enrolledOn.slice(0, 8)}01`,
      enrolledOn,
      followUps: [],
      exitedOn: exit?.on ?? null,
      outcomes: exit ? [exit.outcome] : [],
      educationLevel: EDUCATION_LEVELS[n % EDUCATION_LEVELS.length]!,
      supportBefore: SUPPORT_BEFORE[n % SUPPORT_BEFORE.length]!,
      yearsInSupport: 1 + ((n * 3) % 9),
      supportAfter: null,
      finalDocumentationSentOn: null,
      after6: null,
      after18: null,
    };
  };
  for (const team of LEGACY_TEAMS) {
    const outcomes = Object.entries(team.exits).flatMap(([o, c]) => Array<Outcome>(c).fill(o as Outcome));
    const people: DemoParticipation[] = [];
    for (const [kommunCode, [fresh, total, fresh2020]] of Object.entries(team.hemkommun)) {
      // Of those carried over into 2021, the first came in 2019 so that 2020's new add up.
      const from2019 = Math.max(0, total - fresh - fresh2020);
      for (let i = 0; i < total; i++, n++) {
        const isNew = i >= total - fresh;
        const year = isNew ? 2021 : i < from2019 ? 2019 : 2020;
        const month = isNew ? (i % 11) + 1 : (i % 12) + 1;
        people.push(person(team, kommunCode, `${year}-${pad(month)}-${pad((i % 27) + 1)}`, null));
      }
    }
    const referrers = team.referrers.flatMap(([r, c]) => Array<ReferrerOf>(c).fill(r));
    people
      .filter((p) => p.enrolledOn!.startsWith('2021'))
      .forEach((p, i) => {
        const r = referrers[i % referrers.length]!;
        p.referrer = r.unit;
        p.referringMember = r.member === 'HEMKOMMUN' ? `KOMMUN:${p.hemkommun}` : r.member;
      });
    // Exits: longest-enrolled first, each on the 15th of the month after a year's participation or in December.
    [...people]
      .sort((a, b) => a.enrolledOn!.localeCompare(b.enrolledOn!))
      .slice(0, outcomes.length)
      .forEach((p, i) => {
        p.outcomes = [outcomes[i]!];
        const year = Number(p.enrolledOn!.slice(0, 4));
        p.exitedOn = year === 2020 ? `2021-${p.enrolledOn!.slice(5, 7)}-15` : '2021-12-15';
      });
    out.push(...people);
  }
  // 2020's leavers, after everyone else so the 2021 people keep their numbers (ages, kön).
  for (const team of LEGACY_TEAMS) {
    for (const [kommunCode, [fresh, total, fresh2020, total2020]] of Object.entries(team.hemkommun)) {
      const carried = total - fresh;
      const cameIn2020 = Math.max(0, fresh2020 - carried);
      const cameIn2019 = total2020 - carried - cameIn2020;
      for (let i = 0; i < cameIn2020 + cameIn2019; i++, n++) {
        const enrolledOn =
          i < cameIn2020
            ? `2020-${pad((i % 11) + 1)}-${pad((i % 27) + 1)}`
            : `2019-${pad((i % 12) + 1)}-${pad((i % 27) + 1)}`;
        out.push(person(team, kommunCode, enrolledOn, { on: '2020-12-20', outcome: LEAVERS_2020[i % 5]! }));
      }
    }
  }
  // INVENTED: those still enrolled at the end of 2021 leave in 2022, a year after they came (from mid-January).
  out.forEach((p, i) => {
    if (!p.exitedOn) {
      const yearOn = addMonths(p.enrolledOn!, 12);
      p.exitedOn = yearOn < '2022-01-14' ? addDays('2022-01-14', i % 10) : addDays(yearOn, -(i % 10));
      p.outcomes = [EXIT_OUTCOMES[i % EXIT_OUTCOMES.length]!];
    }
  });
  // What every one of them was owed has been done, each on time.
  out.forEach((p, i) => {
    p.followUps = followUpsOf(i, p.enrolledOn!, p.exitedOn!);
    p.supportAfter = [SUPPORT_AFTER[p.outcomes[0]!]];
    Object.assign(p, afterExit(i, p.exitedOn!, today));
  });
  return out;
}

/** Outcomes of 2020's leavers, invented (the seeds give no 2020 exit table). */
const LEAVERS_2020: Outcome[] = [
  'ARBETE_UTAN_STOD',
  'FORTSATT_REHABILITERING',
  'STUDIER',
  'MEDICINSK_REHABILITERING',
  'AKTIVT_ARBETSSOKANDE',
];

/**
 * Outcomes of exits after 2021, in turn, invented: 16 of 20 a step towards work (DOMAIN.md:
 * work, studies, actively seeking work, or continued active rehabilitation), as Västerås' 80 % goal.
 */
const EXIT_OUTCOMES: Outcome[] = [
  'ARBETE_UTAN_STOD',
  'STUDIER',
  'FORTSATT_REHABILITERING',
  'ARBETE_MED_STOD',
  'AKTIVT_ARBETSSOKANDE',
  'MEDICINSK_REHABILITERING',
  'ARBETE_UTAN_STOD',
  'FORTSATT_REHABILITERING',
  'STUDIER',
  'AVBROTT',
  'ARBETE_MED_STOD',
  'AKTIVT_ARBETSSOKANDE',
  'FORTSATT_REHABILITERING',
  'OVRIGT',
  'ARBETE_UTAN_STOD',
  'STUDIER',
  'MEDICINSK_REHABILITERING',
  'AKTIVT_ARBETSSOKANDE',
  'ARBETE_MED_STOD',
  'FORTSATT_REHABILITERING',
];

/** An insats' intake from 2022 on, INVENTED: how many new a year, from which kommuner, by whom referred. */
interface Flow {
  interventionId: string;
  newPerYear: number;
  /** Hemkommuner in turn (repeat a code to weigh it). */
  kommuner: string[];
  referrers: ReferrerOf[];
  /** The first referral (default: 2022-01-01 or the insats' start if later). */
  from?: string;
}

const KOMMUN_UNITS: Referrer[] = ['KOMMUN_FORSORJNINGSSTOD', 'KOMMUN_IFO', 'KOMMUN_KAA', 'KOMMUN_LSS'];
/** Referrers in turn: FK, AF, a unit of the person's kommun, the region. */
const REFERRERS_IN_TURN: ReferrerOf[] = [
  FK,
  AF,
  { unit: 'KOMMUN_FORSORJNINGSSTOD', member: 'HEMKOMMUN' },
  FK,
  AF,
  REGION,
  { unit: 'KOMMUN_OTHER', member: 'HEMKOMMUN' },
];

const FLOWS: Flow[] = [
  // Samordningsförbundet Västerås (seed 004: 110 årsplatser; the demo takes in fewer).
  {
    interventionId: DEMO_INTERVENTION_IDS.VASTERAS_TEAM,
    newPerYear: 40,
    kommuner: ['1980'],
    referrers: REFERRERS_IN_TURN,
  },
  { interventionId: DEMO_INTERVENTION_IDS.SPIRA, newPerYear: 16, kommuner: ['1980'], referrers: REFERRERS_IN_TURN },
  // MGT: the team starts in August 2022 (seed 004).
  {
    interventionId: '1c7e0000-0000-4000-8000-000000000005',
    newPerYear: 20,
    kommuner: ['1980'],
    referrers: REFERRERS_IN_TURN,
    from: '2022-08-15',
  },
  // Norra Västmanland: at 2021's pace (seed 001).
  { interventionId: DEMO_INTERVENTION_IDS.SALA, newPerYear: 18, kommuner: ['1981'], referrers: REFERRERS_IN_TURN },
  {
    interventionId: DEMO_INTERVENTION_IDS.FNS,
    newPerYear: 22,
    kommuner: ['1982', '1982', '1962', '1982', '1904'],
    referrers: REFERRERS_IN_TURN,
  },
  {
    interventionId: DEMO_INTERVENTION_IDS.HALLSTAHAMMAR,
    newPerYear: 15,
    kommuner: ['1961'],
    referrers: REFERRERS_IN_TURN,
  },
  {
    interventionId: DEMO_INTERVENTION_IDS.SURAHAMMAR,
    newPerYear: 13,
    kommuner: ['1907'],
    referrers: REFERRERS_IN_TURN,
  },
  // Södra Dalarna: Säter about 50 a year in the plan (seed 002), the demo fewer; Kraften a third from Säter.
  {
    interventionId: '1c7e0000-0000-4000-8000-000000000011',
    newPerYear: 30,
    kommuner: ['2082'],
    referrers: REFERRERS_IN_TURN,
  },
  {
    interventionId: '1c7e0000-0000-4000-8000-000000000012',
    newPerYear: 20,
    kommuner: ['2083', '2083', '2082'],
    referrers: REFERRERS_IN_TURN,
  },
];

/** A unique, valid personnummer for the people from 2022 on: serials 900–979, the ninth digit giving kön. */
function personnummerFrom(n: number, birthYear: number, kon: 'KVINNA' | 'MAN', taken: Set<string>): string {
  for (let k = n; ; k += 997) {
    const month = (k % 12) + 1;
    const day = ((k * 7) % 28) + 1;
    const tens = Math.floor(k / 12) % 8;
    const third = kon === 'MAN' ? ((k >> 3) % 5) * 2 + 1 : ((k >> 3) % 5) * 2;
    const serial = `9${tens}${third}`;
    const body = `${String(birthYear).slice(2)}${pad(month)}${pad(day)}${serial}`;
    const pnr = `${birthYear}${pad(month)}${pad(day)}-${serial}${luhn(body)}`;
    if (!taken.has(pnr)) {
      taken.add(pnr);
      return pnr;
    }
  }
}

/** Days from referral to decision, and to enrolment. */
const DECIDED_AFTER = 5;
const ENROLLED_AFTER = 12;

function flowParticipations(today: string): DemoParticipation[] {
  const out: DemoParticipation[] = [];
  const taken = new Set<string>();
  let n = 0;
  for (const flow of FLOWS) {
    const insats = DEMO_INTERVENTIONS.find((i) => i.id === flow.interventionId)!;
    const from = [flow.from ?? '2022-01-01', insats.startDate].sort().at(-1)!;
    // Nobody is enrolled within a month of the insats' end; nobody stays past it.
    const lastReferral = insats.endDate ? addDays(insats.endDate, -30 - ENROLLED_AFTER) : today;
    const step = 365 / flow.newPerYear;
    // A staff member's team has a referral awaiting decision today: one in its last days, or one made 2 days ago.
    const awaiting = STAFF_TEAMS.includes(flow.interventionId) ? addDays(today, -2) : null;
    for (let k = 0; ; k++, n++) {
      let referredOn = addDays(from, Math.round(k * step));
      if (referredOn > lastReferral || referredOn > today) {
        if (!awaiting || out.some((p) => p.interventionId === flow.interventionId && !p.decidedOn)) {
          break;
        }
        referredOn = awaiting;
      }
      const kon = n % 2 === 0 ? 'KVINNA' : 'MAN';
      const span = insats.targetAgeMax - Math.max(insats.targetAgeMin, 19);
      const age = Math.max(insats.targetAgeMin, 19) + ((n * 7) % Math.min(span, 40));
      const birthYear = Number(referredOn.slice(0, 4)) - age - 1;
      const hemkommun = flow.kommuner[k % flow.kommuner.length]!;
      const r = flow.referrers[k % flow.referrers.length]!;
      const unit = r.unit === 'KOMMUN_FORSORJNINGSSTOD' ? KOMMUN_UNITS[k % KOMMUN_UNITS.length]! : r.unit;
      const decidedOn = addDays(referredOn, DECIDED_AFTER);
      const enrolledOn = addDays(referredOn, ENROLLED_AFTER);
      const planned = addDays(addMonths(enrolledOn, 5 + ((n * 5) % 7)), n % 20);
      const exitedOn = insats.endDate && planned > insats.endDate ? insats.endDate : planned;
      const outcome = EXIT_OUTCOMES[n % EXIT_OUTCOMES.length]!;
      // Now and then someone leaves for work and studies both; the exit counts once.
      const outcomes: Outcome[] = outcome.startsWith('ARBETE') && n % 7 === 0 ? [outcome, 'STUDIER'] : [outcome];
      const p: DemoParticipation = {
        forbund: insats.forbund,
        interventionId: insats.id,
        personnummer: personnummerFrom(n, birthYear, kon, taken),
        kon,
        age,
        birthYear,
        hemkommun,
        referrer: unit,
        referringMember: r.member === 'HEMKOMMUN' ? `KOMMUN:${hemkommun}` : r.member,
        referredOn,
        decidedOn: decidedOn > today ? null : decidedOn,
        enrolledOn: enrolledOn > today ? null : enrolledOn,
        followUps: [],
        exitedOn: null,
        outcomes: [],
        educationLevel: EDUCATION_LEVELS[n % EDUCATION_LEVELS.length]!,
        supportBefore: SUPPORT_BEFORE[n % SUPPORT_BEFORE.length]!,
        yearsInSupport: 1 + ((n * 3) % 9),
        supportAfter: null,
        finalDocumentationSentOn: null,
        after6: null,
        after18: null,
      };
      if (p.enrolledOn) {
        p.followUps = followUpsOf(n, p.enrolledOn, exitedOn < today ? exitedOn : addDays(today, 1));
        if (exitedOn < today) {
          p.exitedOn = exitedOn;
          p.outcomes = outcomes;
          p.supportAfter = outcomes.map((o) => SUPPORT_AFTER[o]);
          Object.assign(p, afterExit(n, exitedOn, today));
        }
      }
      out.push(p);
    }
  }
  return out;
}

/** The insatser of the demo staff members (governance's people.ts): where something is left overdue on purpose. */
export const STAFF_TEAMS = [
  DEMO_INTERVENTION_IDS.VASTERAS_TEAM,
  DEMO_INTERVENTION_IDS.HALLSTAHAMMAR,
  '1c7e0000-0000-4000-8000-000000000011', // Samverkansteam Säter
];

/**
 * What is left undone on purpose in each staff member's team, so the first view shows what overdue
 * looks like: a follow-up of someone enrolled (the last one over three months ago), the final
 * documentation of a recent exit, and the 6-month follow-up of an exit half a year ago. Each is days
 * or weeks late, never years.
 */
export const OVERDUE_ON_PURPOSE = ['FOLLOW_UP', 'FINAL_DOCUMENTATION', 'AFTER_6_MONTHS'] as const;

function leaveOverdue(all: DemoParticipation[], today: string): void {
  for (const team of STAFF_TEAMS) {
    const mine = all.filter((p) => p.interventionId === team);
    // FOLLOW_UP: the longest-enrolled of those still enrolled, with nothing recorded in the last 100 days.
    const enrolled = mine
      .filter((p) => p.enrolledOn && !p.exitedOn && p.enrolledOn <= addDays(today, -120))
      .sort((a, b) => a.enrolledOn!.localeCompare(b.enrolledOn!))[0];
    if (enrolled) {
      enrolled.followUps = enrolled.followUps.filter((d) => d < addDays(today, -100));
    }
    // FINAL_DOCUMENTATION: the latest exit whose three weeks have passed.
    const exits = mine.filter((p) => p.exitedOn).sort((a, b) => b.exitedOn!.localeCompare(a.exitedOn!));
    const recent = exits.find((p) => addDays(p.exitedOn!, 21) < addDays(today, -3));
    if (recent) {
      recent.finalDocumentationSentOn = null;
    }
    // AFTER_6_MONTHS: the latest exit whose six months have passed.
    const halfYear = exits.find((p) => p !== recent && addMonths(p.exitedOn!, 6) < addDays(today, -3));
    if (halfYear) {
      halfYear.after6 = null;
    }
  }
}

/** Every demo participation as of `today` (YYYY-MM-DD), deterministic for a given day. */
export function demoParticipations(today: string = new Date().toISOString().slice(0, 10)): DemoParticipation[] {
  const all = [...legacyParticipations(today), ...flowParticipations(today)];
  leaveOverdue(all, today);
  return all;
}
