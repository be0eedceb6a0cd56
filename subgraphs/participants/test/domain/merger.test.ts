/** A participation at a förbund merger, without a database: which are carried over, and what the copy takes. */
import { CARRIED_OVER, copiedFields, openOn } from '../../src/domain/merger.js';

describe('carrying participations over', () => {
  it('carries those open on the merger date and referred before it', () => {
    expect(openOn({ status: 'ENROLLED', referredOn: '2023-03-01' }, '2024-01-01')).toBe(true);
    expect(openOn({ status: 'REFERRED', referredOn: '2023-12-31' }, '2024-01-01')).toBe(true);
    expect(openOn({ status: 'EXITED', referredOn: '2023-03-01' }, '2024-01-01')).toBe(false);
    expect(openOn({ status: 'REJECTED', referredOn: '2023-03-01' }, '2024-01-01')).toBe(false);
    expect(openOn({ status: 'ENROLLED', referredOn: '2024-01-01' }, '2024-01-01')).toBe(false);
  });

  it('copies the participation’s own values and none of the old förbund’s references', () => {
    const p = Object.fromEntries(Object.keys(CARRIED_OVER).map((k) => [k, `value of ${k}`]));
    const copy = copiedFields(p as never);
    expect(copy).toMatchObject({ enrolledOn: 'value of enrolledOn', outcomes: 'value of outcomes' });
    for (const field of ['interventionId', 'person', 'referringMemberId', 'culledOn', 'carriedOverTo', 'followUps']) {
      expect(copy).not.toHaveProperty(field);
    }
  });
});
