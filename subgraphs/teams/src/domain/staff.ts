/**
 * Staff positions of an insats: a role and its size (FTE, tjänstgöringsgrad), never a person.
 * One position is at most one full-time person; the employer is a member of the förbund; the
 * position has dates. FTE is summed on a date, in total and per employing member.
 */
import { ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import type { StaffPosition } from '../entities/StaffPosition.js';

export const STAFF_ROLES = [
  'VERKSAMHETSLEDARE',
  'SOCIALKONSULENT',
  'ARBETSKONSULENT',
  'ARBETSFORMEDLARE',
  'KURATOR',
  'COACH',
  'FORSAKRINGSUTREDARE',
  'PROJEKTLEDARE',
  'OTHER',
] as const;
export const FINANCING = ['FORBUND', 'LENT_BY_MEMBER'] as const;

const staffSchema = z
  .object({
    role: z.enum(STAFF_ROLES),
    employerMemberId: z.uuid('Not a member id'),
    fte: z.number().int().min(1, 'FTE is 1–100 %').max(100, 'FTE is 1–100 % (one position per person)'),
    financing: z.enum(FINANCING),
    from: z.string(),
    to: z.string().nullish(),
  })
  .refine((s) => !s.to || s.to >= s.from, { path: ['to'], message: 'The position ends before it starts' });

export type StaffPositionInput = z.infer<typeof staffSchema>;

/** The columns of a position, as stored. */
export type StaffPositionData = Pick<
  StaffPosition,
  'role' | 'employerMemberId' | 'ftePercent' | 'financing' | 'fromDate' | 'toDate'
>;

/** A position from its input; or a ValidationError. */
export function parseStaffPosition(input: unknown): StaffPositionInput {
  return parseInput(staffSchema, input);
}

/** The employer must be a member of the caller's förbund. */
export function employerIssues(s: StaffPositionInput, memberIds: readonly string[]): ValidationIssue[] {
  return memberIds.includes(s.employerMemberId)
    ? []
    : [{ path: ['input', 'employerMemberId'], message: `${s.employerMemberId} is not a member of your förbund` }];
}

/** A checked position (see `parseStaffPosition`) with an employer of the förbund, as stored; or a ValidationError. */
export function staffPosition(s: StaffPositionInput, memberIds: readonly string[]): StaffPositionData {
  const issues = employerIssues(s, memberIds);
  if (issues.length) {
    throw new ValidationError(issues);
  }
  return {
    role: s.role,
    employerMemberId: s.employerMemberId,
    ftePercent: s.fte,
    financing: s.financing,
    fromDate: s.from,
    toDate: s.to ?? null,
  };
}

type Dated = Pick<StaffPosition, 'fromDate' | 'toDate'>;

/** Whether the position is held on the date (no date: every position). */
export function heldOn(s: Dated, date: string | null | undefined): boolean {
  return !date || (s.fromDate <= date && (s.toDate == null || s.toDate >= date));
}

export interface FteSummary {
  /** FTE percent of every position held on the date (100 = one full-time position). */
  total: number;
  /** The same per employing member, in the order first met. */
  byEmployer: { employer: string; fte: number }[];
}

/** Staffing on a date: FTE in total and per employing member, of the positions held that day. */
export function fteOn(
  positions: readonly (Dated & Pick<StaffPosition, 'employerMemberId' | 'ftePercent'>)[],
  date: string,
): FteSummary {
  const held = positions.filter((s) => heldOn(s, date));
  const byEmployer = new Map<string, number>();
  for (const s of held) {
    byEmployer.set(s.employerMemberId, (byEmployer.get(s.employerMemberId) ?? 0) + s.ftePercent);
  }
  return {
    total: held.reduce((sum, s) => sum + s.ftePercent, 0),
    byEmployer: [...byEmployer].map(([employer, fte]) => ({ employer, fte })),
  };
}
