/**
 * A tamper-evident audit log, written once for every subgraph that keeps one (participants'
 * `audit_entry`, governance's `access_event`):
 *  - the database stamps each row's time (`now()`) and actor (`app.user_id`, which `scopeToIdentity`
 *    sets per transaction from the verified token) whoever inserts it; a row without an actor is
 *    refused. The app role may not insert at all: it calls the subgraph's SECURITY DEFINER function;
 *  - no UPDATE, DELETE or TRUNCATE: revoked from the app and owner roles, and refused by triggers;
 *  - a hash chain: each row stores its number in the log (`seq`), the previous row's hash and its own,
 *    sha256(previous hash ‖ the row as JSON without its hash). One head row per log (`audit_chain`),
 *    locked by each insert, serialises concurrent inserts, so the chain never forks; a missing or
 *    changed row breaks it, which `npm run audit:check` (`checkAuditChain`) finds.
 */
import { createHash } from 'node:crypto';
import { APP_ROLE, OWNER_ROLE } from './database.js';

/** Session variable naming the acting user, set per transaction beside the tenant (tenant.ts). */
export const USER_SETTING = 'app.user_id';

export interface AuditLogColumns {
  table: string;
  /** The column the database stamps with the time. */
  time: string;
  /** The column the database stamps with the acting user. */
  actor: string;
  /** The order existing rows were written in, for chaining them when the log becomes tamper-evident. */
  order: string;
}

/** A row's hash from the previous row's hash and the row as JSON text; `checkAuditChain` computes the same. */
const rowHash = (previous: string, content: string) =>
  `encode(sha256(convert_to(${previous} || ${content}, 'UTF8')), 'hex')`;

/**
 * Columns added to an audit log after its chain began (participants' `reason`): a row's hash covers
 * them only when they hold a value, so the rows written before they existed keep their hash.
 */
export const LATE_AUDIT_COLUMNS = ['reason'];

/** The hashed text of a row (`row` a record expression): the row as JSON, without its hash and unset late columns. */
const rowContent = (row: string) =>
  `((to_jsonb(${row}) - 'hash') - array(select "key" from jsonb_each(to_jsonb(${row}))
    where "key" in (${LATE_AUDIT_COLUMNS.map((c) => `'${c}'`).join(', ')}) and "value" = 'null'::jsonb))::text`;

/**
 * The insert trigger's function: time and actor from the database and the transaction, then the row
 * joins the chain, last, so the hash covers what is stored. `create or replace`, so a later migration
 * re-issues it when the hashed content changes.
 */
export function stampAndChain({ table, time, actor }: Omit<AuditLogColumns, 'order'>): string {
  const log = `'${table}'`;
  return `create or replace function "${table}_stamp_and_chain"() returns trigger language plpgsql security definer
      set search_path = public set timezone = 'UTC' as $$
      declare head record; acting text := nullif(current_setting('${USER_SETTING}', true), '');
      begin
        if acting is null then
          raise exception 'the audit log needs the acting user (${USER_SETTING})';
        end if;
        new."${time}" := now();
        new."${actor}" := acting;
        select "seq", "hash" into head from "audit_chain" where "log" = ${log} for update;
        new."seq" := head."seq" + 1;
        new."prev_hash" := head."hash";
        new."hash" := ${rowHash('head."hash"', rowContent('new'))};
        update "audit_chain" set "seq" = new."seq", "hash" = new."hash" where "log" = ${log};
        return new;
      end $$;`;
}

/**
 * The migration statements that make `table` a tamper-evident audit log. Rows already there are
 * chained in `order` (their time and actor stay as written).
 */
