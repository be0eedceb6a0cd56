/**
 * Starts the whole platform on a cluster: databases → migrations → seed → subgraphs → gateway.
 * `npm start` and the end-to-end tests both go through here, so tests run what users run.
 */

import type { CacheEventsOptions } from '@finsam/gateway/cache-events.js';
import { createGateway } from '@finsam/gateway/gateway.js';
import { type DatabaseConnection, migrate, openOrm } from '@finsam/kit/database.js';
import type { RunningServer, SubgraphKeys } from '@finsam/kit/server.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { devGatewayOptions } from './dev-gateway.js';
import { type DevIdentityProviders, devIssuerConfigs, startDevIdentityProviders } from './idp/index.js';
import { type DevKeys, subgraphKeys } from './keys.js';
import type { AdminConnection } from './postgres.js';
import {
  accessEventsConnection,
  cacheEventsConnection,
  ensureDatabase,
  ensureRoles,
  letGatewayListen,
  type SubgraphDatabase,
} from './provision.js';
import { serveSubgraph } from './subgraph-server.js';
import { SUBGRAPHS, type SubgraphModule } from './subgraphs.js';
import { type SubgraphEntry, type SupervisedSubgraph, superviseSubgraph } from './supervisor.js';

export interface PlatformOptions {
  admin: AdminConnection;
  /** Databases are named `<prefix>_<subgraph>`. */
  dbPrefix: string;
  keys: DevKeys;
  supergraphSdl: string;
  seed: boolean;
  /** Gateway port; 0 picks a free one. */
  gatewayPort: number;
  /** Use each subgraph's default port (npm start) or free ones (tests). */
  fixedSubgraphPorts: boolean;
  /** The development identity provider's port; 0 picks a free one. */
  idpPort: number;
  /** Where it keeps its signing keys, so tokens outlive a restart (npm start); fresh keys without. */
  idpKeysFile?: string;
  production?: boolean;
  /**
   * Each subgraph in its own supervised process (npm start: a crash of one leaves the others answering and it is
   * restarted) instead of all in this one (tests, which read the subgraphs' ORMs).
   */
  subgraphProcesses?: boolean;
  /** With `subgraphProcesses`: run this build of `serve-subgraph` (the build test runs the compiled one). */
  subgraphEntry?: SubgraphEntry;
  /** Where the subgraphs listen: 127.0.0.1 unless told. */
  subgraphHost?: string;
}

export interface Platform {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  databases: Record<string, SubgraphDatabase>;
  /** Each subgraph's ORM, connected as the app role (none when the subgraphs run in their own processes). */
  orms: Record<string, MikroORM>;
  /** With `subgraphProcesses`: each subgraph's process, by name. */
  processes: Record<string, SupervisedSubgraph>;
  /** The development identity provider people log in with. */
  idp: DevIdentityProviders;
  /** Where this platform's gateway instances tell each other of writes (another instance must use the same). */
  cacheEvents: CacheEventsOptions;
  /** Settled when every in-process subgraph's background warm-up after start is over (kit `WarmUp`). */
  warmedUp: Promise<void>;
  /** Where the gateway instances hear the directory's changes of access (governance's database). */
  accessEvents: pg.ClientConfig;
  stop(): Promise<void>;
}

/**
 * One subgraph's database made ready: created if missing (with its roles' rights), migrated as
 * the owner, and seeded with the subgraph's own demo data (`defineSubgraph`'s `seed`) when asked.
 */
export async function provisionSubgraph(
  admin: AdminConnection,
  dbName: string,
  subgraph: SubgraphModule,
  keys: DevKeys,
  { seed, secrets = keys.secrets }: { seed: boolean; secrets?: Record<string, string> },
): Promise<SubgraphDatabase> {
  const db = await ensureDatabase(admin, dbName, keys.passwords);
  await migrate({ connection: db.owner, ...subgraph.database });
  if (seed && subgraph.seed) {
    const ownerOrm = await openOrm({ connection: db.owner, ...subgraph.database, poolMax: 2 });
    try {
      await subgraph.seed(ownerOrm, secrets);
    } finally {
      await ownerOrm.close(true);
    }
  }
  return db;
}

/** The directory's (governance's) database, which the gateway role may now connect to, to hear changes of access. */
export async function listenableDirectory(
  admin: AdminConnection,
  keys: DevKeys,
  governanceDb: string,
): Promise<pg.ClientConfig> {
  await letGatewayListen(admin, governanceDb);
  return accessEventsConnection(admin, keys.passwords, governanceDb);
}

