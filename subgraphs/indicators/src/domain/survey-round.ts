/**
 * A survey round (enkätomgång): a published questionnaire version answered for some insatser of a
 * förbund over a period. It is planned, then open for answers, then closed; it hides results with
 * fewer respondents than its minimum n (at least 3, by default 5); codes are issued a few hundred
 * at a time, for an insats it covers, until it closes.
 */
import { ValidationError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
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
    interventionIds: z.array(z.uuid('Not an insats id')).min(1, 'A round covers at least one insats'),
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
  interventionId: string,
  now = new Date(),
): void {
  if (!round.interventionIds.includes(interventionId)) {
    throw new ValidationError([{ path: ['interventionId'], message: 'The round does not cover this insats' }]);
  }
  if (roundStatus(round, now) === 'CLOSED') {
    throw new ValidationError([{ path: ['roundId'], message: 'The round is closed' }]);
  }
}
