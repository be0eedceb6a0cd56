/**
 * Shared posts (gemensamma tjänster): posts the förbund funds that serve several insatser, such as the
 * Årsrapport's Kurator Region Västmanland. Not an insats: nothing of it goes to Uppföljning Finsam as
 * one, and its staffing is counted once, through the insatser it serves.
 */
import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { ownMembers, unknownInterventionIssues } from '@finsam/kit/directory.js';
import { NotFoundError, ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { LockMode } from '@mikro-orm/core';
import { z } from 'zod';
import { allocationInput, differens, overUsed, type Usage } from '../domain/allocations.js';
import { isShared, postFte } from '../domain/shared-posts.js';
import { Allocation } from '../entities/Allocation.js';
import { SharedPost } from '../entities/SharedPost.js';
import { SharedPostService } from '../entities/SharedPostService.js';
import { usageFor } from './BudgetUsage.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';
import { InterventionRef, intervention } from './Intervention.js';
import { MemberRef } from './Member.js';

/** A förbund's shared posts, services included, by name. */
export function sharedPostsOf(ctx: SubgraphContext, tenantId: string) {
  return ctx.em.find(
    SharedPost,
    { tenantId },
    { populate: ['services'], orderBy: { name: 'asc', services: { position: 'asc' } } },
  );
}

const ServiceRef = builder.objectRef<SharedPostService>('SharedPostService').implement({
  description: 'The time a shared post gives one insats it serves.',
  fields: (t) => ({
    intervention: t.field({
      type: InterventionRef,
      description: 'The insats served.',
      resolve: (s) => intervention(s.interventionId),
    }),
    fte: t.exposeInt('ftePercent', { description: 'Percent of full time given to this insats.' }),
  }),
});

export const SharedPostMoneyRef = builder.objectRef<Usage>('SharedPostMoney').implement({
  description: "A shared post's money in a year, from its allocation and requisitions.",
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The calendar year.' }),
    allocated: t.field({
      type: 'Kronor',
      description: 'Tilldelade medel (0 when none is decided).',
      resolve: (u) => u.allocated,
    }),
    used: t.field({
      type: 'Kronor',
      description: 'Förbrukat: approved and paid requisitions.',
      resolve: (u) => u.used,
    }),
    differens: t.field({ type: 'Kronor', description: 'Tilldelat − förbrukat.', resolve: (u) => differens(u) }),
    overUsed: t.boolean({ description: 'More used than allocated.', resolve: overUsed }),
    pending: t.field({ type: 'Kronor', description: 'Submitted, not yet decided.', resolve: (u) => u.pending }),
  }),
});

export const SharedPostRef = builder.objectRef<SharedPost>('SharedPost').implement({
  description:
    'Gemensam tjänst: a post the förbund funds that serves several insatser (e.g. Kurator Region ' +
    'Västmanland). It is not an insats; its staffing is the time it gives the insatser it serves.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The post’s id.' }),
    name: t.exposeString('name', { description: 'As the förbund names it.' }),
    role: t.exposeString('role', { description: 'The role, e.g. KURATOR (as teams’ StaffRole).' }),
    employer: t.field({
      type: MemberRef,
      description: 'The member that employs the person.',
      resolve: (p) => ({ id: p.employerMemberId }),
    }),
    description: t.string({ nullable: true, description: 'What it does.', resolve: (p) => p.description ?? null }),
    services: t.field({
      type: [ServiceRef],
      description: 'The insatser it serves and the time it gives each.',
      resolve: (p) => p.services.getItems(),
    }),
    fte: t.int({
      description: 'Its size: the time it gives all the insatser together, percent of full time (counted once).',
      resolve: (p) => postFte(p.services.getItems()),
    }),
    money: t.field({
      type: SharedPostMoneyRef,
      description: 'Tilldelat, förbrukat and differens for a year.',
      args: { year: t.arg.int({ required: true, description: 'The calendar year.' }) },
      resolve: async (p, { year }, ctx) => (await usageFor(ctx, [p.id], year))[0]!,
    }),
  }),
});

builder.objectFields(ForbundRef, (t) => ({
  sharedPosts: t.field({
    type: [SharedPostRef],
    description: 'Gemensamma tjänster: posts the förbund funds that serve several insatser.',
    authScopes: { reportReader: true },
    resolve: (forbund, _args, ctx) => sharedPostsOf(ctx, forbund.id),
  }),
}));

// --- writing -------------------------------------------------------------------------------

const ServiceInput = builder.inputType('SharedPostServiceInput', {
  description: 'The time a shared post gives one insats.',
  fields: (t) => ({
    interventionId: t.id({ required: true, description: 'An insats of your förbund.' }),
    fte: t.int({ required: true, description: 'Percent of full time, 1–100.' }),
  }),
});
const SetSharedPostInput = builder.inputType('SetSharedPostInput', {
  description: 'A shared post as the förbund decides it.',
  fields: (t) => ({
    id: t.id({ description: 'The post to change; left out for a new one.' }),
    name: t.string({ required: true, description: '2–200 characters.' }),
    role: t.string({ required: true, description: 'The role, e.g. KURATOR.' }),
    employerMemberId: t.id({ required: true, description: 'The employing member of your förbund.' }),
    description: t.string({ description: 'What it does (at most 2000 characters).' }),
    services: t.field({ type: [ServiceInput], required: true, description: 'At least two insatser it serves.' }),
  }),
});

