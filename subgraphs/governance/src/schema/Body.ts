import { randomUUID } from 'node:crypto';
import { lockForUpdate } from '@finsam/kit/conflicts.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { NotFoundError } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { readableStyrgrupper } from '../domain/bodies.js';
import { refuse } from '../domain/issues.js';
import { bodyInsatsIssues, seatIssues, steeringGroupInsatsIssues } from '../domain/seats.js';
import { BODY_KINDS, Body } from '../entities/Body.js';
import { BodyMember, SEAT_ROLES } from '../entities/BodyMember.js';
import { Member } from '../entities/Member.js';
import { builder } from './builder.js';
import { InterventionRef, insatsReader, interventionOwners, seesIntervention } from './Intervention.js';
import { addIssues } from './issues.js';
import { MemberRef } from './Member.js';

export const BodyKindEnum = builder.enumType('BodyKind', {
  description: 'The kind of a body (organ) through which a förbund is steered and prepares its decisions.',
  values: {
    BOARD: { description: 'Förbundsstyrelse: the board, which decides for the förbund.' },
    PREPARATORY_GROUP: { description: 'Utvecklingsgrupp / beredningsgrupp: prepares the board’s matters.' },
    MEMBER_COUNCIL: { description: 'Medlemssamråd: the members’ consultation.' },
    STEERING_GROUP: { description: 'Styrgrupp of one insats, with a representative of each owner.' },
  } as const,
});
const SeatRoleEnum = builder.enumType('SeatRole', {
  description: 'How a person sits in a body; every seat has an explicit role.',
  values: {
    ORDINARIE: { description: 'Ordinarie ledamot: a full member of the body.' },
    ERSATTARE: { description: 'Ersättare: stands in for an ordinarie ledamot.' },
    ADJUNGERAD: { description: 'Adjungerad: takes part, never votes.' },
    FOREDRAGANDE: { description: 'Föredragande: presents matters to the body.' },
  } as const,
});

/** Bodies the caller may see: all for admins and the board; staff and styrgrupp members their own styrgrupper. */
export function visibleBodies(ctx: SubgraphContext) {
  const ids = readableStyrgrupper(insatsReader(ctx));
  return ids ? { interventionId: { $in: ids } } : {};
}

export const SeatRef = builder.objectRef<BodyMember>('Seat').implement({
  description: 'A seat in a body: who sits, for which member, in what role.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The seat’s id: attendance and votes name seats by it.' }),
    name: t.exposeString('name', { description: 'The person who holds the seat.' }),
    member: t.field({
      type: MemberRef,
      nullable: true,
      description: 'The member (part) represented; null for a seat of no member, e.g. the förbundschef.',
      resolve: (s, _a, ctx) => (s.memberId ? MemberRef.getDataloader(ctx).load(s.memberId) : null),
    }),
    role: t.field({
      type: SeatRoleEnum,
      description: 'Ordinarie, ersättare, adjungerad or föredragande.',
      resolve: (s) => s.role,
    }),
    voting: t.exposeBoolean('voting', {
      description: 'Whether the seat votes in the body’s decisions (never an adjungerad).',
    }),
    mandate: t.exposeBoolean('mandate', { description: 'Beslutsmandat from the member organisation.' }),
    termFrom: t.field({
      type: 'Date',
      description: 'First day of the term (mandatperiod).',
      resolve: (s) => s.termFrom,
    }),
    termTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day of the term; null while it runs until further notice.',
      resolve: (s) => s.termTo ?? null,
    }),
  }),
});

export const BodyRef = builder.loadableObject('Body', {
  description: 'A body of the förbund: förbundsstyrelse, utvecklingsgrupp, medlemssamråd or an insats’ styrgrupp.',
  authScopes: { tenantReader: true, steering: true },
  load: (ids: string[], ctx) => ctx.em.find(Body, { $and: [{ id: { $in: ids } }, visibleBodies(ctx)] }),
  sort: (b) => b.id,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The body’s id.' }),
    kind: t.field({ type: BodyKindEnum, description: 'What kind of body it is.', resolve: (b) => b.kind }),
    name: t.exposeString('name', { description: 'The body’s name, e.g. "Styrgrupp Samordningsteam Sala".' }),
    intervention: t.field({
      type: InterventionRef,
      nullable: true,
      description: 'The insats a styrgrupp steers; null for the förbund’s other bodies.',
      resolve: (b) => (b.interventionId ? { id: b.interventionId } : null),
    }),
    seats: t.field({
      type: [SeatRef],
      description: 'The seats of the body, in the order they were set.',
      resolve: async (b) => (await b.members.load({ dataloader: true })).getItems(),
    }),
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
    description: 'The bodies of your förbund you may see (staff and styrgrupp members: their own styrgrupper).',
    authScopes: { tenantReader: true, steering: true },
    args: { kind: t.arg({ type: BodyKindEnum, description: 'Only bodies of this kind; all kinds if left out.' }) },
    resolve: (_r, { kind }, ctx) =>
      ctx.em.find(
        Body,
        { $and: [visibleBodies(ctx), kind ? { kind } : {}] },
        { orderBy: { kind: 'asc', name: 'asc' } },
      ),
  }),
);

