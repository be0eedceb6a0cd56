/**
 * Writes that may race, guarded in one way per kind, and a lost race as a typed `ConflictError`:
 * - A change to a row another request may change at the same time (a participation's step, a
 *   meeting's minutes): `lockForUpdate` locks the row for the rest of the transaction and reads it
 *   fresh, so the rule that decides the change sees the row as the winner of a race left it.
 * - A row that must exist once per key (a period's requisition, a person's open referral to an
 *   insats): a unique index in the database decides, and the loser's unique violation becomes a
 *   `ConflictError` naming what was taken. A "set" that replaces (an allocation, a budget) is an
 *   upsert instead: concurrent sets apply one after another and the last stays.
 * - Whatever PostgreSQL refuses because another transaction got there first — unique (23505) and
 *   exclusion (23P01) violations, serialization failures (40001), deadlocks (40P01), a lock not
 *   available (55P03) — becomes a `ConflictError` here, for every mutation (`DatabaseConflictPlugin`),
 *   never an internal error.
 */
import {
  type EntityManager,
  type EntityName,
  type FilterQuery,
  type FindOneOptions,
  LockMode,
  OptimisticLockError,
} from '@mikro-orm/core';
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import { ConflictError, ErrorCode } from './errors.js';

/** The SQLSTATEs that mean "another transaction got there first". */
export const CONFLICT_SQLSTATES: Readonly<Record<string, string>> = {
  '23505': 'unique_violation',
  '23P01': 'exclusion_violation',
  '40001': 'serialization_failure',
  '40P01': 'deadlock_detected',
  '55P03': 'lock_not_available',
};

/** What the client is told when a named constraint refuses a write: where, and what was taken. */
export interface ConstraintConflict {
  /** The input field the constraint concerns, e.g. ["input", "slug"]. */
  path: (string | number)[];
  /** What was taken; given the mutation's arguments, to name the value. */
  message: string | ((args: Record<string, unknown>) => string);
}

/** A subgraph's constraints by their name in PostgreSQL (`createBuilder({ constraints })`). */
export type ConstraintConflicts = Readonly<Record<string, ConstraintConflict>>;

/** Said of a race no constraint names (a deadlock, a serialization failure, an unnamed constraint). */
export const RACE_MESSAGE = 'Someone else changed the same thing at the same time; nothing was written. Try again';

/** The SQLSTATE of a driver error (MikroORM's `DriverException` keeps pg's fields), or null. */
function sqlState(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/**
 * The `ConflictError` a database error means, or null when it is not a lost race. A constraint the
 * subgraph describes is named at its input field; any other race gets `RACE_MESSAGE` and no path.
 */
export function conflictFromDatabase(
  error: unknown,
  constraints: ConstraintConflicts = {},
  args: Record<string, unknown> = {},
): ConflictError | null {
  if (error instanceof ConflictError) {
    return error;
  }
  if (error instanceof OptimisticLockError) {
    return new ConflictError([], RACE_MESSAGE);
  }
  const state = sqlState(error);
  if (!state || !(state in CONFLICT_SQLSTATES)) {
    return null;
  }
  const constraint = (error as { constraint?: unknown }).constraint;
  const known = typeof constraint === 'string' ? constraints[constraint] : undefined;
  if (!known) {
    return new ConflictError([], RACE_MESSAGE);
  }
  return new ConflictError(known.path, typeof known.message === 'string' ? known.message : known.message(args));
}

/**
 * Loads one row and locks it until the transaction ends (`SELECT … FOR UPDATE`), fresh from the
 * database: a second request locking the same row waits for the first to commit, then reads what it
 * wrote. Only inside `em.transactional` (MikroORM refuses a lock outside a transaction). Lock the
 * root row alone: populate its relations after, since PostgreSQL refuses FOR UPDATE on outer joins.
 */
export function lockForUpdate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  options: Omit<FindOneOptions<T>, 'lockMode' | 'populate' | 'refresh'> = {},
): Promise<T | null> {
  return em.findOne(
    entity,
    where as never,
    {
      ...options,
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    } as FindOneOptions<T>,
  );
}

/**
 * Wraps every mutation: a lost race becomes a `ConflictError`, which the errors plugin (outside this
 * one) turns into the mutation's typed result; a mutation without typed errors gets a GraphQL error
 * with code CONFLICT. Listed after the errors plugin in `createBuilder`.
 */
export class DatabaseConflictPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (fieldConfig.parentType !== 'Mutation') {
      return resolver;
    }
    const constraints = (this.builder.options as { constraints?: ConstraintConflicts }).constraints ?? {};
    const typed = 'errors' in fieldConfig.pothosOptions && fieldConfig.pothosOptions.errors != null;
    return async (source, args, context, info) => {
      try {
        return await resolver(source, args, context, info);
      } catch (error) {
        const conflict = conflictFromDatabase(error, constraints, args as Record<string, unknown>);
        if (!conflict || conflict === error) {
          throw error;
        }
        throw typed
          ? conflict
          : new GraphQLError(conflict.message, { extensions: { code: ErrorCode.CONFLICT, path: conflict.path } });
      }
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      databaseConflicts: DatabaseConflictPlugin<Types>;
    }
    export interface SchemaBuilderOptions<Types extends SchemaTypes> {
      /** This subgraph's constraints by name: what a client is told when one refuses a write (conflicts.ts). */
      constraints?: ConstraintConflicts;
    }
  }
}

/** The plugin's name, as `createBuilder` lists it. */
export const databaseConflictsPlugin = 'databaseConflicts' as const;
SchemaBuilder.registerPlugin(databaseConflictsPlugin, DatabaseConflictPlugin);
