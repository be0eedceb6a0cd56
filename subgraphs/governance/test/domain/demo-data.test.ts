/** The demo bodies' seats pass the seat rules a client's go through (see src/demo/bodies.ts). */
import { demoSeatIssues, demoSeats } from '@finsam/governance/demo/bodies.js';
import { DEMO_FORBUND, demoMemberId, forbundBySlug, memberRef } from '@finsam/governance/demo/forbund.js';
import { DEMO_INTERVENTIONS } from '@finsam/teams/demo/interventions.js';

const NORRA = forbundBySlug('norra-vastmanland');
const FK_OF_NORRA = demoMemberId(NORRA.id, 'FK');

describe('demo bodies', () => {
  it.each(DEMO_FORBUND.map((f) => [f.name, f] as const))(
    '%s: board, groups and council break no seat rule',
    (_n, f) => {
      const refs = f.members.map(memberRef);
      for (const kind of ['BOARD', 'PREPARATORY_GROUP', 'MEMBER_COUNCIL'] as const) {
        expect(demoSeatIssues(f.id, kind, refs)).toEqual([]);
      }
    },
  );

  it.each(DEMO_INTERVENTIONS.map((i) => [i.name, i] as const))('styrgrupp %s breaks no seat rule', (_n, i) => {
    expect(demoSeatIssues(forbundBySlug(i.forbund).id, 'STEERING_GROUP', i.owners)).toEqual([]);
  });

  it('every Norra Västmanland styrgrupp has Försäkringskassan, ordinarie with vote and mandate (seed 000)', () => {
    const norra = DEMO_INTERVENTIONS.filter((i) => i.forbund === 'norra-vastmanland');
    expect(norra.length).toBeGreaterThan(0);
    for (const i of norra) {
      const fk = demoSeats(NORRA.id, 'STEERING_GROUP', i.owners).filter((s) => s.memberId === FK_OF_NORRA);
      expect(fk).toMatchObject([{ role: 'ORDINARIE', voting: true, mandate: true }]);
    }
  });

  it('a styrgrupp without an owner’s representative is refused, as a client’s would be', () => {
    const sala = DEMO_INTERVENTIONS.find((i) => i.name === 'Samordningsteam Sala')!;
    const seats = demoSeats(NORRA.id, 'STEERING_GROUP', sala.owners).filter(
      (s) => s.memberId !== demoMemberId(NORRA.id, 'AF'),
    );
    expect(demoSeatIssues(NORRA.id, 'STEERING_GROUP', sala.owners, seats)).toEqual([
      {
        path: ['seats'],
        message: `Owner ${demoMemberId(NORRA.id, 'AF')} has no ordinarie representative with mandate and vote`,
      },
    ]);
  });
});
