/**
 * Local goals (lokala mål): set by an insats' styrgrupp for a year, each with how it is measured,
 * what counts as reached, and at year end its result and status.
 */
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import type { LocalGoal } from '../entities/LocalGoal.js';

export const GOAL_STATUSES = ['PLANNED', 'IN_PROGRESS', 'MET', 'PARTLY_MET', 'NOT_MET'] as const;

/** The first year a goal can be for: FINSAM began in 2004. */
export const FIRST_GOAL_YEAR = 2004;

const goalSchema = z.object({
  year: z.number().int().min(FIRST_GOAL_YEAR, 'FINSAM began in 2004').max(2100),
  text: z.string().trim().min(2, 'Say what the goal is').max(1000),
  measure: z.string().trim().min(1, 'Say how it is measured').max(1000),
  target: z.string().trim().min(1, 'Say what counts as reached').max(500),
  result: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v ?? null),
  status: z.enum(GOAL_STATUSES),
});

export type LocalGoalData = z.infer<typeof goalSchema>;

/** A goal from its input (no result yet: null); or a ValidationError. */
export function parseLocalGoal(input: unknown): LocalGoalData {
  return parseInput(goalSchema, input);
}

/** The goals of one year (no year: all). */
export function goalsOf<G extends Pick<LocalGoal, 'year'>>(goals: readonly G[], year: number | null | undefined): G[] {
  return goals.filter((g) => year == null || g.year === year);
}
