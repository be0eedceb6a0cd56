/**
 * Synthetic participants for Norra Västmanland's teams, 2020–2021, shaped so that the 2021
 * figures match Årsrapport 2021 (seed 001, see DOMAIN.md): new and total per hemkommun, exits by
 * outcome for Sala, FNS and Hallstahammar, referrers of new participants for Sala and Surahammar;
 * and the 2020 column of the hemkommun table (people carried over from 2019, and people who came
 * and left within 2020).
 * People are invented; personnummer are made with serial numbers 98x–99x and valid check digits.
 * Surahammar's exits, the other teams' referrers, ages and kön are invented.
 */

import { DEMO_INTERVENTION_IDS } from '@finsam/teams/demo/interventions.js';
import { luhn } from '../domain/personnummer.js';

type Outcome =
  | 'ARBETE_UTAN_STOD'
  | 'STUDIER'
  | 'AKTIVT_ARBETSSOKANDE'
  | 'FORTSATT_REHABILITERING'
  | 'MEDICINSK_REHABILITERING'
  | 'AVBROTT'
  | 'OVRIGT';
type Referrer = 'FORSAKRINGSKASSAN' | 'ARBETSFORMEDLINGEN' | 'KOMMUN_FORSORJNINGSSTOD' | 'REGION';

export interface DemoTeam {
  interventionId: string;
  /** hemkommun → [new in 2021, total in 2021, new in 2020, total in 2020] */
  hemkommun: Record<string, [number, number, number, number]>;
  /** Exits in 2021 by outcome, in the Årsrapport's order. */
  exits: Partial<Record<Outcome, number>>;
  /** Referrers of the 2021 new participants. */
  referrers: Partial<Record<Referrer, number>>;
}

const DEMO_TEAMS: DemoTeam[] = [
  {
    interventionId: DEMO_INTERVENTION_IDS.SALA, // Sala
    hemkommun: { '1981': [18, 42, 20, 41] },
    exits: {
      AVBROTT: 0,
      ARBETE_UTAN_STOD: 5,
      STUDIER: 3,
      AKTIVT_ARBETSSOKANDE: 1,
      FORTSATT_REHABILITERING: 2,
      MEDICINSK_REHABILITERING: 5,
      OVRIGT: 0,
    },
    referrers: { FORSAKRINGSKASSAN: 10, ARBETSFORMEDLINGEN: 4, KOMMUN_FORSORJNINGSSTOD: 3, REGION: 1 },
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
    referrers: { FORSAKRINGSKASSAN: 9, ARBETSFORMEDLINGEN: 6, KOMMUN_FORSORJNINGSSTOD: 5, REGION: 2 },
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
    referrers: { FORSAKRINGSKASSAN: 6, ARBETSFORMEDLINGEN: 5, KOMMUN_FORSORJNINGSSTOD: 3, REGION: 1 },
  },
  {
    interventionId: DEMO_INTERVENTION_IDS.SURAHAMMAR, // Surahammar
    hemkommun: { '1907': [13, 25, 17, 25] },
    exits: {
      ARBETE_UTAN_STOD: 3,
      STUDIER: 1,
      AKTIVT_ARBETSSOKANDE: 2,
      FORTSATT_REHABILITERING: 3,
      MEDICINSK_REHABILITERING: 2,
      OVRIGT: 1,
    },
    referrers: { KOMMUN_FORSORJNINGSSTOD: 4, ARBETSFORMEDLINGEN: 3, FORSAKRINGSKASSAN: 6 },
  },
];

