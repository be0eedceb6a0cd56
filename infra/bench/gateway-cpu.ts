/**
 * `node --import tsx infra/bench/gateway-cpu.ts [--requests N] [--rounds N] [--users N] [--baseline DIR …]`:
 * the platform's gateway alone — its CPU per request, with nothing else of the platform on the machine.
 *
 * The gateway (uncached, in a process of its own, gateway-process.ts) runs against stand-in subgraphs in
 * this process: each answers any fetch from its own SDL (schema/<name>.graphql, lists of 8, every field
 * filled), the same answer for the same fetch, and governance answers `resolveAccess` with a förbund
 * administrator. Users log in at the development identity provider, as in `npm run bench`, so tokens are
 * verified and the directory asked as on the platform. The dashboard and the staff query of
 * `npm run bench` are sent one at a time; with `--users N`, N people logged in take turns (each a person of
 * their own in the directory's answer), so a request is a new caller for the gateway's kept tokens,
 * signatures and directory answers, as in the realistic mix; `process.cpuUsage()` of the gateway process
 * around each run, divided by its requests, is the figure. Each `--baseline DIR` (a copy of gateway/src from another
 * commit, inside this checkout, e.g. .bench-<name>/gateway/src: named <name>) starts another gateway with
 * that code, and all take turns round by round, so all see the same machine.
 */

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { subgraphPoster } from '@finsam/gateway/subgraph-http.js';
import {
  execute,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
} from 'graphql';
import { readSupergraph, SCHEMA_DIR } from '../src/compose.js';
import { devGatewayOptions } from '../src/dev-gateway.js';
import { devIssuerConfigs, loginAs, startDevIdentityProviders } from '../src/idp/index.js';
import { generateDevKeys } from '../src/keys.js';
import { SUBGRAPHS } from '../src/subgraphs.js';
import type { GatewayConfig } from './gateway-process.js';
import { ask, forkChild, stopChild } from './ipc.js';
import { DASHBOARD, STAFF } from './operations.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '3' },
    baseline: { type: 'string', multiple: true },
    users: { type: 'string', default: '1' },
  },
});
const REQUESTS = Number(args.requests);
const ROUNDS = Number(args.rounds);
const USERS = Number(args.users);
const LIST = 8;
const FORBUND = '00000000-0000-4000-8000-000000000001';
const INTERVENTION = '00000000-0000-4000-8000-000000000002';

const hashOf = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

/** A field resolver answering any field of `schema`: lists of LIST, every field filled, the first of an enum. */
function mockResolver(schema: GraphQLSchema): GraphQLFieldResolver<Record<string, unknown>, unknown> {
  const value = (type: GraphQLOutputType, at: string): unknown => {
    if (isNonNullType(type)) {
      return value(type.ofType, at);
    }
    if (isListType(type)) {
      return Array.from({ length: LIST }, (_, i) => value(type.ofType, `${at}.${i}`));
    }
    return named(type, at);
  };
  const named = (type: GraphQLNamedType, at: string): unknown => {
    if (isEnumType(type)) {
      return type.getValues()[0]!.value;
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'Int':
        case 'Float':
        case 'Kronor':
          return 1;
        case 'Boolean':
          return false;
        case 'Date':
          return '2025-01-01';
        case 'DateTime':
          return '2025-01-01T00:00:00.000Z';
        case 'ID':
          return `00000000-0000-4000-8000-${String(Math.abs(hashOf(at)))
            .padStart(12, '0')
            .slice(-12)}`;
        default:
          return `text ${at.length}`;
      }
    }
    return isAbstractType(type) ? { __typename: schema.getPossibleTypes(type)[0]!.name } : {};
  };
  return (source, _args, _context, info) =>
    source && Object.hasOwn(source, info.fieldName)
      ? source[info.fieldName]
      : value(info.returnType, `${info.parentType.name}.${info.fieldName}.${info.path.key}`);
}

/** A stand-in for every subgraph: answers from its SDL, the same for the same fetch. */
async function startStandIns(): Promise<{ urls: Record<string, string>; stop: () => Promise<void> }> {
  const servers: http.Server[] = [];
  const urls: Record<string, string> = {};
  for (const { name } of SUBGRAPHS) {
    const sdl = fs.readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8');
    const schema = buildSubgraphSchema({ typeDefs: parse(sdl) });
    const fieldResolver = mockResolver(schema);
    const answers = new Map<string, string>();
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let answer = answers.get(body);
        if (!answer) {
          const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
          if (query.includes('resolveAccess')) {
            answer = JSON.stringify({
              data: {
                resolveAccess: {
                  // A person of their own per subject: no two users share an identity.
                  userId: `00000000-0000-4000-8000-${String(Math.abs(hashOf(String(variables?.subject))))
                    .padStart(12, '0')
                    .slice(-12)}`,
                  tenantId: FORBUND,
                  roles: ['forbund_admin', 'staff'],
                  interventionIds: [INTERVENTION],
                  steeringInterventionIds: [],
                  leadInterventionIds: [],
                  countyForbundIds: null,
                },
              },
            });
          } else if (query.includes('gatewayTrustedIssuers')) {
            answer = JSON.stringify({ data: { gatewayTrustedIssuers: [] } });
          } else {
            answer = JSON.stringify(
              execute({ schema, document: parse(query), variableValues: variables, fieldResolver }),
            );
          }
          answers.set(body, answer);
        }
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return {
    urls,
    stop: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        server.close();
      }
    },
  };
}

