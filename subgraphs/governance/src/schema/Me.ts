import type { SubgraphContext } from '@finsam/kit/context.js';
import { type Identity, ROLES } from '@finsam/kit/identity.js';
import { isUuid } from '@finsam/kit/ids.js';
import type { DirectoryUser } from '../entities/DirectoryUser.js';
import { builder } from './builder.js';
import { DirectoryUserRef } from './DirectoryUser.js';
import { ForbundRef } from './Forbund.js';
import { directoryReader, workableForbund } from './ResolvedAccess.js';

type Role = (typeof ROLES)[number];

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  platform_admin: 'Plattformsadministratör: registers förbund and national questionnaires; no förbund of its own.',
  forbund_admin: 'Förbundsadministratör: administers one förbund (registry, bodies, insatser, money, access).',
  staff: 'Personal in one or more insatser of a förbund (`Me.interventionIds`): works with their own insatser.',
  board: 'Förbundsstyrelse member: reads the förbund’s figures and reports, records minutes and beslut.',
  steering: 'Styrgrupp member: reads and handles the avvikelser of the insatser whose styrgrupp seats they hold.',
  gateway: 'The gateway itself, resolving who a signed-in person is; never held by a person.',
  county_analyst: 'Länsanalytiker: reads aggregates across the förbund of the county (länsnivå), never a person.',
};

const RoleEnum = builder.enumType('Role', {
  description: 'What a user may do. Comes from the directory for the förbund the request works in.',
  values: Object.fromEntries(
    ROLES.map((r) => [r.toUpperCase(), { value: r, description: ROLE_DESCRIPTIONS[r] }]),
  ) as Record<Uppercase<Role>, { value: Role; description: string }>,
});

interface WorkableForbund {
  id: string;
  name: string;
  slug: string;
}

const WorkableForbundRef = builder.objectRef<WorkableForbund>('WorkableForbund').implement({
  description: 'A förbund you may work in. You work in one at a time; your client chooses which through the gateway.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The förbund’s id.' }),
    name: t.exposeString('name', { description: 'The förbund’s name.' }),
    slug: t.exposeString('slug', { description: 'Its short stable name, e.g. "vasteras".' }),
  }),
});

/** The caller's own directory entry; none for callers the directory did not resolve (e.g. service identities). */
const ownEntry = (me: Identity, ctx: SubgraphContext): Promise<DirectoryUser | null> =>
  isUuid(me.userId) ? DirectoryUserRef.getDataloader(ctx).load(me.userId) : Promise.resolve(null);

const MeRef = builder.objectRef<Identity>('Me').implement({
  description: 'The caller, as the platform sees them.',
  fields: (t) => ({
    userId: t.exposeID('userId', { description: 'The caller’s user id on the platform.' }),
    name: t.string({
      nullable: true,
      description: 'Their name, as their identity provider gave it.',
      resolve: async (me, _a, ctx) => (await ownEntry(me, ctx))?.name ?? null,
    }),
    email: t.string({
      nullable: true,
      description: 'Their e-mail address, as their identity provider verified it; null if it did not.',
      resolve: async (me, _a, ctx) => (await ownEntry(me, ctx))?.email ?? null,
    }),
    roles: t.field({
      type: [RoleEnum],
      description: 'What the caller may do in the förbund they work in now (or on the platform).',
      resolve: (me) => me.roles,
    }),
    interventionIds: t.exposeIDList('interventionIds', { description: 'Insatser a staff member works in.' }),
    steeringInterventionIds: t.exposeIDList('steeringInterventionIds', {
      description: 'Insatser whose styrgrupp the caller sits in.',
    }),
    leadInterventionIds: t.exposeIDList('leadInterventionIds', {
      description: 'Insatser the caller leads as verksamhetsledare (of `interventionIds`).',
    }),
    forbund: t.field({
      type: ForbundRef,
      nullable: true,
      description:
        'The förbund the caller works in now; null for platform administrators, county analysts and people ' +
        'without access.',
      resolve: (me, _args, ctx) => (me.tenantId ? ForbundRef.getDataloader(ctx).load(me.tenantId) : null),
    }),
    forbunds: t.field({
      type: [WorkableForbundRef],
      description: 'Every förbund the caller may work in (an active grant there), by name; switch among them.',
      resolve: async (me, _a, ctx) => {
        const user = await ownEntry(me, ctx);
        return user ? workableForbund(directoryReader(ctx.em), user) : [];
      },
    }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: MeRef,
    description: 'The caller: who they are, their roles, insatser and förbund, as the platform sees them.',
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => ctx.identity,
  }),
);
