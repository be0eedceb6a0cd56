/**
 * Demo governance: bodies of each förbund, Västerås' årshjul 2022 (seed 004, Bilaga 1), a
 * styrgrupp per seeded insats, a few decisions and avvikelser. Names of people are invented.
 */
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
