/**
 * Demo governance: bodies of each förbund, Västerås' årshjul 2022 (seed 004, Bilaga 1), a
 * styrgrupp per seeded insats, a few decisions and avvikelser. Names of people are invented.
 */
import type { ValidationIssue } from '@finsam/kit/errors.js';
import { type SeatDraft, seatIssues } from '../domain/seats.js';
import type { BodyKind } from '../entities/Body.js';
import { DEMO_FORBUND, demoMemberId, memberRef } from './forbund.js';

export interface DemoMeeting {
  date: string;
  title?: string;
}

export const VASTERAS_2022: Record<'BOARD' | 'PREPARATORY_GROUP' | 'MEMBER_COUNCIL', DemoMeeting[]> = {
  BOARD: ['2022-01-14', '2022-03-25', '2022-04-22', '2022-09-23', '2022-10-28', '2022-11-25'].map((date) => ({
    date,
    title: 'Förbundsstyrelsens sammanträde',
  })),
  PREPARATORY_GROUP: [
    '2022-01-19',
    '2022-03-16',
    '2022-04-13',
    '2022-05-18',
    '2022-09-14',
    '2022-10-19',
    '2022-11-16',
  ].map((date) => ({ date, title: 'Utvecklingsgruppen' })),
  MEMBER_COUNCIL: [
    { date: '2022-04-22', title: 'Medlemssamråd' },
    { date: '2022-12-09', title: 'Medlemssamråd och avslutning' },
  ],
};

/** Invented names for demo seats, by member reference. */
export const SEAT_NAMES: Record<string, string> = {
  FK: 'Anna Lindqvist',
  AF: 'Erik Johansson',
  REGION: 'Maria Berg',
};
export const seatName = (ref: string, i: number) =>
  SEAT_NAMES[ref] ?? `Ledamot ${i + 1} (${ref.replace('KOMMUN:', 'kommun ')})`;

/**
 * The members seated in an insats' styrgrupp: its owners, and in Norra Västmanland also
 * Försäkringskassan, which "medverkar genom sitt tillsyns- och samordningsansvar i samordningsteamens
 * styrgrupper" without owning the teams (seed 000); the styrgrupp consists of representatives "från de
 * ingående myndigheterna", each with beslutsmandat, so FK's seat is ordinarie with vote and mandate.
 */
export function steeringMembers(forbundSlug: string, owners: readonly string[]): string[] {
  return forbundSlug === 'norra-vastmanland' && !owners.includes('FK') ? [...owners, 'FK'] : [...owners];
}

/** A seat as the seed writes it (the term runs on). */
export type DemoSeat = SeatDraft & { name: string; memberId: string | null; termFrom: string };

const TERM_FROM = '2019-01-01';

/**
 * A body's seats: each seated member ordinarie, with beslutsmandat and (but in the medlemssamråd) a vote;
 * in every styrgrupp also the förbundschef, adjungerad: takes part, never votes.
 */
export function demoSeats(forbundId: string, kind: BodyKind, owners: readonly string[]): DemoSeat[] {
  const slug = DEMO_FORBUND.find((f) => f.id === forbundId)?.slug ?? '';
  const seated = kind === 'STEERING_GROUP' ? steeringMembers(slug, owners) : owners;
  const seats: DemoSeat[] = seated.map((ref, i) => ({
    name: seatName(ref, i),
    memberId: demoMemberId(forbundId, ref),
    role: 'ORDINARIE',
    voting: kind !== 'MEMBER_COUNCIL',
    mandate: true,
    termFrom: TERM_FROM,
  }));
  if (kind === 'STEERING_GROUP') {
    seats.push({
      name: 'Förbundschef',
      memberId: null,
      role: 'ADJUNGERAD',
      voting: false,
      mandate: false,
      termFrom: TERM_FROM,
    });
  }
  return seats;
}

/** What the seat rules (`domain/seats.ts`) say of a demo body's seats; `owners` are its insats' owners. */
export function demoSeatIssues(
  forbundId: string,
  kind: BodyKind,
  owners: readonly string[],
  seats: readonly DemoSeat[] = demoSeats(forbundId, kind, owners),
): ValidationIssue[] {
  const forbund = DEMO_FORBUND.find((f) => f.id === forbundId);
  return seatIssues({ kind }, seats, {
    memberIds: new Set(forbund?.members.map((m) => demoMemberId(forbundId, memberRef(m)))),
    owners: kind === 'STEERING_GROUP' ? owners.map((ref) => demoMemberId(forbundId, ref)) : [],
  });
}
