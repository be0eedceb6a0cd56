/**
 * A förbund merger's survey rounds (governance's domain/merger.ts, `surveys`): a round of a merging
 * förbund taking answers over the merger date stops taking them at its start; its answers stay the old
 * förbund's results. Carried over, it continues in the merged förbund as a copy taking answers from the
 * merger date, its insatser their copies; a round none of whose insatser is carried is not copied. A round
 * planned to open only after the merger date is neither: it stays the old förbund's as planned (its
 * administrators' access ends the day before, so nobody issues its codes); the merged förbund plans its own.
 */
export interface RoundLike {
  interventionIds: string[];
  opensAt: Date;
  closesAt: Date;
}

/** When the old round stops taking answers now, or null when it stays as it is. */
export function closedAt(round: RoundLike, start: Date): Date | null {
  return round.opensAt < start && round.closesAt > start ? start : null;
}

/** The copy's insatser and answering time, or null when the round is not carried. */
export function carriedRound(
  round: RoundLike,
  start: Date,
  copyOf: ReadonlyMap<string, string>,
): { interventionIds: string[]; opensAt: Date; closesAt: Date } | null {
  if (!closedAt(round, start)) {
    return null;
  }
  const interventionIds = round.interventionIds.flatMap((id) => {
    const copy = copyOf.get(id);
    return copy ? [copy] : [];
  });
  if (round.interventionIds.length > 0 && interventionIds.length === 0) {
    return null;
  }
  return {
    interventionIds,
    opensAt: start,
    closesAt: round.closesAt,
  };
}
