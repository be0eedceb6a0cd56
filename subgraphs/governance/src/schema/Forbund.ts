import { randomUUID } from 'node:crypto';
import { cacheable } from '@finsam/kit/cache-control.js';
import { NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { loadById } from '@finsam/kit/ids.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { parseInput, withoutNulls } from '@finsam/kit/validation.js';
import { ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { z } from 'zod';
import { normaliseOrganisationNumber, organisationNumberIssue } from '../domain/registry.js';
import { Forbund } from '../entities/Forbund.js';
import { Member } from '../entities/Member.js';
import { builder } from './builder.js';
import { MemberInput, MemberRef, membersSchema } from './Member.js';

export const ForbundRef = builder.loadableObject('Forbund', {
  directives: cacheable,
  description: 'A samordningsförbund (FINSAM coordination association): one tenant of the platform.',
  authScopes: { authenticated: true },
  // Entity lookups (`_entities`) come through here too, with the caller's tenant-scoped EntityManager.
  // Ids outside the caller's tenant are simply not found (sort turns them into errors).
  load: (ids: string[], ctx) => ctx.em.find(Forbund, { id: { $in: ids } }),
  sort: (f) => f.id,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The förbund’s id: the tenant every record of it carries.' }),
    name: t.exposeString('name', { description: 'The förbund’s name, e.g. "Samordningsförbundet Västerås".' }),
    slug: t.exposeString('slug', { description: 'Short stable name used in addresses, e.g. "vasteras".' }),
    organisationNumber: t.exposeString('organisationNumber', { description: 'Organisationsnummer, NNNNNN-NNNN.' }),
    members: t.field({
      type: [MemberRef],
      description: 'Members (medlemmar): Försäkringskassan, Arbetsförmedlingen, the region and the kommuner.',
      resolve: (f) => f.members.load({ dataloader: true }).then((c) => c.getItems()),
    }),
    kommuner: t.field({
      type: [MemberRef],
      description: 'The kommuner the förbund covers (its kommun members).',
      resolve: (f) => f.members.load({ dataloader: true }).then((c) => c.getItems().filter((m) => m.kind === 'KOMMUN')),
    }),
  }),
});

builder.asEntity(ForbundRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadById(ForbundRef.getDataloader(ctx), ref.id),
});

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const organisationNumber = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const message = organisationNumberIssue(v);
    if (message) {
      ctx.addIssue({ code: 'custom', message });
    }
  })
  .transform(normaliseOrganisationNumber);

const createSchema = z.object({
  name: z.string().trim().min(2, 'Name is required').max(200),
  slug: z.string().trim().max(60).regex(SLUG, 'Slug is lower-case letters, digits and single dashes'),
  organisationNumber,
  members: membersSchema,
});
const updateSchema = createSchema.omit({ slug: true }).partial();

const CreateForbundInput = builder.inputType('CreateForbundInput', {
  description: 'A new förbund (tenant) with its members.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The förbund’s name, 2–200 characters.' }),
    slug: t.string({
      required: true,
      description: 'Short stable name: lower-case letters, digits and single dashes; unique on the platform.',
    }),
    organisationNumber: t.string({
      required: true,
      description: 'Organisationsnummer, NNNNNN-NNNN (the dash optional), with a valid check digit.',
    }),
    members: t.field({ type: [MemberInput], required: true, description: MEMBERS }),
  }),
});

const MEMBERS =
  'The members (medlemmar): one Försäkringskassan, one Arbetsförmedlingen, one region and the kommuner, ' +
  'whose shares sum to 25 %.';

const UpdateForbundInput = builder.inputType('UpdateForbundInput', {
  description: 'Fields left out stay as they are. `members` replaces the whole list: members kept must carry their id.',
  fields: (t) => ({
    name: t.string({ description: 'A new name, 2–200 characters.' }),
    organisationNumber: t.string({ description: 'A new organisationsnummer, NNNNNN-NNNN, with a valid check digit.' }),
    members: t.field({ type: [MemberInput], description: `${MEMBERS} Replaces the whole list.` }),
  }),
});