async function main() {
  const idp = await startDevIdentityProviders({ accounts: [] });
  const standIns = await startStandIns();
  const keys = await generateDevKeys();
  const options = devGatewayOptions(keys, readSupergraph(), standIns.urls, devIssuerConfigs(idp.issuers));
  const tokens: string[] = [];
  for (let n = 0; n < USERS; n++) {
    const username = `cpu-admin-${n}`;
    idp.addAccount('kommun', { username, name: username, email: `${username}@bench.finsam.se` });
    tokens.push((await loginAs(idp.issuers.kommun, username)).accessToken);
  }

  const versions: Record<string, string | undefined> = { current: undefined };
  for (const dir of args.baseline ?? []) {
    versions[path.basename(path.dirname(path.dirname(path.resolve(dir)))).replace(/^\.bench-/, '')] = path.resolve(dir);
  }
  const gateways: Record<string, Awaited<ReturnType<typeof forkChild>>> = {};
  for (const [version, src] of Object.entries(versions)) {
    const env = { ...process.env };
    if (src) {
      process.env.BENCH_GATEWAY_SRC = src;
    }
    gateways[version] = await forkChild(
      path.join(here, 'gateway-process.ts'),
      { variant: 'uncached', options } satisfies GatewayConfig,
      `${version} gateway`,
      'gateway',
    );
    process.env = env;
  }

  const operations = {
    dashboard: JSON.stringify({ query: DASHBOARD, variables: { year: 2025 } }),
    staff: JSON.stringify({ query: STAFF, variables: { id: INTERVENTION } }),
  };
  let turn = 0;
  const headers = () => ({ 'content-type': 'application/json', authorization: `Bearer ${tokens[turn++ % USERS]}` });
  const cpu: Record<string, number[]> = {};
  const wall: Record<string, number[]> = {};
  const rss: Record<string, number> = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [version, { child, url }] of Object.entries(gateways)) {
        const client = subgraphPoster(url, 30);
        for (const [name, body] of Object.entries(operations)) {
          const send = async () => {
            const answer = await client.post(headers(), body);
            const parsed = JSON.parse(answer.body) as { errors?: unknown };
            if (answer.status !== 200 || parsed.errors) {
              throw new Error(`${version} ${name}: ${answer.status} ${answer.body.slice(0, 500)}`);
            }
          };
          for (let i = 0; i < 30; i++) {
            await send();
          }
          const before = await ask<number>(child, 'cpu');
          const times: number[] = [];
          for (let i = 0; i < REQUESTS; i++) {
            const t0 = performance.now();
            await send();
            times.push(performance.now() - t0);
          }
          const used = (await ask<number>(child, 'cpu')) - before;
          times.sort((a, b) => a - b);
          const key = `${name} | ${version}`;
          cpu[key] = [...(cpu[key] ?? []), used / REQUESTS];
          wall[key] = [...(wall[key] ?? []), times[Math.floor(times.length / 2)]!];
          process.stderr.write(`round ${round + 1} ${key}: ${(used / REQUESTS).toFixed(2)} ms CPU/request\n`);
        }
      }
    }
    for (const [version, { child }] of Object.entries(gateways)) {
      rss[version] = Math.round((await ask<number>(child, 'rss')) / 1024);
    }
  } finally {
    await Promise.all(Object.values(gateways).map((g) => stopChild(g.child)));
    await standIns.stop();
    await idp.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rounds = ROUNDS > 1 ? 'median of rounds' : '';
  console.log(`\n${REQUESTS} requests × ${ROUNDS} rounds, one client, ${USERS} user(s); ${rounds}\n`);
  console.log('| operation | gateway | CPU ms / request | p50 ms (stand-in subgraphs) | rounds (CPU ms) |');
  console.log('|---|---|---|---|---|');
  for (const key of Object.keys(cpu).sort()) {
    console.log(
      `| ${key} | ${median(cpu[key]!).toFixed(2)} | ${median(wall[key]!).toFixed(2)} | ` +
        `${cpu[key]!.map((c) => c.toFixed(2)).join(', ')} |`,
    );
  }
  console.log(
    `\nPeak RSS per gateway process: ${Object.entries(rss)
      .map(([v, mb]) => `${v} ${mb} MB`)
      .join(', ')}`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
