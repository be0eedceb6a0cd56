/**
 * `npm run import -- <file> [--check] [--user <demo person> | --token <jwt>] [--gateway <url>]`: imports a file of
 * participations with their history (CSV or JSON, by its extension; format in subgraphs/participants/README.md)
 * through the graph, as a förbund administrator: stages it in parts the gateway accepts, runs the dry run and
 * prints every problem by row and field; without `--check`, then runs it (a file with a problem writes nothing; one
 * without is written in batches, each all or none, and a stopped run goes on when run again) and prints progress
 * and the summary. The same mutations a client uses, so the same rules, encryption and audit apply.
 * Exit code 0 when done (or checked clean), 1 when the file has problems or the run did not finish, 2 for wrong
 * usage.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PEOPLE } from '@finsam/governance/demo/people.js';
import { IMPORT_PART_CHARS } from '@finsam/participants/domain/import-file.js';
import { DEV_IDP_PORT, loginAs } from './idp/index.js';

const USAGE =
  'Usage: npm run import -- <file.csv|file.json> [--check] [--user <demo person> | --token <jwt>] ' +
  '[--gateway http://localhost:4000/graphql]';

const FIELDS =
  'id status totalRows processedRows issues { row field message } summary { rows created unchanged followUps }';
const RESULT = `__typename ... on Error { message } ... on ValidationError { issues { path message } }`;

interface Import {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  issues: { row: number; field: string; message: string }[];
  summary: { rows: number; created: number; unchanged: number; followUps: number } | null;
}

/** Parts of at most `size` characters, cut after a line end where there is one, so no part splits a CSV row. */
export function parts(content: string, size = IMPORT_PART_CHARS): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < content.length) {
    let end = Math.min(start + size, content.length);
    if (end < content.length) {
      const newline = content.lastIndexOf('\n', end - 1);
      end = newline >= start ? newline + 1 : end;
    }
    out.push(content.slice(start, end));
    start = end;
  }
  return out;
}

/** A client of the graph for one caller. */
export function graph(url: string, token: string) {
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) {
      throw new Error(
        body.errors?.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ') ?? res.statusText,
      );
    }
    return body.data;
  };
}

/** The success's data of a mutation, or an error with the typed error's message. */
function succeeded<T>(result: { __typename: string; data?: T; message?: string; issues?: unknown[] }): T {
  if (!result.__typename.endsWith('Success') || !result.data) {
    throw new Error(`${result.__typename}: ${result.message ?? ''} ${JSON.stringify(result.issues ?? [])}`);
  }
  return result.data;
}

/**
 * Stages `content` and runs the dry run, then (unless `checkOnly`) the import, reporting as it goes; returns the
 * settled import. Also what the bench runs.
 */
export async function importFile(
  ask: ReturnType<typeof graph>,
  file: { name: string; format: 'CSV' | 'JSON'; content: string },
  { checkOnly = false, report = (_line: string) => {} } = {},
): Promise<Import> {
  const [first = '', ...rest] = parts(file.content);
  const staged = succeeded<Import>(
    (
      await ask<{ stageParticipationImport: never }>(
        `mutation ($input: StageParticipationImportInput!) {
          stageParticipationImport(input: $input) {
            ${RESULT} ... on MutationStageParticipationImportSuccess { data { id } }
          }
        }`,
        { input: { name: file.name, format: file.format, content: first } },
      )
    ).stageParticipationImport,
  );
  for (const part of rest) {
    succeeded(
      (
        await ask<{ appendParticipationImport: never }>(
          `mutation ($id: ID!, $content: String!) {
            appendParticipationImport(id: $id, content: $content) {
              ${RESULT} ... on MutationAppendParticipationImportSuccess { data { id } }
            }
          }`,
          { id: staged.id, content: part },
        )
      ).appendParticipationImport,
    );
  }
  const steps = checkOnly
    ? (['checkParticipationImport'] as const)
    : (['checkParticipationImport', 'runParticipationImport'] as const);
  let settled: Import | null = null;
  for (const step of steps) {
    const success = `Mutation${step[0]!.toUpperCase()}${step.slice(1)}Success`;
    succeeded(
      (
        await ask<Record<string, never>>(
          `mutation ($id: ID!) { ${step}(id: $id) { ${RESULT} ... on ${success} { data { id } } } }`,
          {
            id: staged.id,
          },
        )
      )[step]!,
    );
    settled = await follow(ask, staged.id, report);
    if (settled.status !== 'CHECKED' || settled.issues.length) {
      return settled;
    }
  }
  return settled as Import;
}

