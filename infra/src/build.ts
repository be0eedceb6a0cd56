/**
 * `npm run build`: compiles every server workspace (the kit, the subgraphs, the gateway, infra) to JavaScript in
 * its own `dist/`, mirroring `src/` (so paths built from `import.meta.url` stay right), for production to run with
 * `node --conditions=compiled` and production dependencies only. One TypeScript program over all of them, because
 * the subgraphs' demo data import each other (no project references with cycles); its output is then moved into
 * each workspace. Files in `src/` that are not TypeScript (the GraphiQL start script) are copied beside it. It only
 * emits (`noCheck`): type checking is `npm run typecheck`'s, which `npm test` and the Dockerfile run first.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, '.build');

/** The server workspaces: every workspace but the web client, which vite builds. */
export function serverWorkspaces(): string[] {
  const dirs = ['gateway', 'infra'];
  for (const name of fs.readdirSync(path.join(ROOT, 'subgraphs'))) {
    if (fs.existsSync(path.join(ROOT, 'subgraphs', name, 'package.json'))) {
      dirs.push(`subgraphs/${name}`);
    }
  }
  return dirs;
}

function copyAssets(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      copyAssets(source, path.join(to, entry.name));
    } else if (!entry.name.endsWith('.ts')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, path.join(to, entry.name));
    }
  }
}

const started = performance.now();
fs.rmSync(OUT, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
} catch {
  // tsc printed the errors.
  console.error('The build failed: TypeScript reported the errors above.');
  process.exit(1);
}
for (const dir of serverWorkspaces()) {
  const dist = path.join(ROOT, dir, 'dist');
  fs.rmSync(dist, { recursive: true, force: true });
  fs.renameSync(path.join(OUT, dir, 'src'), dist);
  copyAssets(path.join(ROOT, dir, 'src'), dist);
}
fs.rmSync(OUT, { recursive: true, force: true });
console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s → <workspace>/dist`);
