/**
 * Part of `npm run lint`: no source line over 120 characters. Biome formats code to that width
 * but leaves long strings and comments alone; this names each one that is still too long.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const MAX = 120;
// Generated code (the web client's typed operations) is not written by hand, nor wrapped.
const GENERATED = ':(exclude)web/src/gql';
const files = execFileSync('git', [
  'ls-files',
  '--cached',
  '--others',
  '--exclude-standard',
  '*.ts',
  '*.mjs',
  '*.tsx',
  GENERATED,
])
  .toString()
  .split('\n')
  .filter((f) => f && fs.existsSync(f));
const long = files.flatMap((file) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => (line.length > MAX ? [`${file}:${i + 1}: ${line.length} characters`] : [])),
);
if (long.length) {
  console.error(`${long.length} lines are longer than ${MAX} characters:\n${long.join('\n')}`);
  process.exit(1);
}
console.log(`line width: no line over ${MAX} characters in ${files.length} files`);
