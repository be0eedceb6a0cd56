/** Calendar days: "today" for a rule such as "not in the future" is the day it is in Sweden, not in UTC. */
import { todayInSweden } from '@finsam/kit/dates.js';

describe('todayInSweden', () => {
  it('is the Swedish day: past midnight in Stockholm is tomorrow in UTC terms, in winter and in summer', () => {
    expect(todayInSweden(new Date('2026-03-01T22:59:00Z'))).toBe('2026-03-01');
    expect(todayInSweden(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(todayInSweden(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(todayInSweden(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
  });
});
