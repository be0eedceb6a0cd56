import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { NotFoundError, ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { interventionScope } from '@finsam/kit/identity.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { BODY_KINDS, Body } from '../entities/Body.js';
import { BodyMember, SEAT_ROLES } from '../entities/BodyMember.js';
import { Member } from '../entities/Member.js';
import { builder } from './builder.js';
import { InterventionRef, interventionOwners, seesIntervention } from './Intervention.js';
import { MemberRef } from './Member.js';

export const BodyKindEnum = builder.enumType('BodyKind', {
  values: {
    BOARD: { description: 'Förbundsstyrelse.' },
    PREPARATORY_GROUP: { description: 'Utvecklingsgrupp / beredningsgrupp.' },
    MEMBER_COUNCIL: { description: 'Medlemssamråd.' },
    STEERING_GROUP: { description: 'Styrgrupp of one insats.' },
  } as const,
});
const SeatRoleEnum = builder.enumType('SeatRole', {
  values: {
    ORDINARIE: { description: 'Ordinarie ledamot.' },
    ERSATTARE: { description: 'Ersättare.' },
    ADJUNGERAD: { description: 'Adjungerad: takes part, never votes.' },
    FOREDRAGANDE: { description: 'Föredragande.' },
  } as const,
});

/** Bodies the caller may see: the förbund's own for admins and the board; staff only their styrgrupper. */
export function visibleBodies(ctx: SubgraphContext) {
  const ids = interventionScope(ctx.identity);
  return ids ? { interventionId: { $in: ids } } : {};
}

const SeatRef = builder.objectRef<BodyMember>('Seat').implement({
  description: 'A seat in a body: who sits, for which member, in what role.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    member: t.field({
      type: MemberRef,
      nullable: true,
      description: 'The member (part) represented.',
      resolve: (s, _a, ctx) => (s.memberId ? MemberRef.getDataloader(ctx).load(s.memberId) : null),
    }),
    role: t.field({ type: SeatRoleEnum, resolve: (s) => s.role }),
    voting: t.exposeBoolean('voting'),
    mandate: t.exposeBoolean('mandate', { description: 'Beslutsmandat from the member organisation.' }),
    termFrom: t.field({ type: 'Date', resolve: (s) => s.termFrom }),
    termTo: t.field({ type: 'Date', nullable: true, resolve: (s) => s.termTo ?? null }),
  }),
});

export const BodyRef = builder.loadableObject('Body', {
  description: 'A body of the förbund: förbundsstyrelse, utvecklingsgrupp, medlemssamråd or an insats’ styrgrupp.',
  authScopes: { tenantReader: true },
  load: (ids: string[], ctx) => ctx.em.find(Body, { $and: [{ id: { $in: ids } }, visibleBodies(ctx)] }),
  sort: (b) => b.id,
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: BodyKindEnum, resolve: (b) => b.kind }),
    name: t.exposeString('name'),
    intervention: t.field({
      type: InterventionRef,
      nullable: true,
      resolve: (b) => (b.interventionId ? { id: b.interventionId } : null),
    }),
    seats: t.field({ type: [SeatRef], resolve: async (b) => (await b.members.load({ dataloader: true })).getItems() }),
  }),
});

builder.objectField(InterventionRef, 'steeringGroup', (t) =>
  t.field({
    type: BodyRef,
    nullable: true,
    description: 'The insats’ styrgrupp.',
    authScopes: { tenantReader: true },
    resolve: async (i, _a, ctx) =>
      seesIntervention(ctx.identity, i.id) ? ctx.em.findOne(Body, { interventionId: i.id }) : null,
  }),
);

builder.queryField('bodies', (t) =>
  t.field({
    type: [BodyRef],
    description: 'The bodies of your förbund you may see.',
    authScopes: { tenantReader: true },
    args: { kind: t.arg({ type: BodyKindEnum }) },
    resolve: (_r, { kind }, ctx) =>
      ctx.em.find(
        Body,
        { $and: [visibleBodies(ctx), kind ? { kind } : {}] },
        { orderBy: { kind: 'asc', name: 'asc' } },
      ),
  }),
);

const CreateBodyInput = builder.inputType('CreateBodyInput', {
  fields: (t) => ({
    kind: t.field({ type: BodyKindEnum, required: true }),
    name: t.string({ required: true }),
    interventionId: t.id({ description: 'The insats, for a styrgrupp.' }),
  }),
});
const SeatInput = builder.inputType('SeatInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    memberId: t.id({ description: 'The member (part) represented; omit for e.g. the förbundschef.' }),
    role: t.field({ type: SeatRoleEnum, required: true }),
    voting: t.boolean({ required: true }),
    mandate: t.boolean({ required: true }),
    termFrom: t.field({ type: 'Date', required: true }),
    termTo: t.field({ type: 'Date' }),
  }),
});