const CreateBodyInput = builder.inputType('CreateBodyInput', {
  description: 'A new body of the förbund; its seats are set afterwards with `setSeats`.',
  fields: (t) => ({
    kind: t.field({ type: BodyKindEnum, required: true, description: 'What kind of body it is.' }),
    name: t.string({ required: true, description: 'The body’s name, 2–200 characters.' }),
    interventionId: t.id({
      description:
        'The insats, for a styrgrupp (required for one, refused for other bodies); one styrgrupp per insats.',
    }),
  }),
});
const SeatInput = builder.inputType('SeatInput', {
  description:
    'A seat in a body. For a styrgrupp, each owner of the insats needs an ordinarie seat with vote and mandate.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The person who holds the seat, 2–200 characters.' }),
    memberId: t.id({ description: 'The member (part) represented; omit for e.g. the förbundschef.' }),
    role: t.field({ type: SeatRoleEnum, required: true, description: 'The seat’s role.' }),
    voting: t.boolean({ required: true, description: 'Whether the seat votes; an adjungerad never does.' }),
    mandate: t.boolean({ required: true, description: 'Beslutsmandat from the member organisation.' }),
    termFrom: t.field({ type: 'Date', required: true, description: 'First day of the term.' }),
    termTo: t.field({ type: 'Date', description: 'Last day of the term, not before its first; omit if open-ended.' }),
  }),
});

const createBodySchema = z
  .object({
    kind: z.enum(BODY_KINDS),
    name: z.string().trim().min(2, 'Name is required').max(200),
    interventionId: z.uuid().nullish(),
  })
  .superRefine((b, ctx) => addIssues(ctx, bodyInsatsIssues(b)));
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

/** A body whose seats change, locked until the transaction ends: two replacements at once run one after the other. */
async function writableBody(ctx: SubgraphContext, id: string) {
  const body = await lockForUpdate(ctx.em, Body, { id });
  if (!body) {
    throw new NotFoundError(['bodyId'], `No body ${id} in your förbund`);
  }
  await ctx.em.populate(body, ['members']);
  return body;
}

builder.mutationFields((t) => ({
  createBody: t.field({
    type: BodyRef,
    description: 'Sets up a body. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: CreateBodyInput, required: true, description: 'The body to set up.' }) },
    errors: {},
    resolve: async (_r, { input }, ctx) => {
      const data = parseInput(createBodySchema, input);
      if (data.interventionId) {
        const exists = (await interventionOwners(ctx, data.interventionId)) !== null;
        const hasSteeringGroup = exists && (await ctx.em.count(Body, { interventionId: data.interventionId })) > 0;
        refuse(steeringGroupInsatsIssues({ exists, hasSteeringGroup }));
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
    args: {
      bodyId: t.arg.id({ required: true, description: 'The body whose seats are replaced.' }),
      seats: t.arg({ type: [SeatInput], required: true, description: 'Every seat of the body, in order.' }),
    },
    errors: {},
    resolve: async (_r, { bodyId, seats }, ctx) => {
      const data = parseInput(seatsSchema, seats, ['seats']);
      return ctx.em.transactional(async (tx) => {
        const body = await writableBody({ ...ctx, em: tx }, String(bodyId));
        const memberIds = new Set((await tx.find(Member, {})).map((m) => m.id));
        const owners =
          body.kind === 'STEERING_GROUP' && body.interventionId
            ? ((await interventionOwners(ctx, body.interventionId)) ?? [])
            : [];
        refuse(seatIssues(body, data, { memberIds, owners }));
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