export function tamperEvidentAuditLog({ table, time, actor, order }: AuditLogColumns): string[] {
  const log = `'${table}'`;
  return [
    `create table if not exists "audit_chain" (
      "log" text primary key,
      "seq" bigint not null,
      "hash" text not null
    );`,
    `revoke all on "audit_chain" from public, ${APP_ROLE};`,
    // Chain what is there, in the order it was written, before any guard refuses the update.
    `drop trigger if exists "${table}_append_only" on "${table}";`,
    `alter table "${table}" add column "seq" bigint, add column "prev_hash" text, add column "hash" text;`,
    `do $$
      declare r record; previous text := ''; n bigint := 0;
      begin
        perform set_config('timezone', 'UTC', true);
        for r in select ctid from "${table}" order by ${order} loop
          n := n + 1;
          update "${table}" set "seq" = n, "prev_hash" = previous where ctid = r.ctid;
          update "${table}" t set "hash" = ${rowHash('previous', rowContent('t'))}
            where "seq" = n returning "hash" into previous;
        end loop;
        insert into "audit_chain" ("log", "seq", "hash") values (${log}, n, previous);
      end $$;`,
    `alter table "${table}" alter column "seq" set not null, alter column "prev_hash" set not null,
      alter column "hash" set not null, add constraint "${table}_seq_unique" unique ("seq");`,
    stampAndChain({ table, time, actor }),
    `create trigger "${table}_stamp_and_chain" before insert on "${table}"
      for each row execute function "${table}_stamp_and_chain"();`,
    `create or replace function "audit_log_append_only"() returns trigger language plpgsql as $$
      begin raise exception 'the audit log is append-only'; end $$;`,
    `create trigger "${table}_append_only" before update or delete on "${table}"
      for each row execute function "audit_log_append_only"();`,
    `create trigger "${table}_no_truncate" before truncate on "${table}"
      for each statement execute function "audit_log_append_only"();`,
    `revoke insert, update, delete, truncate on "${table}" from ${APP_ROLE};`,
    // The owner keeps updating the chain's head: the insert trigger runs as the owner.
    `revoke update, delete, truncate on "${table}" from ${OWNER_ROLE};`,
    `revoke delete, truncate on "audit_chain" from ${OWNER_ROLE};`,
  ];
}

/** What `checkAuditChain` found: the rows it read, and the first that breaks the chain. */
export interface AuditChainReport {
  log: string;
  rows: number;
  /** The chain's last row number and hash: kept elsewhere, they show a log rebuilt from scratch. */
  head: { seq: number; hash: string };
  broken: { seq: number; problem: string } | null;
}

interface Queryable {
  query<R>(sql: string): Promise<{ rows: R[] }>;
}

/**
 * Verifies one log's chain on a connection that can read it (the superuser, or the owner), in
 * Node: the database's own functions are not trusted to check themselves.
 */
export async function checkAuditChain(db: Queryable, log: string): Promise<AuditChainReport> {
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  await db.query('begin');
  try {
    await db.query(`set local timezone = 'UTC'`);
    const { rows: heads } = await db.query<{ seq: string; hash: string }>(
      `select "seq", "hash" from "audit_chain" where "log" = '${log.replaceAll("'", "''")}'`,
    );
    const { rows } = await db.query<{ seq: string; prev_hash: string; hash: string; content: string }>(
      `select "seq", "prev_hash", "hash", ${rowContent('t')} as "content" from "${log}" t order by "seq"`,
    );
    const head = heads[0] ? { seq: Number(heads[0].seq), hash: heads[0].hash } : { seq: 0, hash: '' };
    const report = (broken: AuditChainReport['broken']) => ({ log, rows: rows.length, head, broken });
    let previous = { seq: 0, hash: '' };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== previous.seq + 1) {
        return report({ seq: previous.seq + 1, problem: `row ${previous.seq + 1} is missing (the next is ${seq})` });
      }
      if (row.prev_hash !== previous.hash) {
        return report({ seq, problem: `row ${seq} does not name row ${previous.seq}'s hash` });
      }
      if (sha256(previous.hash + row.content) !== row.hash) {
        return report({ seq, problem: `row ${seq} was changed after it was written` });
      }
      previous = { seq, hash: row.hash };
    }
    if (head.seq !== previous.seq || head.hash !== previous.hash) {
      return report({
        seq: previous.seq + 1,
        problem: `the log ends at row ${previous.seq}, but ${head.seq} rows were written`,
      });
    }
    return report(null);
  } finally {
    await db.query('rollback');
  }
}
