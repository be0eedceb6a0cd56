/**
 * The one builder factory. Plugin order matters: scope-auth wraps resolvers first, federation
 * comes last (it needs directives, and must see the final field set).
 */
import SchemaBuilder, { type ArgBuilder, type ObjectFieldsShape } from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { type ConstraintConflicts, databaseConflictsPlugin } from './conflicts.js';
import type { SubgraphContext } from './context.js';
import { isoDate } from './dates.js';
import {
  ConflictError,
  forbidden,
  NotFoundError,
  type PathError,
  unauthenticated,
  ValidationError,
  type ValidationIssue,
} from './errors.js';
import { isAnonymous } from './identity.js';
import {
  DATE_YEARS,
  KRONOR_MAX,
  MONEY_MAX,
  parseDate,
  parseDateTime,
  parseKronor,
  serializeKronor,
  strictInputPlugin,
} from './input.js';
import { nullableMutationsPlugin } from './mutation-results.js';
import { isInsatsStaff, isSteeringOf, type ScopeName, scopeGrants } from './scopes.js';

export interface SubgraphTypes {
  Context: SubgraphContext;
  /** Fields are non-null unless they say otherwise: clients can trust the shape. */
  DefaultFieldNullability: false;
  /** Named once in scopes.ts; a field lists the scopes any of which lets the caller in. */
  AuthScopes: { [S in ScopeName]: boolean } & {
    /** Any signed-in user. */
    authenticated: boolean;
    /** `staff` of this intervention (insats). */
    insatsStaff: string;
    /** A styrgrupp member of this intervention (insats). */
    steeringOf: string;
  };
  Directives: {
    /** See cache-control.ts. */
    cacheControl: { locations: 'OBJECT' | 'FIELD_DEFINITION'; args: { maxAge: number } };
  };
  Scalars: {
    Date: { Input: string; Output: string | Date };
    DateTime: { Input: Date; Output: Date };
    /** Money: whole kronor in, a stored bigint (or a number) out — see input.ts. */
    Kronor: { Input: number; Output: bigint | number };
  };
}

/** `constraints`: the subgraph's unique constraints by name, as a lost race names them (conflicts.ts). */
export function createBuilder(options: { constraints?: ConstraintConflicts } = {}) {
  const builder = new SchemaBuilder<SubgraphTypes>({
    plugins: [
      ScopeAuthPlugin,
      RelayPlugin,
      DataloaderPlugin,
      ErrorsPlugin,
      strictInputPlugin,
      // Inside the errors plugin, so the ConflictError it throws becomes the mutation's typed result.
      databaseConflictsPlugin,
      nullableMutationsPlugin,
      DirectivePlugin,
      FederationPlugin,
    ],
    defaultFieldNullability: false,
    constraints: options.constraints ?? {},
    scopeAuth: {
      // Anonymous callers are told to sign in; signed-in callers are told they may not.
      unauthorizedError: (_parent, ctx) => (isAnonymous(ctx.identity) ? unauthenticated() : forbidden()),
      authScopes: (ctx) => ({
        authenticated: !isAnonymous(ctx.identity),
        ...scopeGrants(ctx.identity),
        insatsStaff: (interventionId) => isInsatsStaff(ctx.identity, interventionId),
        steeringOf: (interventionId) => isSteeringOf(ctx.identity, interventionId),
      }),
    },
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      // Each subgraph would define Query.node; federated ids are plain keys instead.
      nodeQueryOptions: false,
      nodesQueryOptions: false,
      pageInfoTypeOptions: {
        shareable: true,
        description: 'Where a page of a list starts and ends (Relay cursor connections).',
      },
      hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
      hasPreviousPageFieldOptions: { description: 'Whether items come before this page.' },
      startCursorFieldOptions: { description: "The first item's cursor; pass it as `before` for the page before." },
      endCursorFieldOptions: { description: "The last item's cursor; pass it as `after` for the next page." },
      defaultConnectionTypeOptions: { description: 'One page of a list, with where it starts and ends.' },
      defaultEdgeTypeOptions: { description: 'One item of a page, with its cursor.' },
      edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
      pageInfoFieldOptions: { description: 'Where this page starts and ends.' },
      cursorFieldOptions: { description: 'Opaque position of this item; pass it as `after` or `before`.' },
      nodeFieldOptions: { description: 'The item.' },
      firstArgOptions: { description: 'At most this many items from the start (after `after`).' },
      afterArgOptions: { description: 'Items after this cursor.' },
      lastArgOptions: { description: 'At most this many items from the end (before `before`).' },
      beforeArgOptions: { description: 'Items before this cursor.' },
    },
    errors: {
      defaultTypes: [ValidationError, NotFoundError, ConflictError],
      defaultResultOptions: { description: 'The mutation succeeded; `data` is what it wrote.' },
      defaultUnionOptions: {
        description: 'What a mutation returns: its result, or a typed error saying why nothing was written.',
      },
    },
  });

  // The scalars never throw on input: input.ts reports a bad value as the argument's error.
  builder.scalarType('Date', {
    description: `A calendar date, ISO 8601 (YYYY-MM-DD), in the years ${DATE_YEARS.first}–${DATE_YEARS.last}.`,
    serialize: (value) => isoDate(value),
    parseValue: (value) => parseDate(value) as string,
  });
  builder.scalarType('DateTime', {
    description: 'A point in time, ISO 8601 with time zone.',
    serialize: (value) => value.toISOString(),
    parseValue: (value) => parseDateTime(value) as Date,
  });
  builder.scalarType('Kronor', {
    description:
      `Money in whole kronor (SEK), as a JSON number: exact for any sum up to ${KRONOR_MAX} kr (2^53 − 1). ` +
      `An amount sent in is at most ±${MONEY_MAX} kr.`,
    serialize: serializeKronor,
    parseValue: (value) => parseKronor(value) as number,
  });

  registerErrorTypes(builder);
  builder.queryType({});
  builder.mutationType({});
  return builder;
}