/** The environment `serve-subgraph` reads (its production configuration), from the development keys. */
export function subgraphEnvironment(
  app: DatabaseConnection,
  keys: SubgraphKeys,
  secrets: Record<string, string>,
  production: boolean,
): Record<string, string> {
  const user = `${encodeURIComponent(app.user)}:${encodeURIComponent(app.password)}`;
  const url = `postgres://${user}@${app.host}:${app.port}/${app.dbName}`;
  return {
    ...secrets,
    DATABASE_URL: url,
    INTERNAL_PUBLIC_KEY: JSON.stringify(keys.gatewayPublicJwk),
    SERVICE_PRIVATE_KEY: JSON.stringify(keys.servicePrivateJwk),
    SERVICE_PUBLIC_KEYS: JSON.stringify(keys.servicePublicJwks),
    NODE_ENV: production ? 'production' : (process.env.NODE_ENV ?? 'development'),
  };
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { admin, keys, production = false } = options;
  await ensureRoles(admin, keys.passwords);

  const running: RunningServer[] = [];
  const orms: Record<string, MikroORM> = {};
  const databases: Record<string, SubgraphDatabase> = {};
  const subgraphUrls: Record<string, string> = {};
  const processes: Record<string, SupervisedSubgraph> = {};
  const warmUps: Promise<void>[] = [];
  const stop = async () => {
    for (const server of running.reverse()) {
      await server.stop();
    }
  };

  try {
    // The identity provider first: the directory's seed trusts its issuers.
    const idp = await startDevIdentityProviders({ port: options.idpPort, keysFile: options.idpKeysFile });
    running.push({ url: idp.issuers.kommun, stop: idp.stop });
    const issuers = devIssuerConfigs(idp.issuers);
    const seedSecrets = { ...keys.secrets, DEV_ISSUERS: JSON.stringify(issuers) };
    await Promise.all(
      SUBGRAPHS.map(async (subgraph) => {
        const db = await provisionSubgraph(admin, `${options.dbPrefix}_${subgraph.name}`, subgraph, keys, {
          seed: options.seed,
          secrets: seedSecrets,
        });
        databases[subgraph.name] = db;
        const port = options.fixedSubgraphPorts ? subgraph.port : 0;
        if (options.subgraphProcesses) {
          const supervised = await superviseSubgraph(subgraph.name, {
            env: subgraphEnvironment(db.app, subgraphKeys(keys, subgraph.name), keys.secrets, production),
            port,
            host: options.subgraphHost ?? '127.0.0.1',
            subgraphUrls,
            entry: options.subgraphEntry,
          });
          running.push(supervised);
          processes[subgraph.name] = supervised;
          subgraphUrls[subgraph.name] = supervised.url;
          return;
        }
        const served = await serveSubgraph(subgraph, {
          connection: db.app,
          keys: subgraphKeys(keys, subgraph.name),
          // Shared and filled in as subgraphs start; service calls read it at request time.
          subgraphUrls,
          secrets: keys.secrets,
          production,
          port,
          host: options.subgraphHost,
        });
        running.push(served);
        warmUps.push(served.warmedUp);
        orms[subgraph.name] = served.orm;
        subgraphUrls[subgraph.name] = served.url;
      }),
    );
    // Processes started side by side learn each other's addresses now that all are known.
    for (const supervised of Object.values(processes)) {
      supervised.shareUrls();
    }

    const cacheEvents = cacheEventsConnection(admin, keys.passwords, `${options.dbPrefix}_cache`);
    const accessEvents = await listenableDirectory(admin, keys, databases.governance!.app.dbName);
    const defaults = devGatewayOptions(keys, options.supergraphSdl, subgraphUrls, issuers);
    const gateway = await createGateway({
      ...defaults,
      identity: { ...defaults.identity, accessEvents },
      responseCache: { events: cacheEvents },
      production,
    });
    const listening = await gateway.listen(options.gatewayPort);
    running.push(listening);
    return {
      gatewayUrl: listening.url,
      subgraphUrls,
      databases,
      orms,
      processes,
      idp,
      cacheEvents,
      accessEvents,
      warmedUp: Promise.all(warmUps).then(() => undefined),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
