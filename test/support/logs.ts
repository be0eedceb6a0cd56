/**
 * The platform's log lines as a test reads them: every service logs JSON lines to process.stdout
 * (kit/log.ts looks it up at each write), and the test platform runs in the test's process.
 */

/** The JSON log lines written to stdout while `work` runs (and nothing of them on the real stdout). */
export async function logLinesOf(work: () => Promise<void>): Promise<Record<string, any>[]> {
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    await work();
  } finally {
    process.stdout.write = write;
  }
  return lines
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}
