/** A lost race as the client sees it: which database errors are conflicts, and how a constraint is named. */

import { CONFLICT_SQLSTATES, conflictFromDatabase, RACE_MESSAGE } from '@finsam/kit/conflicts.js';
import { ConflictError } from '@finsam/kit/errors.js';
import { DeadlockException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';

/** What pg gives MikroORM: a SQLSTATE, and for a constraint its name. */
const pgError = (code: string, constraint?: string) =>
  Object.assign(new Error(`pg ${code}`), { code, ...(constraint ? { constraint } : {}) });

const constraints = {
  county_name_key: {
    path: ['input', 'name'],
    message: (args: Record<string, unknown>) => `A county named "${(args.input as { name: string }).name}" exists`,
  },
  forbund_slug_key: { path: ['input', 'slug'], message: 'Taken' },
};

describe('conflictFromDatabase', () => {
  it.each(Object.keys(CONFLICT_SQLSTATES))('makes SQLSTATE %s a ConflictError', (code) => {
    const conflict = conflictFromDatabase(pgError(code));
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict).toMatchObject({ code: 'CONFLICT', path: [], message: RACE_MESSAGE });
  });

  it('names a constraint the subgraph describes at its field, with the value from the arguments', () => {
    const error = new UniqueConstraintViolationException(pgError('23505', 'county_name_key'));
    expect(conflictFromDatabase(error, constraints, { input: { name: 'Västmanland' } })).toMatchObject({
      path: ['input', 'name'],
      message: 'A county named "Västmanland" exists',
    });
    expect(conflictFromDatabase(pgError('23505', 'forbund_slug_key'), constraints)).toMatchObject({
      path: ['input', 'slug'],
      message: 'Taken',
    });
  });

  it('says a race happened for a constraint it does not know, without naming database internals', () => {
    expect(conflictFromDatabase(pgError('23505', 'some_index'), constraints)).toMatchObject({
      path: [],
      message: RACE_MESSAGE,
    });
  });

  it("takes MikroORM's deadlock and optimistic-lock errors, and passes a ConflictError through", () => {
    expect(conflictFromDatabase(new DeadlockException(pgError('40P01')))).toBeInstanceOf(ConflictError);
    expect(conflictFromDatabase(OptimisticLockError.lockFailed('Requisition'))).toBeInstanceOf(ConflictError);
    const own = new ConflictError(['id'], 'Changed');
    expect(conflictFromDatabase(own)).toBe(own);
  });

  it('leaves every other error alone: a check or foreign-key violation, a connection error, a plain one', () => {
    for (const error of [pgError('23514'), pgError('23503'), pgError('08006'), new Error('boom'), null]) {
      expect(conflictFromDatabase(error, constraints)).toBeNull();
    }
  });
});
