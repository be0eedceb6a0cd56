/**
 * Input validation with zod, run inside the resolver after authorization (so a caller
 * without access learns nothing from validation messages). Failures become `ValidationError`.
 */
import type { z } from 'zod';
import { badArgument, ValidationError } from './errors.js';

export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: (string | number)[] = ['input'],
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      path: [...path, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: issue.message,
    })),
  );
}

/**
 * A query argument checked with zod: a query field has no typed result to carry a `ValidationError`, so
 * a failure is BAD_USER_INPUT naming the argument (never an internal error).
 */
export function parseArgument<S extends z.ZodType>(schema: S, value: unknown, argument: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const [issue] = result.error.issues;
  const path = [argument, ...(issue?.path ?? []).map(String)].join('.');
  throw badArgument(argument, `\`${path}\`: ${issue?.message}`);
}

/** GraphQL `null` on an optional input field means "leave as is" (or "use the default"), like leaving it out. */
export function withoutNulls<T extends object>(input: T): Partial<{ [K in keyof T]: Exclude<T[K], null> }> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as never;
}
