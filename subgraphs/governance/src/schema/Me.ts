import { type Identity, ROLES } from '@finsam/kit/identity.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';

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
  description: 'What a user may do. Comes from the user token, never from the request.',
  values: Object.fromEntries(
    ROLES.map((r) => [r.toUpperCase(), { value: r, description: ROLE_DESCRIPTIONS[r] }]),
  ) as Record<Uppercase<Role>, { value: Role; description: string }>,
});

const MeRef = builder.objectRef<Identity>('Me').implement({
  description: 'The caller, as the platform sees them.',
  fields: (t) => ({
    userId: t.exposeID('userId', { description: 'The caller’s user id on the platform.' }),
    roles: t.field({ type: [RoleEnum], description: 'What the caller may do.', resolve: (me) => me.roles }),
    interventionIds: t.exposeIDList('interventionIds', { description: 'Insatser a staff member works in.' }),
    forbund: t.field({
      type: ForbundRef,
      nullable: true,
      description: 'The förbund the caller belongs to; null for platform administrators and county analysts.',
      resolve: (me, _args, ctx) => (me.tenantId ? ForbundRef.getDataloader(ctx).load(me.tenantId) : null),
    }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: MeRef,
    description: 'The caller: user id, roles, insatser and förbund, as the platform sees them.',
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => ctx.identity,
  }),
);
