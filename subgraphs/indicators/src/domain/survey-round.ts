/**
 * A survey round (enkätomgång): a published questionnaire version answered over a period, for some insatser of a
 * förbund (participants, staff) or for the förbund itself or a body it names (board, managers, referrers). It is
 * planned, then open for answers, then closed; it hides results with fewer respondents than its minimum n (at least
 * 3, by default 5); codes are issued a few hundred at a time, for an insats it covers (or the förbund), until it
 * closes.
 */
import { ValidationError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import type { RespondentGroup } from '../entities/Instrument.js';
import { periodSchema } from './survey-period.js';

/** Fewest respondents a round may show results for, by default, and at most. */
export const MINIMUM_N = { least: 3, default: 5, most: 100 } as const;
/** Svarskoder issued in one go, at most. */
export const MOST_CODES_AT_A_TIME = 500;

export type RoundStatus = 'PLANNED' | 'OPEN' | 'CLOSED';

/** Planned until it opens, open until it closes (the closing moment itself is closed). */
export function roundStatus(round: { opensAt: Date; closesAt: Date }, now = new Date()): RoundStatus {
  if (now < round.opensAt) {
    return 'PLANNED';
  }
  return now < round.closesAt ? 'OPEN' : 'CLOSED';
}

const createSchema = z
  .object({
    instrumentId: z.uuid('Not a questionnaire id'),
    period: periodSchema,
    // Whether a round needs insatser depends on its questionnaire's respondent group: `assertRoundUnits`.
    interventionIds: z
      .array(z.uuid('Not an insats id'))
      .nullish()
      .transform((v) => v ?? []),
    body: z
      .string()
      .trim()
      .min(2, 'Name the body, or leave it out')
      .max(200)
      .nullish()
      .transform((v) => v ?? null),
    opensAt: z.date(),
    closesAt: z.date(),
    minimumN: z
      .number()
      .int()
      .min(MINIMUM_N.least, 'Fewer than 3 respondents cannot be anonymous')
      .max(MINIMUM_N.most)
      .nullish()
      .transform((v) => v ?? MINIMUM_N.default),
  })
  .superRefine((d, ctx) => {
    if (d.closesAt <= d.opensAt) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'The round closes before it opens' });
    }
    if (new Set(d.interventionIds).size !== d.interventionIds.length) {
      ctx.addIssue({ code: 'custom', path: ['interventionIds'], message: 'An insats is listed twice' });
    }
  });

export type NewRound = z.infer<typeof createSchema>;

/** A new round from its input (minimum n 5 unless given); or a ValidationError. */
export function parseNewRound(input: unknown): NewRound {
  return parseInput(createSchema, input);
}

/** Respondent groups whose rounds belong to insatser; the others' rounds belong to the förbund (or a named body). */
export const INSATS_GROUPS: readonly RespondentGroup[] = [
  'PARTICIPANT_ONGOING',
  'PARTICIPANT_AT_EXIT',
  'INTERVENTION_STAFF',
];

/** Whether a respondent group answers about insatser (participants, staff) rather than the förbund. */
export const answersForInsatser = (group: RespondentGroup) => INSATS_GROUPS.includes(group);

/**
 * The one unit of a round without insatser (board members, managers, referrers): its codes and answers carry the
 * nil UUID where an insats round's carry the insats, so batches, cells and the minimum n work alike for both.
 */
export const FORBUND_UNIT = '00000000-0000-0000-0000-000000000000';

/**
 * A participant or staff round covers one or more insatser of the förbund; a board, managers' or referrers' round
 * belongs to the förbund (or to a body it names) and covers none. Throws a ValidationError otherwise.
 */
export function assertRoundUnits(group: RespondentGroup, round: { interventionIds: string[]; body: string | null }) {
  if (answersForInsatser(group)) {
    const issues = [
      ...(round.interventionIds.length
        ? []
        : [{ path: ['input', 'interventionIds'], message: 'A round covers at least one insats' }]),
      ...(round.body === null
        ? []
        : [{ path: ['input', 'body'], message: 'A participant or staff round belongs to its insatser, not a body' }]),
    ];
    if (issues.length) {
      throw new ValidationError(issues);
    }
  } else if (round.interventionIds.length) {
    throw new ValidationError([
      {
        path: ['input', 'interventionIds'],
        message: "A board, managers' or referrers' round belongs to the förbund (or a named body), not to an insats",
      },
    ]);
  }
}

/** The units a round's codes and answers are for: its insatser, or the förbund as one unit. */
export const roundUnits = (round: { interventionIds: readonly string[] }): string[] =>
  round.interventionIds.length ? [...round.interventionIds] : [FORBUND_UNIT];

/** Only an open round can be closed (early); throws a ValidationError at `id` otherwise. */
export function assertClosable(round: { opensAt: Date; closesAt: Date }, now = new Date()): void {
  if (roundStatus(round, now) !== 'OPEN') {
    throw new ValidationError([{ path: ['id'], message: 'Only an open round can be closed' }]);
  }
}

/** How many codes to issue: 1–500; or a ValidationError at `count`. */
export function parseCodeCount(count: number): number {
  return parseInput(
    z
      .number()
      .int()
      .min(1, 'Issue at least one code')
      .max(MOST_CODES_AT_A_TIME, `At most ${MOST_CODES_AT_A_TIME} codes at a time`),
    count,
    ['count'],
  );
}

/** Codes are issued for an insats the round covers, until the round closes (planned rounds too). */
export function assertIssuable(
  round: { interventionIds: readonly string[]; opensAt: Date; closesAt: Date },
  interventionId: string | null,
  now = new Date(),
): string {
  if (!round.interventionIds.length && interventionId !== null) {
    throw new ValidationError([
      { path: ['interventionId'], message: 'The round belongs to the förbund: issue its codes without an insats' },
    ]);
  }
  if (round.interventionIds.length && interventionId === null) {
    throw new ValidationError([{ path: ['interventionId'], message: 'Name the insats the codes are for' }]);
  }
  if (interventionId !== null && !round.interventionIds.includes(interventionId)) {
    throw new ValidationError([{ path: ['interventionId'], message: 'The round does not cover this insats' }]);
  }
  if (roundStatus(round, now) === 'CLOSED') {
    throw new ValidationError([{ path: ['roundId'], message: 'The round is closed' }]);
  }
  return interventionId ?? FORBUND_UNIT;
}
