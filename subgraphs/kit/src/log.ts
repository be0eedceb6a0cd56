/**
 * Structured logs: one JSON object per line on stdout, the shape log collectors expect.
 * Satisfies Apollo's Logger interface so the gateway and subgraphs log the same way.
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = keyof typeof LEVELS;

export interface Logger {
  debug(message: unknown, fields?: Record<string, unknown>): void;
  info(message: unknown, fields?: Record<string, unknown>): void;
  warn(message: unknown, fields?: Record<string, unknown>): void;
  error(message: unknown, fields?: Record<string, unknown>): void;
}

export function createLogger(
  service: string,
  level: Level = (process.env.LOG_LEVEL as Level | undefined) ?? 'info',
): Logger {
  const threshold = LEVELS[level] ?? LEVELS.info;
  const write = (lvl: Exclude<Level, 'silent'>) => (message: unknown, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < threshold) {
      return;
    }
    const msg = message instanceof Error ? message.message : String(message);
    process.stdout.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: lvl, service, msg, ...fields })}\n`,
    );
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
