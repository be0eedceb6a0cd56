/**
 * Strict input, one place per kind (DESIGN.md "Failure and errors"): every argument and input field
 * of every field is checked before its resolver runs, after authorization, so nothing reaches
 * PostgreSQL that it would reject and nothing reaches a sum that would overflow.
 *
 * - Dates (`Date`, `DateTime`): calendar-exact (the value round-trips: 2021-02-30 is refused), years
 *   `DATE_YEARS`. The scalars never throw (a throw there is a 400 before execution, which the gateway
 *   reports as an internal error); they hand back an `InvalidInput` this check reports.
 * - Text (`String`): no control characters (C0 and DEL; free text keeps tab, newline and carriage
 *   return) and at most `TEXT_LIMITS` characters by kind, named after the field: `name`/`title` a
 *   line, `email` an address, anything else free text. A field that needs more says so with
 *   `extensions: maxLength(n)`.
 * - Whole numbers (`Int`): `INT_BOUNDS` by argument name (years, day windows); a field may set its
 *   own with `extensions: intBounds(min, max)`.
 * - Money (`Kronor`): whole kronor, at most ±`MONEY_MAX` per amount; every sum the graph shows is
 *   exact up to `KRONOR_MAX`.
 *
 * A failure inside a query field is BAD_USER_INPUT naming the argument; a mutation that returns
 * typed errors gets a `ValidationError` with each issue at its path, as its own checks give.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isUnionType,
} from 'graphql';
import { badArgument, ValidationError, type ValidationIssue } from './errors.js';

/** A scalar value that failed to parse: the scalar returns it instead of throwing; `inputIssues` reports it. */
export class InvalidInput {
  constructor(readonly problem: string) {}
}

/** Years a date may lie in: wider than any report year, narrower than what breaks date arithmetic. */
export const DATE_YEARS = { first: 1900, last: 2100 } as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** What is wrong with a `Date` value, or null: YYYY-MM-DD, a day the calendar has, years `DATE_YEARS`. */
export function dateProblem(value: unknown): string | null {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) {
    return 'Date is YYYY-MM-DD';
  }
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (year < DATE_YEARS.first || year > DATE_YEARS.last) {
    return `A date lies in ${DATE_YEARS.first}–${DATE_YEARS.last}`;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'No such day';
  }
  return null;
}

/** What is wrong with a `DateTime` value, or null: ISO 8601 with a time zone, its date as `dateProblem`. */
export function dateTimeProblem(value: unknown): string | null {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match) {
    return 'DateTime is ISO 8601 with a time zone, e.g. 2026-03-01T09:00:00Z';
  }
  const [, date, hour, minute, second = '0', , zoneHour = '0', zoneMinute = '0'] = match;
  if (+hour! > 23 || +minute! > 59 || +second > 59 || +zoneHour > 14 || +zoneMinute > 59) {
    return 'No such time';
  }
  return dateProblem(date);
}

/** The `Date` scalar's parse: the date itself, or an `InvalidInput` saying why not. */
export const parseDate = (value: unknown): string | InvalidInput => {
  const problem = dateProblem(value);
  return problem ? new InvalidInput(problem) : (value as string);
};

/** The `DateTime` scalar's parse: the instant, or an `InvalidInput` saying why not. */
export const parseDateTime = (value: unknown): Date | InvalidInput => {
  const problem = dateTimeProblem(value);
  return problem ? new InvalidInput(problem) : new Date(value as string);
};

/** Most characters of a text input, by kind; a field that needs more sets `maxLength(n)`. */
export const TEXT_LIMITS = { line: 200, email: 320, text: 2000 } as const;

/** Text fields that are one line (a name, a title): no tab or line break either. */
const LINE_NAMES = new Set(['name', 'title']);
const EMAIL_NAMES = new Set(['email']);

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f]/;

/** What is wrong with a text value, or null: a control character, or more than `max` characters. */
export function textProblem(value: string, max: number, oneLine = false): string | null {
  if ((oneLine ? CONTROL_OR_BREAK : CONTROL).test(value)) {
    return 'No control characters';
  }
  return value.length > max ? `At most ${max} characters` : null;
}

/**
 * The largest amount of money one input carries, in whole kronor (100 million, more than a förbund turns
 * over in a year). See the kit README, "Money".
 */
export const MONEY_MAX = 100_000_000;

/**
 * The largest sum the `Kronor` scalar carries exactly: 2^53 − 1 kr (9 007 199 254 740 991 kr, about
 * 9 × 10^15: `Number.MAX_SAFE_INTEGER`, the largest whole number a JSON number holds exactly in every
 * client). Money is stored and summed as bigint; with each amount at most `MONEY_MAX`, some 90 million
 * amounts add up before a sum comes near it.
 */
export const KRONOR_MAX = Number.MAX_SAFE_INTEGER;

/** The `Kronor` scalar's parse: whole kronor, or an `InvalidInput` (bounds are `inputIssues`' to check). */
export const parseKronor = (value: unknown): number | InvalidInput =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : new InvalidInput('Whole kronor');

/**
 * The `Kronor` scalar's serialize: a stored bigint or a number, as a JSON number — exact, or an error
 * rather than a rounded figure (beyond `KRONOR_MAX`, or not whole).
 */
export function serializeKronor(value: unknown): number {
  if (typeof value === 'bigint' && value <= BigInt(KRONOR_MAX) && value >= -BigInt(KRONOR_MAX)) {
    return Number(value);
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return value;
  }
  throw new Error(`${String(value)} kr is not whole kronor within ±${KRONOR_MAX}`);
}