/** Polls in a row that may fail before following gives up: the import runs on in the subgraph meanwhile. */
const POLL_FAILURES = 5;

/**
 * Polls the import until it settles, reporting progress. A failed poll (a busy or restarting server) is reported and
 * tried again, up to `POLL_FAILURES` in a row.
 */
async function follow(ask: ReturnType<typeof graph>, id: string, report: (line: string) => void): Promise<Import> {
  let last = -1;
  let failures = 0;
  for (;;) {
    let i: Import;
    try {
      ({ participationImport: i } = await ask<{ participationImport: Import }>(
        `query ($id: ID!) { participationImport(id: $id) { ${FIELDS} } }`,
        { id },
      ));
      failures = 0;
    } catch (error) {
      failures += 1;
      if (failures >= POLL_FAILURES) {
        throw error;
      }
      report(`could not read the import's progress (${(error as Error).message}); asking again`);
      await new Promise((resolve) => setTimeout(resolve, 1000 * failures));
      continue;
    }
    if (i.processedRows !== last) {
      report(`${i.status.toLowerCase()}: ${i.processedRows} of ${i.totalRows} rows`);
      last = i.processedRows;
    }
    if (i.status !== 'CHECKING' && i.status !== 'RUNNING') {
      return i;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      check: { type: 'boolean', default: false },
      user: { type: 'string' },
      token: { type: 'string' },
      gateway: { type: 'string', default: process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql' },
    },
  });
  const [path] = positionals;
  const format = path ? ({ '.csv': 'CSV', '.json': 'JSON' } as const)[extname(path).toLowerCase()] : undefined;
  if (!path || !format || (!values.token && !values.user && !process.env.FINSAM_TOKEN)) {
    console.error(USAGE);
    process.exit(2);
  }
  let token = values.token ?? process.env.FINSAM_TOKEN ?? '';
  if (values.user) {
    const person = DEMO_PEOPLE.find((p) => p.username === values.user);
    if (!person) {
      console.error(`No demo person "${values.user}". ${USAGE}`);
      process.exit(2);
    }
    token = (
      await loginAs(`http://127.0.0.1:${process.env.IDP_PORT ?? DEV_IDP_PORT}/${person.issuer}`, person.username)
    ).accessToken;
  }
  const content = await readFile(path, 'utf8');
  const result = await importFile(
    graph(values.gateway, token),
    { name: basename(path), format, content },
    {
      checkOnly: values.check,
      report: (line) => console.log(line),
    },
  );
  for (const issue of result.issues) {
    console.log(`row ${issue.row}, ${issue.field}: ${issue.message}`);
  }
  if (result.status === 'INTERRUPTED') {
    console.log(
      `interrupted: the subgraph stopped mid-run; run the file again (or runParticipationImport(id: "${result.id}")) ` +
        'to go on from the next batch',
    );
  }
  if (result.summary) {
    const s = result.summary;
    const verb = result.status === 'DONE' ? 'imported' : 'would import';
    console.log(
      `${verb} ${s.created} of ${s.rows} participations (${s.unchanged} already there), ${s.followUps} follow-ups`,
    );
  }
  process.exit(result.issues.length || !['DONE', 'CHECKED'].includes(result.status) ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
