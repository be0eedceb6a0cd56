import { builder } from './builder.js';
import { InterventionRef } from './Intervention.js';
import { Participation } from '../entities/Participation.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { isoDate as day } from '@finsam/kit/dates.js';

/** Outcomes that count as a step towards work or studies (Västerås' goal: 80 %). */
const STEP_TOWARDS_WORK = new Set(['ARBETE_UTAN_STOD', 'ARBETE_MED_STOD', 'STUDIER', 'AKTIVT_ARBETSSOKANDE']);

interface Stats {
  rows: Participation[];
  from: string;
  to: string;
}

export const Count = builder.objectRef<{ key: string; count: number }>('CountByKey').implement({
  fields: (t) => ({ key: t.exposeString('key'), count: t.exposeInt('count') }),
});

const AGE_BANDS: [number, number][] = [[16, 19], [20, 24], [25, 29], [30, 39], [40, 49], [50, 67]];
const ageBand = (age: number | null | undefined) => {
  const band = age == null ? undefined : AGE_BANDS.find(([lo, hi]) => age >= lo && age <= hi);
  return band ? `${band[0]}-${band[1]}` : null;
};

const tally = (values: (string | null | undefined)[]) => {
  const m = new Map<string, number>();
  for (const v of values) if (v != null) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => a.key.localeCompare(b.key));
};

function split({ rows, from, to }: Stats) {
  const enrolled = rows.filter((p) => p.enrolledOn);
  const started = enrolled.filter((p) => day(p.enrolledOn)! >= from && day(p.enrolledOn)! <= to);
  const active = enrolled.filter((p) => day(p.enrolledOn)! <= to && (!p.exitedOn || day(p.exitedOn)! >= from));
  const exited = enrolled.filter((p) => p.exitedOn && day(p.exitedOn)! >= from && day(p.exitedOn)! <= to);
  return { started, active, exited };
}

const StatisticsRef = builder.objectRef<Stats>('ParticipantStatistics').implement({
  description: 'Figures for a period; no person in them. A participation with several outcomes counts once in each outcome; `exited` counts participations.',
  fields: (t) => ({
    from: t.field({ type: 'Date', resolve: (s) => s.from }),
    to: t.field({ type: 'Date', resolve: (s) => s.to }),
    new: t.int({ description: 'Enrolled in the period.', resolve: (s) => split(s).started.length }),
    active: t.int({ description: 'Enrolled at some time in the period.', resolve: (s) => split(s).active.length }),
    exited: t.int({ resolve: (s) => split(s).exited.length }),
    newByKon: t.field({ type: [Count], resolve: (s) => tally(split(s).started.map((p) => p.kon)) }),
    newByHemkommun: t.field({ type: [Count], description: 'Consented participations only.', resolve: (s) => tally(split(s).started.map((p) => p.hemkommun)) }),
    activeByHemkommun: t.field({ type: [Count], description: 'Consented participations only.', resolve: (s) => tally(split(s).active.map((p) => p.hemkommun)) }),
    newByReferrer: t.field({ type: [Count], resolve: (s) => tally(split(s).started.map((p) => p.referrerUnit)) }),
    newByReferringMember: t.field({ type: [Count], description: 'Member ids; referrals that named their member.', resolve: (s) => tally(split(s).started.map((p) => p.referringMemberId)) }),
    newByAgeBand: t.field({ type: [Count], description: 'Age at referral, consented participations: 16-19, 20-24, 25-29, 30-39, 40-49, 50-67.', resolve: (s) => tally(split(s).started.map((p) => ageBand(p.ageAtReferral))) }),
    newByEducation: t.field({ type: [Count], resolve: (s) => tally(split(s).started.map((p) => p.educationLevel)) }),
    newBySupportBefore: t.field({ type: [Count], resolve: (s) => tally(split(s).started.flatMap((p) => p.supportBefore ?? [])) }),
    exitsByOutcome: t.field({ type: [Count], resolve: (s) => tally(split(s).exited.flatMap((p) => p.outcomes)) }),
    exitsBySupportAfter: t.field({ type: [Count], resolve: (s) => tally(split(s).exited.flatMap((p) => p.supportAfter ?? [])) }),
    averageAgeAtEntry: t.float({ nullable: true, description: 'Of new participants with consent.', resolve: (s) => {
      const ages = split(s).started.map((p) => p.ageAtReferral).filter((a): a is number => a != null);
      return ages.length ? Math.round((ages.reduce((a, b) => a + b, 0) / ages.length) * 10) / 10 : null;
    } }),
    averageDaysInIntervention: t.float({ nullable: true, description: 'Of those who exited in the period.', resolve: (s) => {
      const days = split(s).exited.map((p) => (Date.parse(day(p.exitedOn)!) - Date.parse(day(p.enrolledOn)!)) / 86_400_000);
      return days.length ? Math.round(days.reduce((a, b) => a + b, 0) / days.length) : null;
    } }),
    stepTowardsWorkShare: t.float({ nullable: true, description: 'Share of exits with an outcome towards work or studies.', resolve: (s) => {
      const exited = split(s).exited;
      return exited.length ? Math.round((exited.filter((p) => p.outcomes.some((o) => STEP_TOWARDS_WORK.has(o))).length / exited.length) * 1000) / 1000 : null;
    } }),
    after6Months: t.field({ type: [Count], description: 'Levels 6 months after exit.', resolve: (s) => tally(split(s).exited.map((p) => p.level6Months)) }),
    after18Months: t.field({ type: [Count], description: 'Levels 18 months after exit.', resolve: (s) => tally(split(s).exited.map((p) => p.level18Months)) }),
  }),
});

function period(ctx: SubgraphContext, from: string, to: string, interventionId: string): Promise<Stats> {
  // Only the columns figures need: nothing identifying is read for statistics.
  return ctx.em
    .find(Participation, { interventionId, enrolledOn: { $ne: null, $lte: to } }, {
      fields: ['id', 'interventionId', 'status', 'kon', 'hemkommun', 'referrerUnit', 'referringMemberId', 'educationLevel', 'supportBefore', 'enrolledOn', 'exitedOn', 'outcomes', 'supportAfter', 'ageAtReferral', 'level6Months', 'level18Months'],
    })
    .then((rows) => ({ rows: rows as Participation[], from, to }));
}

builder.objectField(InterventionRef, 'participantStatistics', (t) =>
  t.field({
    type: StatisticsRef,
    description: 'Participant figures for a period (board, förbund administrators, the insats’ staff).',
    authScopes: { role: ['forbund_admin', 'board', 'staff'] },
    args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
    resolve: (i, { from, to }, ctx) => period(ctx, from, to, i.id),
  }),
);
