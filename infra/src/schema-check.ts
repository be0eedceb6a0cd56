/**
 * The breaking-change check of the graph clients see (schema/api.graphql), run by `npm test`:
 * every commit on the first-parent line of HEAD since this check exists is compared with its
 * parent (GraphQL Inspector's diff), and a breaking change — a removed or renamed field, type or
 * enum value, a new required argument, a narrower type — fails unless that commit (or, for a merge,
 * a commit it brings in) declares it with a message line
 *
 *     Schema-break: <what breaks and what clients do instead>
 *
 * A change not yet committed is only reported: it is declared when it is committed.
 * Usage: `npm run schema:check`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export const API_SCHEMA = 'schema/api.graphql';
const CHECK_FILE = 'infra/src/schema-check.ts';
const DECLARATION = /^Schema-break:\s*\S/m;

export interface BreakingCommit {
  commit: string;
  subject: string;
  changes: string[];
  declared: boolean;
}

export interface SchemaCheck {
  /** Commits that changed the schema in a breaking way, declared or not, newest first. */
  breaking: BreakingCommit[];
  /** Breaking changes in the working tree, not yet committed. */
  uncommitted: string[];
  /** Why the history could not be read further back, if it could not (a shallow clone). */
  stoppedAt?: string;
}

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 });

/** What breaks clients of `before` when the graph becomes `after`. */
export async function breakingChanges(before: string, after: string): Promise<string[]> {
  const changes = await diff(buildSchema(before), buildSchema(after));
  return changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking).map((c) => c.message);
}

/** The object id of a file at a revision, or undefined where it did not exist. */
function blobAt(cwd: string, rev: string, file: string): string | undefined {
  try {
    return git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}:${file}`]).trim() || undefined;
  } catch (error) {
    // `--verify --quiet` exits 1, saying nothing, exactly when there is no such object.
    if ((error as { status?: number }).status === 1) {
      return undefined;
    }
    throw error;
  }
}

export async function checkSchemaHistory(cwd: string, file = API_SCHEMA): Promise<SchemaCheck> {
  const result: SchemaCheck = { breaking: [], uncommitted: [] };
  for (const commit of git(cwd, ['rev-list', '--first-parent', 'HEAD']).trim().split('\n')) {
    // Commits from before the check existed were never held to it.
    if (!blobAt(cwd, commit, CHECK_FILE)) {
      break;
    }
    const parent = git(cwd, ['rev-list', '--parents', '-n', '1', commit]).trim().split(' ')[1];
    if (!parent) {
      break;
    }
    try {
      git(cwd, ['cat-file', '-e', `${parent}^{commit}`]);
    } catch {
      result.stoppedAt = `history ends at ${commit.slice(0, 10)} (a shallow clone)`;
      break;
    }
    const [before, after] = [blobAt(cwd, parent, file), blobAt(cwd, commit, file)];
    if (before && after && before !== after) {
      const changes = await breakingChanges(
        git(cwd, ['cat-file', 'blob', before]),
        git(cwd, ['cat-file', 'blob', after]),
      );
      if (changes.length > 0) {
        // A merge's declaration may be in the merge or in any commit it brings in.
        const messages = git(cwd, ['log', '--format=%B', `${parent}..${commit}`]);
        const subject = git(cwd, ['log', '-1', '--format=%s', commit]).trim();
        result.breaking.push({ commit, subject, changes, declared: DECLARATION.test(messages) });
      }
    }
  }
  const head = blobAt(cwd, 'HEAD', file);
  const current = head ? git(cwd, ['cat-file', 'blob', head]) : undefined;
  const worktreeFile = path.join(cwd, file);
  const worktree = fs.existsSync(worktreeFile) ? fs.readFileSync(worktreeFile, 'utf8') : undefined;
  if (current !== undefined && worktree !== undefined && worktree !== current) {
    result.uncommitted = await breakingChanges(current, worktree);
  }
  return result;
}

async function main() {
  const cwd = process.cwd();
  try {
    git(cwd, ['rev-parse', 'HEAD']);
  } catch {
    console.log('schema check: not a git checkout with commits, so there is no earlier schema to compare with.');
    return;
  }
  const check = await checkSchemaHistory(cwd);
  for (const b of check.breaking) {
    console.log(`${b.declared ? 'declared' : 'UNDECLARED'} breaking change in ${b.commit.slice(0, 10)} ${b.subject}`);
    for (const change of b.changes) {
      console.log(`  - ${change}`);
    }
  }
  if (check.uncommitted.length > 0) {
    console.log('breaking changes not yet committed (declare them with a "Schema-break: …" line in the commit):');
    for (const change of check.uncommitted) {
      console.log(`  - ${change}`);
    }
  }
  if (check.stoppedAt) {
    console.log(`schema check: ${check.stoppedAt}`);
  }
  const undeclared = check.breaking.filter((b) => !b.declared);
  if (undeclared.length > 0) {
    console.error(
      `schema check: ${undeclared.length} commit(s) break clients of ${API_SCHEMA} without saying so. ` +
        'If it is meant, amend the commit message with a line "Schema-break: <what breaks, what clients do>".',
    );
    process.exit(1);
  }
  console.log(`schema check: no undeclared breaking change to ${API_SCHEMA}.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
