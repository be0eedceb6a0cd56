/**
 * A förbund merger in teams (governance's domain/merger.ts has the whole decision): an insats running on
 * the merger date continues in the merged förbund as a copy from that date, with the staff positions in
 * force then; owners, the bookkeeping member and employers become their counterparts among the merged
 * förbund's members; the original and its positions end the day before. Goals and structural events stay
 * with the original: they are the old förbund's history.
 */
import type { Intervention } from '../entities/Intervention.js';
import type { StaffPosition } from '../entities/StaffPosition.js';

/** The day before a date. */
export const dayBefore = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Whether the insats still runs on the day (or starts later): it is carried over, or closed. */
export const runsOn = (i: Pick<Intervention, 'endDate'>, day: string): boolean => i.endDate == null || i.endDate >= day;

/** A member id of the old förbund as the merged förbund's; a member without one is a programming error. */
function mapped(map: ReadonlyMap<string, string>, id: string): string {
  const to = map.get(id);
  if (!to) {
    throw new Error(`No counterpart for member ${id} in the merged förbund`);
  }
  return to;
}

type InterventionFields = Omit<Intervention, 'staff' | 'goals' | 'events' | 'createdAt' | 'updatedAt'>;

/** The copy of an insats in the merged förbund, from the merger date. */
export function carriedIntervention(
  i: InterventionFields,
  copy: { id: string; tenantId: string },
  effectiveOn: string,
  members: ReadonlyMap<string, string>,
): InterventionFields {
  return {
    ...i,
    ...copy,
    ownerMemberIds: i.ownerMemberIds.map((m) => mapped(members, m)),
    bookkeepingMemberId: mapped(members, i.bookkeepingMemberId),
    startDate: i.startDate > effectiveOn ? i.startDate : effectiveOn,
    closedReason: null,
  };
}

/** What closes the original: its last day is the day before the merger (unless it only starts after it). */
export function closedIntervention(
  i: Pick<Intervention, 'startDate' | 'endDate'>,
  effectiveOn: string,
): { endDate: string; closedReason: string } | null {
  const last = dayBefore(effectiveOn);
  if (i.startDate > last || (i.endDate != null && i.endDate <= last)) {
    return null;
  }
  return { endDate: last, closedReason: `Förbundet slogs samman ${effectiveOn}` };
}

/** Positions in force on the merger date continue in the copy from that date, employers mapped. */
export function carriedPositions(
  positions: readonly Omit<StaffPosition, 'intervention'>[],
  effectiveOn: string,
  members: ReadonlyMap<string, string>,
  copyId: (originalId: string) => string,
  tenantId: string,
): Omit<StaffPosition, 'intervention'>[] {
  return positions
    .filter((s) => s.toDate == null || s.toDate >= effectiveOn)
    .map((s) => ({
      ...s,
      id: copyId(s.id),
      tenantId,
      employerMemberId: mapped(members, s.employerMemberId),
      fromDate: s.fromDate > effectiveOn ? s.fromDate : effectiveOn,
    }));
}
