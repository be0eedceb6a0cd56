/**
 * Demo data for indicator surveys (../shared/DOMAIN.md, "Indicator surveys"; seeds 000, 001, 004
 * name the instrument as the insatser's follow-up method).
 *
 * Invented, all of it:
 *   - the instrument: the official texts of Indikatorer för finansiell samordning are licensed, so
 *     the statements paraphrase DOMAIN.md's participant themes; their indicator numbers, the 1–5
 *     scale and its labels are ours;
 *   - the rounds' dates and the answers: synthetic, from a seeded PRNG, so every seed is the same.
 *     Surahammar stays below the minimum n in both rounds, to show a suppressed result.
 */

import { readFileSync } from 'node:fs';
import { DEMO_INTERVENTION_IDS } from '@finsam/teams/demo/interventions.js';
import type { Scale } from '../entities/Instrument.js';

const { SALA, FNS, HALLSTAHAMMAR, SURAHAMMAR } = DEMO_INTERVENTION_IDS;

export const DEMO_INSTRUMENT = {
  id: '1d1c0000-0000-4000-8000-000000000001',
  respondentGroup: 'PARTICIPANT_ONGOING' as const,
  version: 1,
  name: 'Deltagarenkät, pågående insats (demo)',
  description:
    'DEMO: not the official questionnaire. The statements of Indikatorer för finansiell ' +
    'samordning are licensed; these paraphrase its participant themes for demonstration only.',
  scale: {
    min: 1,
    max: 5,
    labels: ['Stämmer inte alls', 'Stämmer dåligt', 'Stämmer delvis', 'Stämmer ganska bra', 'Stämmer helt'],
    positive: [4, 5],
  } satisfies Scale,
  items: [
    { text: 'Stödet jag får är ordnat utifrån mina behov.', indicator: 1 },
    { text: 'Jag kan påverka hur min rehabilitering läggs upp.', indicator: 2 },
    { text: 'Min rehabilitering får ta den tid den behöver.', indicator: 3 },
    { text: 'Det finns någon som håller ihop mitt stöd.', indicator: 4 },
    { text: 'Jag har fått bättre redskap att hantera mina besvär.', indicator: 6 },
    { text: 'Jag är mer redo för arbete eller studier nu än när jag började.', indicator: 6 },
    { text: 'Det finns en plan som tar vid när insatsen är slut.', indicator: 7 },
  ].map((item, i) => ({
    ...item,
    id: `1d1c0000-0000-4000-8001-${String(i + 1).padStart(12, '0')}`,
    position: i + 1,
    required: true,
  })),
};

export interface DemoRound {
  id: string;
  forbund: string;
  periodFrom: string;
  periodTo: string;
  opensAt: string;
  closesAt: string;
  minimumN: number;
  /** Answers per insats, and how favourable they lean (higher: more positive). */
  answers: { interventionId: string; count: number; lean: number }[];
}

export const DEMO_ROUNDS: DemoRound[] = [
  {
    id: '1d1c0000-0000-4000-8002-000000000001',
    forbund: 'norra-vastmanland',
    periodFrom: '2019-11-01',
    periodTo: '2020-10-01',
    opensAt: '2019-11-01T08:00:00+01:00',
    closesAt: '2020-10-31T23:59:59+01:00',
    minimumN: 5,
    answers: [
      { interventionId: SALA, count: 9, lean: 0.9 },
      { interventionId: FNS, count: 7, lean: 1.1 },
      { interventionId: HALLSTAHAMMAR, count: 6, lean: 1.0 },
      { interventionId: SURAHAMMAR, count: 2, lean: 1.0 },
    ],
  },
  {
    id: '1d1c0000-0000-4000-8002-000000000002',
    forbund: 'norra-vastmanland',
    periodFrom: '2020-11-01',
    periodTo: '2021-10-01',
    opensAt: '2020-11-01T08:00:00+01:00',
    closesAt: '2021-10-31T23:59:59+01:00',
    minimumN: 5,
    answers: [
      { interventionId: SALA, count: 14, lean: 1.3 },
      { interventionId: FNS, count: 11, lean: 1.0 },
      { interventionId: HALLSTAHAMMAR, count: 9, lean: 1.6 },
      { interventionId: SURAHAMMAR, count: 4, lean: 1.2 },
    ],
  },
];