/** Bounds of every `Kronor` input. */
const MONEY_BOUNDS = { min: -MONEY_MAX, max: MONEY_MAX } as const;

/** Bounds of whole-number arguments, by name. */
export const INT_BOUNDS: Record<string, { min: number; max: number }> = {
  year: { min: DATE_YEARS.first, max: DATE_YEARS.last },
  budgetYear: { min: DATE_YEARS.first, max: DATE_YEARS.last },
  /** A window of days ahead (participantDeadlines): ten years at most. */
  within: { min: 0, max: 3650 },
  /** An optimistic-lock version the caller read: a stored version, which one more must still fit in Int. */
  expectedVersion: { min: 0, max: 2_147_483_646 },
};

/** What is wrong with a whole number, or null. */
export function intProblem(value: number, { min, max }: { min: number; max: number }): string | null {
  return value < min || value > max ? `Between ${min} and ${max}` : null;
}

/** `extensions` of an argument or input field whose text may be longer than its kind's default. */
export const maxLength = (max: number) => ({ maxLength: max });
/** `extensions` of an argument or input field with bounds of its own. */
export const intBounds = (min: number, max: number) => ({ intBounds: { min, max } });

type Extensions = Readonly<Record<string, unknown>> | null | undefined;

function textLimit(name: string, extensions: Extensions): { max: number; oneLine: boolean } {
  const oneLine = LINE_NAMES.has(name) || EMAIL_NAMES.has(name);
  const kind = EMAIL_NAMES.has(name) ? 'email' : LINE_NAMES.has(name) ? 'line' : 'text';
  return { max: (extensions?.maxLength as number | undefined) ?? TEXT_LIMITS[kind], oneLine };
}

/** Every problem with one value of an input type, each at its path. */
function valueIssues(
  type: GraphQLInputType,
  value: unknown,
  at: { path: (string | number)[]; name: string; extensions: Extensions },
  issues: ValidationIssue[],
): void {
  if (value == null) {
    return;
  }
  if (isNonNullType(type)) {
    valueIssues(type.ofType, value, at, issues);
    return;
  }
  if (isListType(type)) {
    if (Array.isArray(value)) {
      value.forEach((item, i) => valueIssues(type.ofType, item, { ...at, path: [...at.path, i] }, issues));
    }
    return;
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      const path = [...at.path, field.name];
      valueIssues(field.type, (value as Record<string, unknown>)[field.name], { ...field, path }, issues);
    }
    return;
  }
  const problem =
    value instanceof InvalidInput
      ? value.problem
      : typeof value === 'string' && type.name !== 'ID'
        ? (({ max, oneLine }) => textProblem(value, max, oneLine))(textLimit(at.name, at.extensions))
        : typeof value === 'number' && type.name === 'Int'
          ? intIssue(value, at.name, at.extensions)
          : typeof value === 'number' && type.name === 'Kronor'
            ? intProblem(value, MONEY_BOUNDS)
            : null;
  if (problem) {
    issues.push({ path: at.path, message: problem });
  }
}

function intIssue(value: number, name: string, extensions: Extensions): string | null {
  const bounds = (extensions?.intBounds as { min: number; max: number } | undefined) ?? INT_BOUNDS[name];
  return bounds ? intProblem(value, bounds) : null;
}

/** Every problem with a field's arguments, each at its path (the argument's name first). */
export function inputIssues(args: readonly GraphQLArgument[], values: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const arg of args) {
    valueIssues(arg.type, values[arg.name], { path: [arg.name], name: arg.name, extensions: arg.extensions }, issues);
  }
  return issues;
}

/** A mutation that answers with typed errors (a union holding `ValidationError`) reports input issues that way. */
const answersWithValidationError = (field: GraphQLField<unknown, unknown>) => {
  const type = getNamedType(field.type);
  return isUnionType(type) && type.getTypes().some((t) => t.name === 'ValidationError');
};

/**
 * Checks a field's arguments: throws BAD_USER_INPUT naming the first bad argument, or for a mutation
 * with typed errors a `ValidationError` with every issue.
 */
export function checkInput(field: GraphQLField<unknown, unknown>, values: Record<string, unknown>): void {
  const issues = inputIssues(field.args, values);
  if (issues.length === 0) {
    return;
  }
  if (answersWithValidationError(field)) {
    throw new ValidationError(issues);
  }
  const { path, message } = issues[0]!;
  throw badArgument(String(path[0]), `\`${path.join('.')}\`: ${message}`);
}

/**
 * The Pothos plugin that runs `checkInput` on every field with arguments. Listed after the errors
 * plugin, so a `ValidationError` it throws becomes the mutation's typed result, and after scope-auth,
 * so a caller without access learns nothing from it.
 */
export class StrictInputPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (Object.keys(fieldConfig.args).length === 0) {
      return resolver;
    }
    return (source, args, context, info) => {
      checkInput(info.parentType.getFields()[info.fieldName]!, args as Record<string, unknown>);
      return resolver(source, args, context, info);
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      strictInput: StrictInputPlugin<Types>;
    }
  }
}

/** The plugin's name, as `createBuilder` lists it. */
export const strictInputPlugin = 'strictInput' as const;
SchemaBuilder.registerPlugin(strictInputPlugin, StrictInputPlugin);
