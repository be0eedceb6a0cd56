/**
 * Rättelse of a requisition (issue 21): one entered twice is withdrawn, one entered wrong is amended — each
 * with a reason, on the version the caller read, the old values kept in its history. A withdrawn requisition
 * counts nowhere and frees its period; an amended one counts with its new lines. The amended lines pass the
 * same checks as a submission's (`submitInput`'s lines).
 */
import { ConflictError, NotFoundError, ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import type { RequisitionStatus } from '../entities/Requisition.js';
import type { CostCategory } from '../entities/RequisitionLine.js';
import { submitInput } from './requisitions.js';

/** The statuses a correction starts from: a rejected requisition never counted, a withdrawn one is gone. */
export const CORRECTABLE_STATUSES: readonly RequisitionStatus[] = ['SUBMITTED', 'APPROVED', 'PAID'];

/** The lines of an amendment, checked as a submission's. */
export const amendedLines = submitInput.shape.lines;

/** One change a correction made: the field, before and after (amounts as text, exact). */
export interface RequisitionChange {
  field: 'status' | 'lines';
  from: string;
  to: string;
}

/** A correction says why. */
export function reasonIssues(reason: string): ValidationIssue[] {
  return reason.trim().length < 2 ? [{ path: ['reason'], message: 'Say why the requisition is corrected' }] : [];
}

/** Lines as the history shows them: "PERSONNEL 12000, TRAVEL 500". */
export const linesText = (lines: readonly { category: CostCategory; amount: bigint | number }[]) =>
  lines.map((l) => `${l.category} ${l.amount}`).join(', ');

/**
 * Why a correction cannot be made on the requisition as it is now (`current`; null when the förbund has
 * none by that id): not there, changed since the caller read it, or in a status no correction starts from.
 * Null when it can.
 */
export function correctionRefusal(
  id: string,
  current: { status: RequisitionStatus; version: number } | null,
  expectedVersion: number,
): NotFoundError | ConflictError | ValidationError | null {
  if (!current) {
    return new NotFoundError(['id'], `No requisition ${id} in your förbund`);
  }
  if (current.version !== expectedVersion) {
    return new ConflictError(
      ['expectedVersion'],
      `The requisition changed since you read version ${expectedVersion}: it is now version ${current.version}`,
    );
  }
  if (!CORRECTABLE_STATUSES.includes(current.status)) {
    return new ValidationError([
      { path: ['id'], message: `A ${current.status.toLowerCase()} requisition is not corrected` },
    ]);
  }
  return null;
}

/** The changes of an amendment, or the issue when the lines are what is recorded. */
export function amendment(
  before: readonly { category: CostCategory; amount: bigint }[],
  after: readonly { category: CostCategory; amount: number }[],
): { changes: RequisitionChange[] } | { issues: ValidationIssue[] } {
  const from = linesText(before);
  const to = linesText(after);
  return from === to
    ? { issues: [{ path: ['lines'], message: 'The lines are as recorded: nothing to amend' }] }
    : { changes: [{ field: 'lines', from, to }] };
}