/** mulberry32: a tiny seeded PRNG, so the synthetic answers are the same on every seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Synthetic answers for one insats of a round: values in item order, leaning towards the top of the scale. */
export function demoAnswers(roundIndex: number, a: DemoRound['answers'][number]): number[][] {
  const seed = roundIndex * 1000 + Number.parseInt(a.interventionId.slice(-4), 10);
  return syntheticAnswers(seed, a.count, a.lean, DEMO_INSTRUMENT.items.length, DEMO_INSTRUMENT.scale);
}

/** `count` synthetic answers to `items` statements on `scale`, the same for the same seed. */
export function syntheticAnswers(
  seed: number,
  count: number,
  lean: number,
  items: number,
  scale: Pick<Scale, 'min' | 'max'>,
): number[][] {
  const random = prng(seed);
  const { min, max } = scale;
  return Array.from({ length: count }, () =>
    Array.from(
      { length: items },
      () => min + Math.min(max - min, Math.floor(random() ** (1 / lean) * (max - min + 1))),
    ),
  );
}

/**
 * The demo's questionnaire files (format finsam-instrument/1, see the README), one per respondent group. Every
 * statement in them is a paraphrase invented for the demo, and says so: the national texts are licensed.
 */
export const DEMO_INSTRUMENT_FILES = [
  'participants-ongoing.yaml',
  'participants-exit.yaml',
  'staff.yaml',
  'board.yaml',
  'managers.yaml',
  'referrers.yaml',
] as const;

/** The text of a demo questionnaire file. */
export const demoInstrumentFile = (name: (typeof DEMO_INSTRUMENT_FILES)[number]) =>
  readFileSync(new URL(`./instruments/${name}`, import.meta.url), 'utf8');

/**
 * One open round to try (issue 19): Norra Västmanland's board questionnaire, open from a week before the seed runs
 * for four months, with demo codes anyone may use once each. The codes are invented, readable on purpose, and
 * published here: a real round's codes are random and shown once.
 */
export const DEMO_OPEN_ROUND = {
  id: '1d1c0000-0000-4000-8002-000000000003',
  forbund: 'norra-vastmanland',
  respondentGroup: 'BOARD_MEMBER' as const,
  version: 1,
  minimumN: 3,
  codes: Array.from({ length: 20 }, (_, i) => `DEMO-STYRELSE-${String(i + 1).padStart(2, '0')}`),
  /** Dates from the day the seed runs: the period is that year, the round opens 7 days before, closes 120 after. */
  dates(now: Date) {
    const year = now.getUTCFullYear();
    const day = 86_400_000;
    return {
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-01`,
      opensAt: new Date(now.getTime() - 7 * day),
      closesAt: new Date(now.getTime() + 120 * day),
    };
  },
};

/**
 * Past board rounds, so the county analyst's comparison has something to show on a normal day: Norra Västmanland
 * two and one year before the seed runs, Västerås last year with fewer answers than its minimum n (withheld, to show
 * it). Invented: the answers are synthetic, as above; the rounds' dates are autumn of their year.
 */
export const DEMO_BOARD_ROUNDS = [
  {
    id: '1d1c0000-0000-4000-8002-000000000004',
    forbund: 'norra-vastmanland',
    yearsAgo: 2,
    minimumN: 5,
    count: 7,
    lean: 1.2,
  },
  {
    id: '1d1c0000-0000-4000-8002-000000000005',
    forbund: 'norra-vastmanland',
    yearsAgo: 1,
    minimumN: 5,
    count: 8,
    lean: 1.6,
  },
  { id: '1d1c0000-0000-4000-8002-000000000006', forbund: 'vasteras', yearsAgo: 1, minimumN: 5, count: 4, lean: 1.3 },
] as const;
