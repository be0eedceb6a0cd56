import { DirectoryUser } from '../entities/DirectoryUser.js';
import { builder } from './builder.js';

/**
 * A person in the directory. Not an entity (no `_entities` lookup): reached only through the grants,
 * invitations and platform grants the caller may read, so a förbund sees only its own people.
 */
export const DirectoryUserRef = builder.loadableObject('DirectoryUser', {
  description: 'A person who has signed in, as their identity provider names them.',
  load: (ids: string[], ctx) => ctx.em.find(DirectoryUser, { id: { $in: ids } }),
  sort: (u) => u.id,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The person’s user id on the platform (`grantAccess` takes it).' }),
    name: t.exposeString('name', { nullable: true, description: 'Their name as their identity provider gave it.' }),
    email: t.exposeString('email', {
      nullable: true,
      description: 'Their e-mail address as their identity provider verified it; null until one was verified.',
    }),
    issuer: t.exposeString('issuer', { description: 'The identity provider (OIDC issuer) they sign in with.' }),
    lastSeenAt: t.field({
      type: 'DateTime',
      description: 'When they last signed in (at most a few minutes off: sign-ins are remembered briefly).',
      resolve: (u) => u.lastSeenAt,
    }),
  }),
});
