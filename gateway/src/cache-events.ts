/**
 * Gateway instances tell each other of writes, so a write through one instance empties what every
 * other instance's response cache kept for that förbund within a second (response-cache.ts), not
 * after the cache's maxAge: PostgreSQL LISTEN/NOTIFY on one channel of the administration database,
 * as a role that reads no table (infra/src/provision.ts). The notification is sent before the
 * mutation's answer leaves, so a client that reads through another instance next finds it moved.
 *
 * While not listening (the database unreachable, a dropped connection) an instance may miss writes,
 * so it serves nothing it kept (`listening` is false) until it listens again and has forgotten all.
 *
 * The same way each instance hears the directory announce changes of access in governance's
 * database (`listenForAccessChanges`), whoever made them: access.ts keeps a person's answer long
 * only while it listens.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@finsam/kit/log.js';
import pg from 'pg';

export interface CacheEventsOptions {
  /** A connection to the database the instances share (the administration database). */
  connection: pg.ClientConfig;
  /** The channel: one per platform, so platforms on one server (tests) do not hear each other. */
  channel: string;
}

/** A write that finished: one förbund's (`tenantId`) or a cross-tenant one (null). */
export interface WriteEvent {
  tenantId: string | null;
}

export interface CacheEvents {
  /** False while writes through other instances could be missed. */
  readonly listening: boolean;
  /** Tells the other instances (not this one) of a write. */
  publish(event: WriteEvent): Promise<void>;
  stop(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
const RETRY_MS = [250, 500, 1_000, 2_000, 5_000];

export async function listenForWrites(
  options: CacheEventsOptions,
  handlers: {
    /** Another instance's write. */
    onWrite(event: WriteEvent): void;
    /** Listening (again): whatever happened meanwhile is unknown, so forget everything kept. */
    onListening(): void;
  },
  log: Logger,
): Promise<CacheEvents> {
  const instance = randomUUID();
  const channel = await listen(
    options,
    {
      what: 'other gateway instances’ writes',
      onPayload(payload) {
        const event = parse(payload);
        if (!event) {
          log.error('an unreadable cache event: forgetting everything kept', { payload });
          handlers.onListening();
        } else if (event.from !== instance) {
          handlers.onWrite({ tenantId: event.tenantId });
        }
      },
      onListening: handlers.onListening,
    },
    log,
  );
  return {
    get listening() {
      return channel.listening;
    },
    async publish({ tenantId }) {
      const current = channel.client();
      if (!current) {
        log.error('could not tell the other gateway instances of a write: they may serve older answers', {
          tenantId,
        });
        return;
      }
      try {
        await current.query('select pg_notify($1, $2)', [
          options.channel,
          JSON.stringify({ from: instance, tenantId }),
        ]);
      } catch (error) {
        log.error('could not tell the other gateway instances of a write: they may serve older answers', {
          err: error,
          tenantId,
        });
      }
    },
    stop: channel.stop,
  };
}

/**
 * The channel on which the directory (governance's database) announces every committed change of
 * access (governance migration 20270115000000AccessChanges): `{"userId": id}` for one person's,
 * `{"userId": null}` when anyone's may have changed.
 */
export const ACCESS_CHANNEL = 'finsam_access';

/** Changes of access, heard from the directory's database. */
export interface AccessEvents {
  /** False while a change could be missed: kept answers are then trusted only briefly (access.ts). */
  readonly listening: boolean;
  stop(): Promise<void>;
}

export async function listenForAccessChanges(
  /** A connection to the directory's (governance's) database, as the gateway role. */
  connection: pg.ClientConfig,
  handlers: {
    /**
     * One person's access changed (`userId`), or anyone's (null); `claimed`: they claimed a grant at
     * sign-in, which every question asked since has seen.
     */
    onChange(userId: string | null, claimed: boolean): void;
    /** Listening (again): what changed meanwhile is unknown, so forget everything kept. */
    onListening(): void;
  },
  log: Logger,
): Promise<AccessEvents> {
  const channel = await listen(
    { connection, channel: ACCESS_CHANNEL },
    {
      what: 'changes of access',
      onPayload(payload) {
        const change = parseAccessChange(payload);
        if (change === undefined) {
          log.error('an unreadable change of access: forgetting every kept answer', { payload });
          handlers.onChange(null, false);
        } else {
          handlers.onChange(change.userId, change.claimed);
        }
      },
      onListening: handlers.onListening,
    },
    log,
  );
  return {
    get listening() {
      return channel.listening;
    },
    stop: channel.stop,
  };
}

/**
 * LISTEN on one channel, connecting again after a loss (`listening` false meanwhile); `onListening`
 * each time it listens (again). `what` names what is heard, in log lines.
 */
async function listen(
  options: CacheEventsOptions,
  handlers: { what: string; onPayload(payload: string | undefined): void; onListening(): void },
  log: Logger,
) {
  if (!CHANNEL.test(options.channel)) {
    throw new Error(`Bad cache events channel ${options.channel}: lower-case letters, digits and _`);
  }
  const { what } = handlers;
  let client: pg.Client | undefined;
  let listening = false;
  let stopped = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  /** A connection this instance is done with may still report its end: said at debug, never thrown. */
  const retire = (old: pg.Client) => {
    old.removeAllListeners();
    old.on('error', (error) => log.debug('a retired cache events connection failed', { err: error }));
    // The connection is broken or no longer wanted; ending it only frees the socket.
    return old.end().catch((error: unknown) => log.debug('closing a cache events connection', { err: error }));
  };
  const lost = (connection: pg.Client) => (error: unknown) => {
    // Only the current connection's loss counts; a failing first connect is handled where it is made.
    if (stopped || connection !== client) {
      return;
    }
    log.error(`lost the connection that hears ${what}: kept answers are not served until it is back`, {
      err: error,
    });
    const old = client;
    client = undefined;
    listening = false;
    void retire(old);
    schedule();
  };
  const schedule = () => {
    if (!stopped) {
      retry = setTimeout(connect, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
    }
  };
  const connect = async () => {
    const next = new pg.Client(options.connection);
    next.on('error', lost(next));
    next.on('end', () => lost(next)(new Error('the cache events connection ended')));
    next.on('notification', ({ payload }) => handlers.onPayload(payload));
    try {
      await next.connect();
      await next.query(`listen ${options.channel}`);
    } catch (error) {
      if (failures === 0) {
        log.error(`cannot listen for ${what}: kept answers are not served until it can`, { err: error });
      }
      await retire(next);
      schedule();
      return;
    }
    if (stopped) {
      await retire(next);
      return;
    }
    client = next;
    if (failures > 0) {
      log.info(`listening for ${what} again`);
    }
    failures = 0;
    handlers.onListening();
    listening = true;
  };
  await connect();

  return {
    get listening() {
      return listening;
    },
    /** The listening connection, while it listens. */
    client: () => (listening ? client : undefined),
    async stop() {
      stopped = true;
      clearTimeout(retry);
      listening = false;
      const current = client;
      client = undefined;
      if (current) {
        await retire(current);
      }
    },
  };
}

function parse(payload: string | undefined): { from: string; tenantId: string | null } | undefined {
  try {
    const value = JSON.parse(payload ?? '');
    const tenantOk = value?.tenantId === null || typeof value?.tenantId === 'string';
    return typeof value?.from === 'string' && tenantOk ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The person a change of access names (null: anyone), or undefined when the payload is unreadable. */
function parseAccessChange(payload: string | undefined): { userId: string | null; claimed: boolean } | undefined {
  try {
    const value = JSON.parse(payload ?? '');
    return value?.userId === null || typeof value?.userId === 'string'
      ? { userId: value.userId, claimed: value.claimed === true && value.userId !== null }
      : undefined;
  } catch {
    return undefined;
  }
}
