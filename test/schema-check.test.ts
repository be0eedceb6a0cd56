/**
 * The breaking-change check (`npm run schema:check`, infra/src/schema-check.ts) on a throwaway git
 * history: a removed field fails unless its commit says `Schema-break:`; an added field passes;
 * commits from before the check are not held to it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { API_SCHEMA, breakingChanges, checkSchemaHistory } from '@finsam/infra/schema-check.js';

const V1 = 'type Query {\n  forbund: Forbund\n}\n\ntype Forbund {\n  name: String!\n  slug: String!\n}\n';
const V2_ADDED = V1.replace('  slug: String!\n', '  slug: String!\n  organisationNumber: String\n');
const V3_REMOVED = V2_ADDED.replace('  slug: String!\n', '');

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
function commit(schema: string, message: string, withCheck = true) {
  fs.mkdirSync(path.join(repo, 'schema'), { recursive: true });
  fs.writeFileSync(path.join(repo, API_SCHEMA), schema);
  if (withCheck) {
    fs.mkdirSync(path.join(repo, 'infra/src'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'infra/src/schema-check.ts'), '// the check\n');
  }
  git('add', '-A');
  git('commit', '-q', '-m', message);
}

beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-schema-check-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.org');
  git('config', 'user.name', 'Test');
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

it('names what breaks clients, and not what only adds', async () => {
  expect(await breakingChanges(V1, V2_ADDED)).toEqual([]);
  expect(await breakingChanges(V2_ADDED, V3_REMOVED)).toEqual([
    expect.stringContaining("Field 'slug' was removed from object type 'Forbund'"),
  ]);
});

it('fails a commit that removes a field without saying so', async () => {
  commit(V1, 'first');
  commit(V2_ADDED, 'add the organisation number');
  commit(V3_REMOVED, 'drop the slug');
  const check = await checkSchemaHistory(repo);
  expect(check.breaking).toHaveLength(1);
  expect(check.breaking[0]).toMatchObject({ subject: 'drop the slug', declared: false });
});

it('passes a breaking commit that declares it, also when a merge brings it in', async () => {
  commit(V1, 'first');
  git('checkout', '-q', '-b', 'work');
  commit(
    V3_REMOVED.replace('  organisationNumber: String\n', ''),
    'drop the slug\n\nSchema-break: slug is gone; use id',
  );
  git('checkout', '-q', 'main');
  git('merge', '-q', '--no-ff', '-m', 'Merge work', 'work');
  const check = await checkSchemaHistory(repo);
  expect(check.breaking).toHaveLength(1);
  expect(check.breaking[0]).toMatchObject({ subject: 'Merge work', declared: true });
});

it('holds only commits made since the check exists, and reports an uncommitted break without failing it', async () => {
  commit(V2_ADDED, 'before the check', false);
  commit(V3_REMOVED, 'also before the check', false);
  commit(V3_REMOVED.replace('type Query', '"""The graph."""\ntype Query'), 'the check arrives');
  fs.writeFileSync(path.join(repo, API_SCHEMA), V3_REMOVED.replace('  name: String!\n', ''));
  const check = await checkSchemaHistory(repo);
  expect(check.breaking).toEqual([]);
  expect(check.uncommitted).toEqual([expect.stringContaining("Field 'name' was removed")]);
});
