/** The demo insatser pass the rules a client's insats goes through (see src/demo/rules.ts). */
import { DEMO_INTERVENTIONS } from '@finsam/teams/demo/interventions.js';
import { checkDemoIntervention, demoInterventionIssues } from '@finsam/teams/demo/rules.js';

describe('demo insatser', () => {
  it.each(DEMO_INTERVENTIONS.map((d) => [d.name, d] as const))(
    '%s breaks no creation, staff, goal or event rule',
    (_name, d) => {
      expect(demoInterventionIssues(d)).toEqual([]);
    },
  );

  it('an individinriktad demo insats without capacity is refused, as a client’s would be', () => {
    const team = DEMO_INTERVENTIONS.find((d) => d.kind === 'INDIVIDUAL')!;
    const broken = { ...team, maxEnrolled: undefined, yearlyPlaces: undefined };
    expect(demoInterventionIssues(broken)).toEqual([
      {
        path: ['input', 'maxEnrolled'],
        message: 'An individinriktad insats states its capacity: max enrolled and/or årsplatser',
      },
    ]);
    expect(() => checkDemoIntervention(broken)).toThrow(/states its capacity/);
  });

  it('an event of an individinriktad insats is refused', () => {
    const team = DEMO_INTERVENTIONS.find((d) => d.kind === 'INDIVIDUAL')!;
    const event = {
      date: '2022-03-01',
      title: 'Frukostmöte',
      format: 'DIGITAL',
      audience: 'Alla',
      attendees: 10,
    } as const;
    expect(demoInterventionIssues({ ...team, events: [event] }).map((i) => i.path)).toEqual([
      ['events', 0, 'interventionId'],
    ]);
  });
});
