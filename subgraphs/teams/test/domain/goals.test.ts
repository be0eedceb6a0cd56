/** Local goals (lokala mål) alone. */
import { goalsOf, parseLocalGoal } from '../../src/domain/goals.js';
import { issuesOf } from './issues.js';

const input = (change: Record<string, unknown> = {}) => ({
  year: 2026,
  text: ' Frågor om våld till alla deltagare ',
  measure: 'Andel tillfrågade',
  target: '100 %',
  status: 'IN_PROGRESS',
  ...change,
});

describe('a local goal', () => {
  it('is trimmed, with no result until there is one', () => {
    expect(parseLocalGoal(input())).toEqual({
      year: 2026,
      text: 'Frågor om våld till alla deltagare',
      measure: 'Andel tillfrågade',
      target: '100 %',
      result: null,
      status: 'IN_PROGRESS',
    });
    expect(parseLocalGoal(input({ result: null })).result).toBeNull();
    expect(parseLocalGoal(input({ result: '34', status: 'MET' }))).toMatchObject({ result: '34', status: 'MET' });
  });

  it.each([
    ['a year before FINSAM', { year: 2003 }, 'year', 'FINSAM began in 2004'],
    ['no goal', { text: 'x' }, 'text', 'Say what the goal is'],
    ['no measure', { measure: ' ' }, 'measure', 'Say how it is measured'],
    ['no target', { target: '' }, 'target', 'Say what counts as reached'],
  ])('refuses %s', (_name, change, field, message) => {
    expect(issuesOf(() => parseLocalGoal(input(change)))).toEqual([{ path: ['input', field], message }]);
  });

  it('takes 2004, the first FINSAM year', () => {
    expect(parseLocalGoal(input({ year: 2004 })).year).toBe(2004);
  });

  it('lists the goals of a year, or all', () => {
    const goals = [{ year: 2025 }, { year: 2026 }, { year: 2026 }];
    expect(goalsOf(goals, 2026)).toEqual([goals[1], goals[2]]);
    expect(goalsOf(goals, null)).toEqual(goals);
  });
});