export type SubgraphBuilder = ReturnType<typeof createBuilder>;

type BuilderTypes = PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes>;
type AnySubgraphBuilder = PothosSchemaTypes.SchemaBuilder<BuilderTypes>;

/** The interface every typed error implements; `createBuilder` registers it. */
const ERROR_INTERFACE = 'Error';

/**
 * Registers an error class (one with a `code`) as an object type implementing the `Error`
 * interface, reached by name: the kit's own errors and any a subgraph adds. Named after the
 * class unless told otherwise; no fields of its own unless given.
 */
export function errorObjectType<T extends Error & { code: string }>(
  builder: AnySubgraphBuilder,
  cls: new (...args: never[]) => T,
  options: { name?: string; description: string; shareable?: boolean; fields?: ObjectFieldsShape<BuilderTypes, T> },
): void {
  // The class itself is the type's key: the errors plugin finds the type of a thrown error by it.
  // Pothos cannot resolve its shape for a generic class, hence the casts; callers stay typed.
  builder.objectType(cls as new (...args: never[]) => Error, {
    name: options.name ?? cls.name,
    description: options.description,
    ...(options.shareable ? { shareable: true } : {}),
    interfaces: [ERROR_INTERFACE as never],
    isTypeOf: (value) => value instanceof cls,
    fields: (options.fields ?? (() => ({}))) as ObjectFieldsShape<BuilderTypes, Error>,
  });
}

function registerErrorTypes(builder: AnySubgraphBuilder) {
  builder.interfaceRef<Error & { code: string }>(ERROR_INTERFACE).implement({
    description: 'Common shape of the typed errors a mutation can return instead of its result.',
    fields: (t) => ({
      code: t.exposeString('code', { description: 'Stable machine-readable code, e.g. VALIDATION.' }),
      message: t.exposeString('message', { description: 'What went wrong, for a person to read (English).' }),
    }),
  });

  const Issue = builder.objectRef<ValidationIssue>('ValidationIssue').implement({
    shareable: true,
    description: 'One problem with the input, at the field it concerns.',
    fields: (t) => ({
      path: t.stringList({
        description: 'Path to the input field, e.g. ["input", "members", "2", "scbCode"].',
        resolve: (issue) => issue.path.map(String),
      }),
      message: t.exposeString('message', { description: 'What is wrong with the value there.' }),
    }),
  });

  errorObjectType(builder, ValidationError, {
    name: 'ValidationError',
    shareable: true,
    description: 'The input was rejected; nothing was written.',
    fields: (t) => ({
      issues: t.field({
        type: [Issue],
        description: 'Every problem found, each at its field.',
        resolve: (e) => e.issues,
      }),
    }),
  });

  // Errors about one thing the caller named: where it was named, and what went wrong.
  const pathError = (
    name: string,
    type: new (path: (string | number)[], message: string) => PathError,
    description: string,
  ) =>
    errorObjectType(builder, type, {
      name,
      shareable: true,
      description,
      fields: (t) => ({
        path: t.stringList({
          description: 'Where in the input the thing was named, e.g. ["input", "interventionId"].',
          resolve: (e) => e.path.map(String),
        }),
      }),
    });
  pathError('NotFoundError', NotFoundError, 'The thing to change does not exist for you; nothing was written.');
  pathError(
    'ConflictError',
    ConflictError,
    'The thing changed since you read it (someone else got there first); nothing was written. Read it again.',
  );
}

/**
 * The arguments every subgraph's part of a förbund merger takes (governance's `mergeForbund` asks each
 * with the same four): spread into a service-call mutation's `args` beside its own.
 */
export function mergerArgs(arg: ArgBuilder<BuilderTypes>, effectiveOn = 'The merger date.') {
  return {
    mergerId: arg.id({ required: true, description: 'The merger.' }),
    fromIds: arg.idList({ required: true, description: 'The merging förbund.' }),
    intoId: arg.id({ required: true, description: 'The merged förbund.' }),
    effectiveOn: arg({ type: 'Date', required: true, description: effectiveOn }),
  };
}