export interface DemoParticipation {
  interventionId: string;
  personnummer: string;
  kon: 'KVINNA' | 'MAN';
  age: number;
  hemkommun: string;
  referrer: Referrer;
  referredOn: string;
  enrolledOn: string;
  exitedOn: string | null;
  outcome: Outcome | null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A synthetic, valid-format personnummer. */
function personnummer(n: number, age: number, kon: 'KVINNA' | 'MAN'): string {
  const year = 2021 - age;
  const month = (n % 12) + 1;
  const dayOfMonth = (n % 28) + 1;
  const serialBase = 980 + (n % 19);
  const third = kon === 'MAN' ? (n % 5) * 2 + 1 : (n % 5) * 2;
  const serial = `${String(serialBase).slice(0, 2)}${third}`;
  const body = `${String(year).slice(2)}${pad(month)}${pad(dayOfMonth)}${serial}`;
  return `${year}${pad(month)}${pad(dayOfMonth)}-${serial}${luhn(body)}`;
}

/** Every demo participation, deterministic. */
export function demoParticipations(): DemoParticipation[] {
  const out: DemoParticipation[] = [];
  let n = 0;
  for (const team of DEMO_TEAMS) {
    const referrers = Object.entries(team.referrers).flatMap(([r, c]) => Array<Referrer>(c).fill(r as Referrer));
    const outcomes = Object.entries(team.exits).flatMap(([o, c]) => Array<Outcome>(c).fill(o as Outcome));
    const people: DemoParticipation[] = [];
    for (const [kommun, [fresh, total, fresh2020]] of Object.entries(team.hemkommun)) {
      // Of those carried over into 2021, the first came in 2019 so that 2020's new add up.
      const from2019 = Math.max(0, total - fresh - fresh2020);
      for (let i = 0; i < total; i++, n++) {
        const isNew = i >= total - fresh;
        const kon = n % 2 === 0 ? 'KVINNA' : 'MAN';
        const age = 19 + ((n * 7) % 27);
        const year = isNew ? 2021 : i < from2019 ? 2019 : 2020;
        const month = isNew ? (i % 11) + 1 : (i % 12) + 1;
        const enrolledOn = `${year}-${pad(month)}-${pad((i % 27) + 1)}`;
        const referredOn = `${year}-${pad(month)}-01`;
        people.push({
          interventionId: team.interventionId,
          personnummer: personnummer(n, age, kon),
          kon,
          age,
          hemkommun: kommun,
          referrer: 'ARBETSFORMEDLINGEN',
          referredOn,
          enrolledOn,
          exitedOn: null,
          outcome: null,
        });
      }
    }
    // Referrers as the Årsrapport gives them for the new; the carried-over ones were referred by AF.
    people
      .filter((p) => p.enrolledOn.startsWith('2021'))
      .forEach((p, i) => (p.referrer = referrers[i % referrers.length] ?? 'ARBETSFORMEDLINGEN'));
    // Exits: longest-enrolled first, each on the 15th of the month after a year's participation or in December.
    [...people]
      .sort((a, b) => a.enrolledOn.localeCompare(b.enrolledOn))
      .slice(0, outcomes.length)
      .forEach((p, i) => {
        p.outcome = outcomes[i]!;
        const year = Number(p.enrolledOn.slice(0, 4));
        p.exitedOn = year === 2020 ? `2021-${p.enrolledOn.slice(5, 7)}-15` : '2021-12-15';
      });
    out.push(...people);
  }
  // 2020's leavers, after everyone else so the 2021 people keep their numbers (ages, kön).
  for (const team of DEMO_TEAMS) {
    for (const [kommun, [fresh, total, fresh2020, total2020]] of Object.entries(team.hemkommun)) {
      const carried = total - fresh;
      const cameIn2020 = Math.max(0, fresh2020 - carried);
      const cameIn2019 = total2020 - carried - cameIn2020;
      for (let i = 0; i < cameIn2020 + cameIn2019; i++, n++) {
        const kon = n % 2 === 0 ? 'KVINNA' : 'MAN';
        const age = 19 + ((n * 7) % 27);
        const enrolledOn =
          i < cameIn2020
            ? `2020-${pad((i % 11) + 1)}-${pad((i % 27) + 1)}`
            : `2019-${pad((i % 12) + 1)}-${pad((i % 27) + 1)}`;
        out.push({
          interventionId: team.interventionId,
          personnummer: personnummer(n, age, kon),
          kon,
          age,
          hemkommun: kommun,
          referrer: 'ARBETSFORMEDLINGEN',
          referredOn: `${enrolledOn.slice(0, 8)}01`,
          enrolledOn,
          exitedOn: '2020-12-20',
          outcome: LEAVERS_2020[i % LEAVERS_2020.length]!,
        });
      }
    }
  }
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
