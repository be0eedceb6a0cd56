/** The seat rules of a förbund's bodies, without a database. */
import { bodyInsatsIssues, type SeatDraft, seatIssues, steeringGroupInsatsIssues } from '../../src/domain/seats.js';

const FK = 'f0000000-0000-4000-8000-000000000001';
const KOMMUN = 'f0000000-0000-4000-8000-000000000002';
const STRANGER = 'f0000000-0000-4000-8000-0000000000ff';
const memberIds = new Set([FK, KOMMUN]);

const seat = (over: Partial<SeatDraft> = {}): SeatDraft => ({
  memberId: FK,
  role: 'ORDINARIE',
  voting: true,
  mandate: true,
  termFrom: '2023-01-01',
  termTo: null,
  ...over,
});
const styrgrupp = { kind: 'STEERING_GROUP' as const };
const board = { kind: 'BOARD' as const };

describe('which insats a body steers', () => {
  it('a styrgrupp steers one insats, other bodies none', () => {
    expect(bodyInsatsIssues({ kind: 'STEERING_GROUP', interventionId: FK })).toEqual([]);
    expect(bodyInsatsIssues({ kind: 'BOARD', interventionId: null })).toEqual([]);
  });

  it('refuses a styrgrupp without an insats, and a board with one', () => {
    const issue = { path: ['interventionId'], message: 'A styrgrupp steers one insats; other bodies steer none' };
    expect(bodyInsatsIssues({ kind: 'STEERING_GROUP' })).toEqual([issue]);
    expect(bodyInsatsIssues({ kind: 'PREPARATORY_GROUP', interventionId: FK })).toEqual([issue]);
  });

  it('a new styrgrupp needs an insats of the förbund that has none yet', () => {
    expect(steeringGroupInsatsIssues({ exists: true, hasSteeringGroup: false })).toEqual([]);
    expect(steeringGroupInsatsIssues({ exists: false, hasSteeringGroup: false })).toEqual([
      { path: ['input', 'interventionId'], message: 'No such insats in your förbund' },
    ]);
    expect(steeringGroupInsatsIssues({ exists: true, hasSteeringGroup: true })).toEqual([
      { path: ['input', 'interventionId'], message: 'The insats already has a styrgrupp' },
    ]);
  });
});

describe('the seats of a body', () => {
  it('accepts a styrgrupp with an ordinarie representative with vote and mandate from each owner', () => {
    const seats = [
      seat(),
      seat({ memberId: KOMMUN }),
      seat({ role: 'ADJUNGERAD', voting: false, mandate: false, memberId: null }),
    ];
    expect(seatIssues(styrgrupp, seats, { memberIds, owners: [FK, KOMMUN] })).toEqual([]);
  });

  it('refuses an adjungerad with a vote', () => {
    const seats = [seat(), seat({ role: 'ADJUNGERAD', voting: true })];
    expect(seatIssues(board, seats, { memberIds, owners: [] })).toEqual([
      { path: ['seats', 1, 'voting'], message: 'An adjungerad takes part but never votes' },
    ]);
  });

  it('refuses a seat for someone who is not a member of the förbund; a seat of no member is fine', () => {
    const seats = [seat({ memberId: STRANGER }), seat({ memberId: null })];
    expect(seatIssues(board, seats, { memberIds, owners: [] })).toEqual([
      { path: ['seats', 0, 'memberId'], message: `${STRANGER} is not a member of your förbund` },
    ]);
  });

  it('refuses a term that ends before it starts; one ending the day it starts is fine', () => {
    const seats = [seat({ termTo: '2022-12-31' }), seat({ termTo: '2023-01-01' })];
    expect(seatIssues(board, seats, { memberIds, owners: [] })).toEqual([
      { path: ['seats', 0, 'termTo'], message: 'The term ends before it starts' },
    ]);
  });

  it.each([
    ['an ersättare', { role: 'ERSATTARE' as const }],
    ['no mandate', { mandate: false }],
    ['no vote', { voting: false }],
  ])('refuses a styrgrupp whose owner is represented only by a seat with %s', (_what, over) => {
    const seats = [seat(), seat({ memberId: KOMMUN, ...over })];
    expect(seatIssues(styrgrupp, seats, { memberIds, owners: [FK, KOMMUN] })).toEqual([
      { path: ['seats'], message: `Owner ${KOMMUN} has no ordinarie representative with mandate and vote` },
    ]);
  });

  it('refuses a styrgrupp with one issue per owner left without a representative', () => {
    expect(seatIssues(styrgrupp, [], { memberIds, owners: [FK, KOMMUN] }).map((i) => i.message)).toEqual([
      `Owner ${FK} has no ordinarie representative with mandate and vote`,
      `Owner ${KOMMUN} has no ordinarie representative with mandate and vote`,
    ]);
  });

  it('asks no representatives of the other bodies', () => {
    expect(seatIssues(board, [], { memberIds, owners: [FK] })).toEqual([]);
  });
});
