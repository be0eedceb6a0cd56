/**
 * Builds the web client (vite build → web/dist, about a second) when web/dist is missing or older than any of its
 * sources; otherwise does nothing. `npm start` and the browser tests run it, so `npm install && npm start` stays
 * the whole set-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = path.join(WEB, 'dist', 'index.html');
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json'];

function newest(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map((f) => newest(path.join(file, f))));
}

const sourcesChanged = SOURCES.map((s) => newest(path.join(WEB, s)));
if (fs.existsSync(BUILT) && fs.statSync(BUILT).mtimeMs >= Math.max(...sourcesChanged)) {
  process.exit(0);
}
const started = performance.now();
await build({ root: WEB, logLevel: 'warn', configFile: path.join(WEB, 'vite.config.ts') });
console.log(`web client built in ${((performance.now() - started) / 1000).toFixed(1)} s → web/dist`);
