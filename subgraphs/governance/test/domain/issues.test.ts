/** A rule's issues become one ValidationError; none, no error. */
import { ValidationError } from '@finsam/kit/errors.js';
import { refuse } from '../../src/domain/issues.js';

it('throws every issue a rule found as one ValidationError, and nothing when there is none', () => {
  expect(() => refuse([])).not.toThrow();
  const issues = [
    { path: ['seats', 0, 'voting'], message: 'An adjungerad takes part but never votes' },
    { path: ['seats'], message: 'Owner x has no ordinarie representative with mandate and vote' },
  ];
  expect(() => refuse(issues)).toThrow(ValidationError);
  try {
    refuse(issues);
  } catch (error) {
    expect((error as ValidationError).issues).toEqual(issues);
  }
});
