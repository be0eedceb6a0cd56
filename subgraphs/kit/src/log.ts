/**
 * Structured logs through pino: one JSON object per line on stdout, the shape log collectors expect
 * (`time`, `level` by name, `service`, `msg`, then the fields). Satisfies Apollo's Logger interface so
 * the gateway and subgraphs log the same way; a request's logger (`child({ requestId })`) writes its
 * request id on every line.
 */
import { pino } from 'pino';
import { activeTraceIds } from './telemetry.js';

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof LEVELS)[number];

export interface Logger {
  debug(message: unknown, fields?: Record<string, unknown>): void;
  info(message: unknown, fields?: Record<string, unknown>): void;
  warn(message: unknown, fields?: Record<string, unknown>): void;
  error(message: unknown, fields?: Record<string, unknown>): void;
  /** A logger that writes `bindings` (e.g. `{ requestId }`) on each of its lines. */
  child(bindings: Record<string, unknown>): Logger;
}

/** Where log lines go: anything with `write(line)`. */
export interface LogDestination {
  write(line: string): unknown;
}

/**
 * `level` defaults to LOG_LEVEL (info). `destination` defaults to process.stdout, looked up at each
 * write so a test that replaces `process.stdout.write` reads every line.
 */
export function createLogger(
  service: string,
  level: Level = (process.env.LOG_LEVEL as Level | undefined) ?? 'info',
  destination: LogDestination = { write: (line) => process.stdout.write(line) },
): Logger {
  return wrap(
    pino(
      {
        level: LEVELS.includes(level) ? level : 'info',
        base: { service },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        // Inside a traced request every line names its trace, so logs and spans find each other.
        mixin: () => activeTraceIds() ?? {},
      },
      destination,
    ),
  );
}

function wrap(log: pino.Logger): Logger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: unknown, fields?: Record<string, unknown>): void => {
      if (message instanceof Error) {
        // pino's `err` serializer keeps the type, message and stack.
        log[level]({ err: message, ...fields }, message.message);
      } else {
        log[level](fields ?? {}, String(message));
      }
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (bindings) => wrap(log.child(bindings)),
  };
}

/** The header a request id travels in: from the client, from the gateway to subgraphs, and back. */
export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request id a header carries, if it is one we can write into logs and headers as it is (1–64
 * characters of letters, digits, `.`, `_`, `-`); otherwise undefined, and the caller makes one.
 */
export function requestIdFrom(header: unknown): string | undefined {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : undefined;
}

/**
 * Codes of errors that are the caller's: wrong input, no or wrong token, no right, a request the
 * server would not run. Anything else (INTERNAL_SERVER_ERROR, no code) is ours, and is logged.
 */
const USER_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Whether an error with this `extensions.code` is the caller's to fix rather than ours. */
export function isUserError(code: unknown): boolean {
  return typeof code === 'string' && (USER_ERROR_CODES.has(code) || code.startsWith('GRAPHQL_'));
}