builder.queryFields((t) => ({
  forbund: t.field({
    type: ForbundRef,
    nullable: true,
    description: "The caller's own förbund.",
    // Teams answers it too (the tenant's id, for its insatser): see subgraphs/teams/src/schema/Forbund.ts.
    shareable: true,
    // A styrgrupp member too: its fields carry their own scopes (county analysts read the type as well).
    authScopes: { tenantReader: true, steering: true },
    resolve: (_root, _args, ctx) => ForbundRef.getDataloader(ctx).load(tenantOf(ctx)),
  }),
  forbunds: t.connection(
    {
      type: ForbundRef,
      description: 'Every förbund on the platform (platform administrators and county analysts).',
      authScopes: { countyReader: true },
      resolve: (_root, args, ctx) =>
        resolveOffsetConnection({ args }, ({ limit, offset }) =>
          ctx.em.find(Forbund, {}, { limit, offset, orderBy: { name: 'asc', id: 'asc' } }),
        ),
    },
    { name: 'ForbundConnection' },
    { name: 'ForbundEdge' },
  ),
}));

builder.mutationFields((t) => ({
  createForbund: t.field({
    type: ForbundRef,
    description: 'Registers a new förbund (tenant). Platform administrators only.',
    authScopes: { platformAdmin: true },
    args: { input: t.arg({ type: CreateForbundInput, required: true, description: 'The förbund to register.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(createSchema, input);
      const id = randomUUID();
      // The new förbund is its own tenant: write it through a fork scoped to it.
      const em = forkForTenant(ctx.em, id);
      // A slug already taken is a ConflictError at input.slug (the builder's constraints).
      return em.transactional(async (tx) => {
        const forbund = tx.create(Forbund, {
          id,
          tenantId: id,
          name: data.name,
          slug: data.slug,
          organisationNumber: data.organisationNumber,
        });
        data.members.forEach((m, position) =>
          tx.create(Member, { ...memberData(m, position), id: randomUUID(), tenantId: id, forbund }),
        );
        return forbund;
      });
    },
  }),
  updateForbund: t.field({
    type: ForbundRef,
    description: "Edits the caller's own förbund. Förbund administrators only.",
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: UpdateForbundInput, required: true, description: 'What changes.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(updateSchema, withoutNulls(input));
      return ctx.em
        .transactional(async (tx) => {
          const forbund = await tx.findOne(Forbund, { id: tenantOf(ctx) }, { populate: ['members'] });
          if (!forbund) {
            throw new NotFoundError(['forbund'], 'Your förbund is not registered');
          }
          if (data.name !== undefined) {
            forbund.name = data.name;
          }
          if (data.organisationNumber !== undefined) {
            forbund.organisationNumber = data.organisationNumber;
          }
          if (data.members) {
            replaceMembers(tx, forbund, data.members);
          }
          return forbund;
        })
        .catch((error) => {
          // A member still sitting in a body, or named in an avvikelse, stays until that changes.
          if (error instanceof ForeignKeyConstraintViolationException) {
            throw new ValidationError([
              {
                path: ['input', 'members'],
                message:
                  'A member you left out still has seats in bodies or avvikelser forwarded to it; change those first',
              },
            ]);
          }
          throw error;
        });
    },
  }),
}));

type MemberData = z.infer<typeof membersSchema>[number];

function memberData(m: MemberData, position: number) {
  return {
    kind: m.kind,
    name: m.name,
    scbCode: m.scbCode ?? null,
    shareBasisPoints: m.shareBasisPoints ?? null,
    position,
  };
}

/** Keeps members given with their id, adds new ones, removes the rest. */
function replaceMembers(em: EntityManager, forbund: Forbund, members: MemberData[]) {
  const existing = new Map(forbund.members.getItems().map((m) => [m.id, m]));
  const kept = new Set<string>();
  members.forEach((m, position) => {
    if (m.id) {
      const current = existing.get(m.id);
      if (!current) {
        throw new ValidationError([
          { path: ['input', 'members', position, 'id'], message: `Member ${m.id} is not a member of your förbund` },
        ]);
      }
      em.assign(current, memberData(m, position));
      kept.add(m.id);
    } else {
      forbund.members.add(
        em.create(Member, { ...memberData(m, position), id: randomUUID(), tenantId: forbund.id, forbund }),
      );
    }
  });
  for (const [id, m] of existing) {
    if (!kept.has(id)) {
      em.remove(m);
    }
  }
}
