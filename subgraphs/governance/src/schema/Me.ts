import { type Identity, ROLES } from '@finsam/kit/identity.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';

const RoleEnum = builder.enumType('Role', {
  description: 'What a user may do. Comes from the user token, never from the request.',
  values: Object.fromEntries(ROLES.map((r) => [r.toUpperCase(), { value: r }])) as Record<
    Uppercase<(typeof ROLES)[number]>,
    { value: (typeof ROLES)[number] }
  >,
});

const MeRef = builder.objectRef<Identity>('Me').implement({
  description: 'The caller, as the platform sees them.',
  fields: (t) => ({
    userId: t.exposeID('userId'),
    roles: t.field({ type: [RoleEnum], resolve: (me) => me.roles }),
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
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => ctx.identity,
  }),
);