const createBodySchema = z
  .object({
    kind: z.enum(BODY_KINDS),
    name: z.string().trim().min(2, 'Name is required').max(200),
    interventionId: z.uuid().nullish(),
  })
  .refine((b) => (b.kind === 'STEERING_GROUP') === !!b.interventionId, {
    path: ['interventionId'],
    message: 'A styrgrupp steers one insats; other bodies steer none',
  });
const seatsSchema = z.array(
  z.object({
    name: z.string().trim().min(2, 'Name is required').max(200),
    memberId: z.uuid().nullish(),
    role: z.enum(SEAT_ROLES),
    voting: z.boolean(),
    mandate: z.boolean(),
    termFrom: z.string(),
    termTo: z.string().nullish(),
  }),
);

/** FINSAM's rules for a body's seats; a styrgrupp needs a representative with mandate from each owner. */
async function seatIssues(
  ctx: SubgraphContext,
  body: Body,
  seats: z.infer<typeof seatsSchema>,
): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  const memberIds = new Set((await ctx.em.find(Member, {})).map((m) => m.id));
  seats.forEach((s, i) => {
    if (s.role === 'ADJUNGERAD' && s.voting) {
      issues.push({ path: ['seats', i, 'voting'], message: 'An adjungerad takes part but never votes' });
    }
    if (s.memberId && !memberIds.has(s.memberId)) {
      issues.push({ path: ['seats', i, 'memberId'], message: `${s.memberId} is not a member of your förbund` });
    }
    if (s.termTo && s.termTo < s.termFrom) {
      issues.push({ path: ['seats', i, 'termTo'], message: 'The term ends before it starts' });
    }
  });
  if (body.kind === 'STEERING_GROUP' && body.interventionId) {
    const owners = (await interventionOwners(ctx, body.interventionId)) ?? [];
    const represented = new Set(
      seats.filter((s) => s.role === 'ORDINARIE' && s.mandate && s.voting && s.memberId).map((s) => s.memberId),
    );
    for (const owner of owners) {
      if (!represented.has(owner)) {
        issues.push({
          path: ['seats'],
          message: `Owner ${owner} has no ordinarie representative with mandate and vote`,
        });
      }
    }
  }
  return issues;
}

async function writableBody(ctx: SubgraphContext, id: string) {
  const body = await ctx.em.findOne(Body, { id }, { populate: ['members'] });
  if (!body) {
    throw new NotFoundError(['bodyId'], `No body ${id} in your förbund`);
  }
  return body;
}

builder.mutationFields((t) => ({
  createBody: t.field({
    type: BodyRef,
    description: 'Sets up a body. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: CreateBodyInput, required: true }) },
    errors: {},
    resolve: async (_r, { input }, ctx) => {
      const data = parseInput(createBodySchema, input);
      if (data.interventionId) {
        if (!(await interventionOwners(ctx, data.interventionId))) {
          throw new ValidationError([{ path: ['input', 'interventionId'], message: 'No such insats in your förbund' }]);
        }
        if (await ctx.em.count(Body, { interventionId: data.interventionId })) {
          throw new ValidationError([
            { path: ['input', 'interventionId'], message: 'The insats already has a styrgrupp' },
          ]);
        }
      }
      return ctx.em.transactional(async (tx) =>
        tx.create(Body, {
          id: randomUUID(),
          tenantId: tenantOf(ctx),
          kind: data.kind,
          name: data.name,
          interventionId: data.interventionId ?? null,
        }),
      );
    },
  }),
  setSeats: t.field({
    type: BodyRef,
    description: 'Replaces the seats of a body. The roles must be explicit: adjungerade never vote.',
    authScopes: { tenantAdmin: true },
    args: { bodyId: t.arg.id({ required: true }), seats: t.arg({ type: [SeatInput], required: true }) },
    errors: {},
    resolve: async (_r, { bodyId, seats }, ctx) => {
      const data = parseInput(seatsSchema, seats, ['seats']);
      return ctx.em.transactional(async (tx) => {
        const body = await writableBody({ ...ctx, em: tx }, String(bodyId));
        const issues = await seatIssues({ ...ctx, em: tx }, body, data);
        if (issues.length) {
          throw new ValidationError(issues);
        }
        for (const seat of body.members.getItems()) {
          tx.remove(seat);
        }
        data.forEach((s, position) =>
          body.members.add(
            tx.create(BodyMember, {
              ...s,
              memberId: s.memberId ?? null,
              termTo: s.termTo ?? null,
              id: randomUUID(),
              tenantId: body.tenantId,
              body,
              position,
            }),
          ),
        );
        return body;
      });
    },
  }),
}));
