import type { SubgraphContext } from '@finsam/kit/context.js';
import { dateRange } from '@finsam/kit/dates.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { AuditEntry } from '../entities/AuditEntry.js';
import { builder } from './builder.js';

/**
 * Every read of identifying fields is logged: who, when, which participation, which fields, which
 * request. Reads in one request are gathered and written in one statement, through the database
 * function that alone may write the log (its rows are tamper-evident: kit audit-log.ts).
 */
const auditLoader = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<string, true>(async (keys) => {
      // One row per participation and reason: a protected identity's reads each keep why they were made.
      const fields = new Map<string, { participationId: string; reason: string | null; fields: Set<string> }>();
      for (const key of keys) {
        const [participationId, field, reason] = JSON.parse(key) as [string, string, string | null];
        const group = JSON.stringify([participationId, reason]);
        const read = fields.get(group) ?? { participationId, reason, fields: new Set<string>() };
        fields.set(group, { ...read, fields: read.fields.add(field) });
      }
      // The database stamps the time and the reader (kit audit-log.ts) and chains the rows.
      const reads = [...fields.values()].map((r) => ({ ...r, fields: [...r.fields].sort() }));
      const { bind, build } = tenantSql(ctx.em);
      const { sql, params } = build(
        `select "record_audit_reads"(${bind(JSON.stringify(reads))}::jsonb, ${bind(ctx.requestId)})`,
      );
      await ctx.em.execute(sql, params);
      return keys.map(() => true as const);
    }),
);

/** Resolves an identifying field only once its read is on record, with its reason when one is given. */
export async function audited<T>(
  ctx: SubgraphContext,
  participationId: string,
  field: string,
  value: () => T,
  reason: string | null = null,
): Promise<T> {
  await auditLoader(ctx).load(JSON.stringify([participationId, field, reason]));
  return value();
}

const AuditSummaryRef = builder
  .objectRef<{ userId: string; reads: number; participations: number; lastAt: Date }>('AuditSummary')
  .implement({
    description: 'Who read identifying data, how often and about how many participations; never what they read.',
    fields: (t) => ({
      userId: t.exposeID('userId', { description: 'The user who read.' }),
      reads: t.exposeInt('reads', {
        description: 'How many audited reads (one per participation and request, whatever fields).',
      }),
      participations: t.exposeInt('participations', { description: 'How many different participations.' }),
      lastAt: t.field({ type: 'DateTime', description: 'The latest read in the range.', resolve: (s) => s.lastAt }),
    }),
  });

builder.queryField('auditSummary', (t) =>
  t.field({
    type: [AuditSummaryRef],
    description:
      'The audit log of identifying reads in your förbund, as figures per user. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: {
      from: t.arg({ type: 'Date', required: true, description: 'First day of the range.' }),
      to: t.arg({ type: 'Date', required: true, description: 'Last day of the range (included); not before `from`.' }),
    },
    resolve: async (_r, args, ctx) => {
      const { from, to } = dateRange(args.from, args.to);
      const rows = await ctx.em.find(AuditEntry, {
        at: { $gte: new Date(`${from}T00:00:00Z`), $lt: new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000) },
      });
      const byUser = new Map<string, { userId: string; reads: number; ids: Set<string>; lastAt: Date }>();
      for (const r of rows) {
        const s = byUser.get(r.userId) ?? { userId: r.userId, reads: 0, ids: new Set(), lastAt: r.at };
        s.reads += 1;
        s.ids.add(r.participationId);
        if (r.at > s.lastAt) {
          s.lastAt = r.at;
        }
        byUser.set(r.userId, s);
      }
      return [...byUser.values()].map((s) => ({
        userId: s.userId,
        reads: s.reads,
        participations: s.ids.size,
        lastAt: s.lastAt,
      }));
    },
  }),
);
