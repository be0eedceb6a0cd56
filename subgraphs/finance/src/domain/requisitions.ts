/**
 * Rekvisitioner (DOMAIN.md, Money): an insats asks the förbund for its costs of a two-month
 * period, at the latest one month after the period ends. The förbund approves or rejects it (with
 * a reason), then pays an approved one; approved and paid requisitions count as used.
 */
import { ConflictError, NotFoundError, ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { dueDate, PERIODS_PER_YEAR, periodStart } from '@finsam/kit/requisition-periods.js';
import { z } from 'zod';
import type { RequisitionStatus } from '../entities/Requisition.js';
import { COST_CATEGORIES } from '../entities/RequisitionLine.js';
import { amountSchema, sum } from './money.js';
import { YEAR } from './year.js';

/** Requisition periods in a span of months: each period is two months (a half year has three). */
export const periodsIn = (months: number) => months / 2;

/** Amount of a requisition: the sum of its lines (never stored). */
export const requisitionAmount = (lines: readonly { amount: bigint }[]) => sum(lines.map((l) => l.amount));

/** Submitted after its due date. */
export const isLate = (r: { year: number; period: number; submittedOn: string }) =>
  r.submittedOn > dueDate(r.year, r.period);

/** A requisition as an insats sends it. */
export const submitInput = z.object({
  interventionId: z.uuid('Not an insats id'),
  year: YEAR,
  period: z.number().int().min(1, 'Periods are 1–6').max(PERIODS_PER_YEAR, 'Periods are 1–6'),
  lines: z
    .array(z.object({ category: z.enum(COST_CATEGORIES), amount: amountSchema }))
    .min(1, 'A requisition has at least one line')
    .refine((lines) => new Set(lines.map((l) => l.category)).size === lines.length, 'A cost category is listed twice')
    .refine((lines) => lines.some((l) => l.amount > 0), 'A requisition asks for more than 0 kr'),
  /** A `Date` argument: the scalar has checked it is YYYY-MM-DD. */
  submittedOn: z.string().nullish(),
});
export type SubmitInput = z.infer<typeof submitInput>;

/** The day a requisition counts as sent: the one given (an administrator registering it), otherwise today. */
export const submissionDate = (d: Pick<SubmitInput, 'submittedOn'>, today: string) => d.submittedOn ?? today;

/**
 * When a requisition may be sent, and who may give its date: not before its period begins, not in
 * the future, and only a förbund administrator registers an earlier submission date.
 */
export function submissionIssues(
  d: SubmitInput,
  { today, byTenantAdmin }: { today: string; byTenantAdmin: boolean },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const path = ['input', 'submittedOn'];
  const submittedOn = submissionDate(d, today);
  if (d.submittedOn && !byTenantAdmin) {
    issues.push({ path, message: 'Only a förbund administrator registers an earlier submission date' });
  }
  if (submittedOn < periodStart(d.year, d.period)) {
    issues.push({ path, message: 'A requisition is sent after its period has begun' });
  }
  if (submittedOn > today) {
    issues.push({ path, message: 'The submission date is in the future' });
  }
  return issues;
}

/** A submitted, approved or paid requisition holds its period; a rejected one frees it for a new requisition. */
export const PERIOD_HOLDING_STATUSES: readonly RequisitionStatus[] = ['SUBMITTED', 'APPROVED', 'PAID'];

/** The issue when the period already has a requisition that holds it. */
export const periodTaken = (d: Pick<SubmitInput, 'year' | 'period'>): ValidationIssue => ({
  path: ['input', 'period'],
  message: `Period ${d.period} of ${d.year} is already requisitioned`,
});

/** A rejection says why. */
export function rejectionIssues(reason: string): ValidationIssue[] {
  return reason.trim().length < 2 ? [{ path: ['reason'], message: 'Say why the requisition is rejected' }] : [];
}

/** Each decision on a requisition: the status it needs, and the status it gives. */
export const DECISIONS = {
  approve: { from: 'SUBMITTED', to: 'APPROVED' },
  reject: { from: 'SUBMITTED', to: 'REJECTED' },
  markPaid: { from: 'APPROVED', to: 'PAID' },
} as const satisfies Record<string, { from: RequisitionStatus; to: RequisitionStatus }>;
export type Decision = keyof typeof DECISIONS;

/**
 * Why a decision made on version `expectedVersion` did not land on the requisition as it is now
 * (`current`; null when the förbund has no such requisition): it is not there, it changed since
 * the caller read it (ConflictError: re-read and decide again), or it is not in the status the
 * decision needs.
 */
export function decisionRefusal(
  id: string,
  current: { status: RequisitionStatus; version: number } | null,
  expectedVersion: number,
  decision: Decision,
): NotFoundError | ConflictError | ValidationError {
  const { from, to } = DECISIONS[decision];
  if (!current) {
    return new NotFoundError(['id'], `No requisition ${id} in your förbund`);
  }
  if (current.version !== expectedVersion) {
    return new ConflictError(
      ['expectedVersion'],
      `The requisition changed since you read version ${expectedVersion}: ` +
        `it is now ${current.status} (version ${current.version})`,
    );
  }
  return new ValidationError([
    {
      path: ['id'],
      message:
        `Only a ${from.toLowerCase()} requisition can become ${to.toLowerCase()}; ` +
        `this one is ${current.status.toLowerCase()}`,
    },
  ]);
}
