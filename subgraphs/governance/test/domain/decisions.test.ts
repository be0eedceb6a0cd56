/** The rules of a beslut: what each kind names, and who votes. */
import { decisionIssues, type VotingSeat, voteIssues } from '../../src/domain/decisions.js';

const ORDINARIE = 's0000000-0000-4000-8000-000000000001';
const ADJUNGERAD = 's0000000-0000-4000-8000-000000000002';
const ERSATTARE = 's0000000-0000-4000-8000-000000000003';
const STRANGER = 's0000000-0000-4000-8000-0000000000ff';
const seats = new Map<string, VotingSeat>([
  [ORDINARIE, { name: 'Anna Ordinarie', role: 'ORDINARIE', voting: true }],
  [ADJUNGERAD, { name: 'Bo Adjungerad', role: 'ADJUNGERAD', voting: false }],
  [ERSATTARE, { name: 'Cia Ersättare', role: 'ERSATTARE', voting: false }],
]);

describe('what a decision names', () => {
  it('accepts an extension naming its participation and a budget naming its year', () => {
    expect(decisionIssues({ kind: 'EXTENSION', participationId: ORDINARIE })).toEqual([]);
    expect(decisionIssues({ kind: 'BUDGET', budgetYear: 2023 })).toEqual([]);
    expect(decisionIssues({ kind: 'OTHER' })).toEqual([]);
  });

  it('refuses an extension without its participation', () => {
    expect(decisionIssues({ kind: 'EXTENSION', participationId: null })).toEqual([
      { path: ['participationId'], message: 'An extension concerns a participation' },
    ]);
  });

  it('refuses a budget decision without its year', () => {
    expect(decisionIssues({ kind: 'BUDGET' })).toEqual([
      { path: ['budgetYear'], message: 'A budget decision names its year' },
    ]);
  });
});

describe('votes', () => {
  it('accepts one vote from each voting seat, and a decision without votes', () => {
    expect(voteIssues([{ seatId: ORDINARIE, vote: 'YES' }], seats)).toEqual([]);
    expect(voteIssues([], seats)).toEqual([]);
  });

  it('refuses a vote from an adjungerad: a typed issue naming the seat', () => {
    expect(
      voteIssues(
        [
          { seatId: ORDINARIE, vote: 'YES' },
          { seatId: ADJUNGERAD, vote: 'YES' },
        ],
        seats,
      ),
    ).toEqual([{ path: ['input', 'votes', 1, 'seatId'], message: 'Bo Adjungerad is adjungerad and has no vote' }]);
  });

  it('refuses a vote from a seat without a vote', () => {
    expect(voteIssues([{ seatId: ERSATTARE, vote: 'NO' }], seats)).toEqual([
      { path: ['input', 'votes', 0, 'seatId'], message: 'Cia Ersättare has no vote in this body' },
    ]);
  });

  it('refuses a vote from outside the body', () => {
    expect(voteIssues([{ seatId: STRANGER, vote: 'ABSTAIN' }], seats)).toEqual([
      { path: ['input', 'votes', 0, 'seatId'], message: `${STRANGER} has no seat in this body` },
    ]);
  });

  it('refuses a second vote from the same seat', () => {
    expect(
      voteIssues(
        [
          { seatId: ORDINARIE, vote: 'YES' },
          { seatId: ORDINARIE, vote: 'NO' },
        ],
        seats,
      ),
    ).toEqual([{ path: ['input', 'votes', 1, 'seatId'], message: 'One vote per seat' }]);
  });
});