const sharedPostInput = z.object({
  id: z.uuid('Not a shared post id').nullish(),
  name: z.string().trim().min(2, 'Name the post').max(200, 'At most 200 characters'),
  role: z
    .string()
    .trim()
    .regex(/^[A-Z_]{2,40}$/, 'A role such as KURATOR'),
  employerMemberId: z.uuid('Not a member id'),
  description: z.string().trim().max(2000, 'At most 2000 characters').nullish(),
  services: z
    .array(z.object({ interventionId: z.uuid('Not an insats id'), fte: z.number().int().min(1).max(100) }))
    .max(50)
    .refine((s) => isShared(s.map((x) => ({ interventionId: x.interventionId, ftePercent: x.fte }))), {
      message: 'A shared post serves at least two different insatser',
    }),
});

builder.mutationFields((t) => ({
  setSharedPost: t.field({
    type: SharedPostRef,
    description: 'Creates or changes a shared post and the insatser it serves. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: SetSharedPostInput, required: true, description: 'The post.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(sharedPostInput, {
        ...input,
        id: input.id == null ? null : String(input.id),
        employerMemberId: String(input.employerMemberId),
        services: input.services.map((s) => ({ ...s, interventionId: String(s.interventionId) })),
      });
      const [members, unknown] = await Promise.all([
        ownMembers(ctx),
        unknownInterventionIssues(
          ctx,
          data.services.map((s, n) => ({ id: s.interventionId, path: ['input', 'services', n, 'interventionId'] })),
        ),
      ]);
      const issues: ValidationIssue[] = [...unknown];
      if (!members.some((m) => m.id === data.employerMemberId)) {
        issues.push({ path: ['input', 'employerMemberId'], message: 'Not a member of your förbund' });
      }
      if (issues.length) {
        throw new ValidationError(issues);
      }
      const tenantId = tenantOf(ctx);
      const id = await ctx.em.transactional(async (tx) => {
        let post = data.id
          ? await tx.findOne(SharedPost, { id: data.id }, { lockMode: LockMode.PESSIMISTIC_WRITE })
          : null;
        if (data.id && !post) {
          throw new NotFoundError(['input', 'id'], 'No such shared post in your förbund');
        }
        const fields = {
          name: data.name,
          role: data.role,
          employerMemberId: data.employerMemberId,
          description: data.description ?? null,
        };
        post = post ? Object.assign(post, fields) : tx.create(SharedPost, { id: randomUUID(), tenantId, ...fields });
        await tx.nativeDelete(SharedPostService, { post: post.id });
        data.services.forEach((s, position) =>
          tx.create(SharedPostService, {
            id: randomUUID(),
            tenantId,
            post,
            interventionId: s.interventionId,
            ftePercent: s.fte,
            position,
          }),
        );
        return post.id;
      });
      ctx.em.clear();
      return (await ctx.em.findOne(SharedPost, { id }, { populate: ['services'] }))!;
    },
  }),
  setSharedPostAllocation: t.field({
    type: SharedPostRef,
    description:
      "Decides a shared post's tilldelade medel for a year (replacing an earlier decision). Förbund administrators " +
      'only.',
    authScopes: { tenantAdmin: true },
    args: {
      sharedPostId: t.arg.id({ required: true, description: 'A shared post of your förbund.' }),
      year: t.arg.int({ required: true, description: 'The calendar year the money is for (2004 or later).' }),
      amount: t.arg({ type: 'Kronor', required: true, description: 'Whole kronor.' }),
    },
    errors: {},
    resolve: async (_root, args, ctx) => {
      const data = parseInput(
        allocationInput,
        { interventionId: String(args.sharedPostId), year: args.year, amount: args.amount },
        [],
      );
      const post = await ctx.em.findOne(SharedPost, { id: data.interventionId }, { populate: ['services'] });
      if (!post) {
        throw new ValidationError([{ path: ['sharedPostId'], message: 'Not a shared post of your förbund' }]);
      }
      // The same upsert as an insats' allocation: the allocation table keys money by its holder.
      await ctx.em.transactional((tx) =>
        tx.upsert(
          Allocation,
          {
            id: randomUUID(),
            tenantId: tenantOf(ctx),
            interventionId: post.id,
            year: data.year,
            amount: BigInt(data.amount),
            updatedAt: new Date(),
          },
          { onConflictFields: ['tenantId', 'interventionId', 'year'], onConflictExcludeFields: ['id'] },
        ),
      );
      return post;
    },
  }),
}));
