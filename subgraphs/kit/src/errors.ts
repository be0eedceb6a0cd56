/**
 * The error vocabulary every subgraph speaks.
 * - Request-level failures are GraphQL errors with `extensions.code`: UNAUTHENTICATED, FORBIDDEN,
 *   and BAD_USER_INPUT for a query argument out of range (`badArgument`, and Pothos' own argument
 *   checks such as a negative `first`, which the server maps to it); nothing is read.
 * - Bad input is a typed result (`ValidationError`, registered by the builder factory) with a
 *   field path per issue, so clients can show it next to the field; nothing is written.
 * - A write that lost a race, or that the stored state no longer allows (someone got there first), is a
 *   typed `ConflictError`; nothing is written (conflicts.ts).
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  VALIDATION: 'VALIDATION',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
} as const;

export function unauthenticated(message = 'A valid token is required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(message = 'Not allowed for your role'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** A query argument out of range, named in `extensions.argument` so a client can point at it. */
export function badArgument(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } });
}

export interface ValidationIssue {
  /** Path to the offending input field, e.g. ["input", "members", 2, "scbCode"]. */
  path: (string | number)[];
  message: string;
}

/** Thrown by resolvers for bad input; the errors plugin turns it into the `ValidationError` type. */
export class ValidationError extends Error {
  readonly code = ErrorCode.VALIDATION;
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    this.name = 'ValidationError';
  }
}

/** An error about one thing the caller named: where it was named (`path`), and what went wrong. */
export abstract class PathError extends Error {
  abstract readonly code: string;
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Thrown when the caller asks to change something that does not exist in its tenant. */
export class NotFoundError extends PathError {
  readonly code = ErrorCode.NOT_FOUND;
}

/**
 * Thrown when the thing changed since the caller read it, or is taken (someone else got there first):
 * re-read and retry. conflicts.ts makes every lost race in the database one of these.
 */
export class ConflictError extends PathError {
  readonly code = ErrorCode.CONFLICT;
}
