/**
 * Rättelse of a requisition: `withdrawRequisition` and `amendRequisition`, each with a reason, and the history
 * (`Requisition.corrections`). Rules in ../domain/requisition-corrections.ts. Reports read requisitions as
 * they are now, so a withdrawn one stops counting and an amended one counts with its new lines.
 */
import { randomUUID } from 'node:crypto';
import { lockForUpdate } from '@finsam/kit/conflicts.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { ValidationError } from '@finsam/kit/errors.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { parseInput } from '@finsam/kit/validation.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import {
  amendedLines,
  amendment,
  correctionRefusal,
  type RequisitionChange,
  reasonIssues,
} from '../domain/requisition-corrections.js';
import { Requisition } from '../entities/Requisition.js';
import { RequisitionLine } from '../entities/RequisitionLine.js';
import { builder } from './builder.js';
import { RequisitionLineInput, RequisitionRef } from './Requisition.js';

interface CorrectionView {
  id: string;
  at: Date;
  user_id: string;
  reason: string;
  changes: RequisitionChange[];
}

const RequisitionChangeRef = builder.objectRef<RequisitionChange>('RequisitionChange').implement({
  description: 'One thing a correction changed on a requisition: before and after.',
  fields: (t) => ({
    field: t.string({ description: '`status` or `lines`.', resolve: (c) => c.field }),
    from: t.string({ description: 'Before (lines as "CATEGORY kronor, …").', resolve: (c) => c.from }),
    to: t.string({ description: 'After (lines as "CATEGORY kronor, …").', resolve: (c) => c.to }),
  }),
});

const RequisitionCorrectionRef = builder.objectRef<CorrectionView>('RequisitionCorrection').implement({
  description: 'A rättelse of a requisition: who, when, why, and what changed from what.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The correction’s id.' }),
    at: t.field({ type: 'DateTime', description: 'When (the database’s clock).', resolve: (c) => c.at }),
    userId: t.string({ description: 'Who (the platform user id).', resolve: (c) => c.user_id }),
    reason: t.exposeString('reason', { description: 'Why, as given.' }),
    changes: t.field({ type: [RequisitionChangeRef], description: 'What changed.', resolve: (c) => c.changes }),
  }),
});

const correctionsOf = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<string, CorrectionView[]>(
      async (ids) => {
        const { bind, build, tenant } = tenantSql(ctx.em);
        const { sql, params } = build(`select c."id", c."requisition_id", c."at", c."user_id", c."reason", c."changes"
          from "requisition_correction" c
          where ${tenant('c')} and c."requisition_id" = any(${bind(pgArray(ids))}::uuid[])
          order by c."at", c."id"`);
        const rows = await ctx.em.execute<(CorrectionView & { requisition_id: string })[]>(sql, params);
        return ids.map((id) => rows.filter((r) => r.requisition_id === id).map((r) => ({ ...r, at: new Date(r.at) })));
      },
      { cache: false },
    ),
);

builder.objectFields(RequisitionRef, (t) => ({
  corrections: t.field({
    type: [RequisitionCorrectionRef],
    description: 'Rättelser of this requisition, oldest first: the original values are kept here.',
    resolve: (r, _a, ctx) => correctionsOf(ctx).load(r.id),
  }),
}));

/**
 * Applies a correction on the version the caller read: the requisition is locked, checked, changed, its
 * version raised, and the correction recorded, in one transaction.
 */
async function corrected(
  ctx: SubgraphContext,
  id: string,
  expectedVersion: number,
  reason: string,
  change: (r: Requisition, tx: SubgraphContext['em']) => RequisitionChange[],
): Promise<Requisition> {
  const issues = reasonIssues(reason);
  if (issues.length) {
    throw new ValidationError(issues);
  }
  return ctx.em.transactional(async (tx) => {
    const current = await lockForUpdate(tx, Requisition, { id });
    await current?.lines.load();
    const refusal = correctionRefusal(id, current, expectedVersion);
    if (refusal || !current) {
      throw refusal;
    }
    const changes = change(current, tx);
    current.version = expectedVersion + 1;
    const { bind, build } = tenantSql(tx);
    // The database stamps when and who (the transaction's acting user).
    const { sql, params } = build(`insert into "requisition_correction"
        ("id", "tenant_id", "requisition_id", "reason", "changes")
      values (${bind(randomUUID())}, ${bind(current.tenantId)}, ${bind(current.id)}, ${bind(reason.trim())},
        ${bind(JSON.stringify(changes))}::jsonb)`);
    await tx.execute(sql, params);
    return current;
  });
}

builder.mutationFields((t) => ({
  withdrawRequisition: t.field({
    type: RequisitionRef,
    description:
      'Rättelse: withdraws a requisition entered by mistake (submitted, approved or paid), with a reason. It stops ' +
      'counting as used and its period may be requisitioned again; the history keeps it. Förbund administrators.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The requisition.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The version you read.' }),
      reason: t.arg.string({ required: true, description: 'Why it is withdrawn (at least 2 characters).' }),
    },
    errors: {},
    resolve: (_root, { id, expectedVersion, reason }, ctx) =>
      corrected(ctx, String(id), expectedVersion, reason, (r) => {
        const from = r.status;
        r.status = 'WITHDRAWN';
        return [{ field: 'status', from, to: 'WITHDRAWN' }];
      }),
  }),
  amendRequisition: t.field({
    type: RequisitionRef,
    description:
      'Rättelse: replaces the lines of a requisition (submitted, approved or paid) with corrected ones, with a ' +
      'reason; reports count the new amounts, the history keeps the old. Förbund administrators.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The requisition.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The version you read.' }),
      reason: t.arg.string({ required: true, description: 'Why it is amended (at least 2 characters).' }),
      lines: t.arg({
        type: [RequisitionLineInput],
        required: true,
        description: 'The corrected lines: at least one, each kostnadsslag once, together more than 0 kr.',
      }),
    },
    errors: {},
    resolve: (_root, { id, expectedVersion, reason, lines }, ctx) => {
      const after = parseInput(amendedLines, lines, ['lines']);
      return corrected(ctx, String(id), expectedVersion, reason, (r, tx) => {
        const result = amendment(r.lines.getItems(), after);
        if ('issues' in result) {
          throw new ValidationError(result.issues);
        }
        for (const line of r.lines.getItems()) {
          tx.remove(line);
        }
        after.forEach((l, position) =>
          tx.create(RequisitionLine, {
            id: randomUUID(),
            tenantId: r.tenantId,
            requisition: r,
            category: l.category,
            amount: BigInt(l.amount),
            position,
          }),
        );
        return result.changes;
      });
    },
  }),
}));
