/** Events of a strukturövergripande insats alone: who records them, and attendees against the target. */
import {
  assertRecordsEvents,
  attendance,
  eventsIn,
  parseStructuralEvent,
  targetReached,
} from '../../src/domain/structural-events.js';
import { issuesOf } from './issues.js';

const input = (change: Record<string, unknown> = {}) => ({
  date: '2026-03-10',
  title: 'Frukostseminarium: SIP',
  format: 'PHYSICAL',
  audience: 'Personal hos parterna',
  attendees: 45,
  ...change,
});

describe('an event', () => {
  it('is taken as given, trimmed', () => {
    expect(parseStructuralEvent(input({ title: ' Webbinarium ' }))).toEqual(input({ title: 'Webbinarium' }));
  });

  it('may have no attendees', () => {
    expect(parseStructuralEvent(input({ attendees: 0 })).attendees).toBe(0);
  });

  it.each([
    ['no title', { title: 'x' }, 'title', 'Title is required'],
    ['no audience', { audience: '' }, 'audience', 'Say who it was for'],
    ['negative attendees', { attendees: -1 }, 'attendees', 'Attendees cannot be negative'],
  ])('refuses %s', (_name, change, field, message) => {
    expect(issuesOf(() => parseStructuralEvent(input(change)))).toEqual([{ path: ['input', field], message }]);
  });

  it('belongs to a strukturövergripande insats only', () => {
    expect(() => assertRecordsEvents({ kind: 'STRUCTURAL' })).not.toThrow();
    expect(issuesOf(() => assertRecordsEvents({ kind: 'INDIVIDUAL' }))).toEqual([
      { path: ['interventionId'], message: 'Events belong to a strukturövergripande insats' },
    ]);
  });
});

describe('attendees per year', () => {
  const events = [
    { date: '2025-12-31', attendees: 100 },
    { date: '2026-01-01', attendees: 150 },
    { date: '2026-11-30', attendees: 250 },
  ];

  it('takes the events of the calendar year, or all', () => {
    expect(eventsIn(events, 2026)).toEqual([events[1], events[2]]);
    expect(eventsIn(events, undefined)).toEqual(events);
  });

  it('counts events and attendees against the yearly target; reached at the target exactly', () => {
    const year = attendance(2026, eventsIn(events, 2026), 400);
    expect(year).toEqual({ year: 2026, events: 2, attendees: 400, target: 400 });
    expect(targetReached(year)).toBe(true);
    expect(targetReached(attendance(2025, eventsIn(events, 2025), 400))).toBe(false);
    expect(targetReached(attendance(2026, events, null))).toBeNull();
    expect(attendance(2027, [], undefined)).toEqual({ year: 2027, events: 0, attendees: 0, target: null });
  });
});
