/** A verdict as the client gets it: the allowed value, a ValidationError, or a ConflictError. */
import { ConflictError, ValidationError } from '@finsam/kit/errors.js';
import { allow, conflict, orRefuse, refuse } from '../../src/domain/verdict.js';

describe('orRefuse', () => {
  it('gives the allowed value', () => {
    expect(orRefuse(allow(3))).toBe(3);
  });

  it('turns a refusal into a ValidationError with its issues', () => {
    const thrown = (() => {
      try {
        return orRefuse(refuse(['reason'], 'A rejection says why'));
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toEqual([{ path: ['reason'], message: 'A rejection says why' }]);
  });

  it('turns a conflict into a ConflictError at its path', () => {
    const thrown = (() => {
      try {
        return orRefuse(conflict(['participationId'], 'Only an accepted referral can be enrolled'));
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ConflictError);
    expect(thrown).toMatchObject({
      code: 'CONFLICT',
      path: ['participationId'],
      message: 'Only an accepted referral can be enrolled',
    });
  });
});
