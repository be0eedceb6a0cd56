import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { holds } from '@finsam/kit/scopes.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { INVITATION_DAYS, invitationForbund } from '../domain/directory.js';
import { AccessGrant } from '../entities/AccessGrant.js';
import { Forbund } from '../entities/Forbund.js';
import { Invitation } from '../entities/Invitation.js';
import { recordAccessEvent } from './AccessEvent.js';
import { AccessGrantRef, checkGrants, createGrant, GrantInput, grantDetail, grantSchema } from './AccessGrant.js';
import { builder } from './builder.js';
import { DirectoryUserRef } from './DirectoryUser.js';

const InvitationStatusEnum = builder.enumType('InvitationStatus', {
  description: 'Whether an invitation can still be claimed.',
  values: {
    OPEN: { description: 'Waiting: the person claims it at their next sign-in with the invited address.' },
    CLAIMED: { description: 'Claimed: its grants are the person’s.' },
    EXPIRED: { description: 'Not claimed in time; invite again.' },
  } as const,
});

const InvitationRef = builder.objectRef<Invitation>('Invitation').implement({
  description:
    'An invitation of a person by e-mail to your förbund, with the access it gives. The person claims it by ' +
    'signing in with that address, verified by an identity provider trusted for the förbund.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The invitation’s id.' }),
    email: t.exposeString('email', { description: 'The invited address (lower-case).' }),
    status: t.field({
      type: InvitationStatusEnum,
      description: 'Open, claimed or expired.',
      resolve: (i) => (i.claimedAt ? 'CLAIMED' : i.expiresAt.getTime() > Date.now() ? 'OPEN' : 'EXPIRED'),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was sent.', resolve: (i) => i.createdAt }),
    createdBy: t.exposeString('createdBy', { description: 'The user id of whoever sent it.' }),
    expiresAt: t.field({
      type: 'DateTime',
      description: `Until when it can be claimed (${INVITATION_DAYS} days after it was sent).`,
      resolve: (i) => i.expiresAt,
    }),
    claimedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was claimed; null while not.',
      resolve: (i) => i.claimedAt,
    }),
    claimedBy: t.field({
      type: DirectoryUserRef,
      nullable: true,
      description: 'Who claimed it; null while nobody has.',
      resolve: (i, _a, ctx) => (i.claimedBy ? DirectoryUserRef.getDataloader(ctx).load(i.claimedBy) : null),
    }),
    grants: t.loadableGroup({
      type: AccessGrantRef,
      description: 'The grants it gives, while it is not claimed (once claimed they are the person’s).',
      load: (ids: string[], ctx) =>
        ctx.em.find(AccessGrant, { invitationId: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      group: (g) => g.invitationId!,
      resolve: (i) => i.id,
    }),
  }),
});

builder.objectField(AccessGrantRef, 'invitation', (t) =>
  t.loadable({
    type: InvitationRef,
    nullable: true,
    description: 'The invitation it waits in, until claimed; null once a person holds it.',
    load: async (keys, ctx) => {
      const ids = keys as string[];
      const found = new Map((await ctx.em.find(Invitation, { id: { $in: ids } })).map((i) => [i.id, i]));
      return ids.map((id) => found.get(id) ?? null);
    },
    resolve: (g) => g.invitationId,
  }),
);

const InviteUserInput = builder.inputType('InviteUserInput', {
  description: 'Whom to invite by e-mail, and the access the invitation gives.',
  fields: (t) => ({
    forbundId: t.id({
      description:
        'The förbund (platform administrators, e.g. its first administrator); a förbund administrator ' +
        'invites to their own and may leave it out.',
    }),
    email: t.string({ required: true, description: 'The address the person signs in with (any case).' }),
    grants: t.field({ type: [GrantInput], required: true, description: 'The access it gives: 1–20 grants.' }),
  }),
});

const inviteSchema = z.object({
  forbundId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  email: z
    .email('Not an e-mail address')
    .max(320)
    .transform((v) => v.toLowerCase()),
  grants: z.array(grantSchema).min(1, 'Give at least one grant').max(20),
});

builder.queryField('invitations', (t) =>
  t.field({
    type: [InvitationRef],
    description: 'Your förbund’s invitations, newest first.',
    authScopes: { tenantAdmin: true },
    resolve: (_root, _args, ctx) => ctx.em.find(Invitation, {}, { orderBy: { createdAt: 'desc', id: 'desc' } }),
  }),
);

builder.mutationField('inviteUser', (t) =>
  t.field({
    type: InvitationRef,
    description:
      'Invites a person by e-mail with the access they will have: they claim it at their first sign-in with that ' +
      `address (within ${INVITATION_DAYS} days). Förbund administrators, in their own förbund; platform ` +
      'administrators in any (not insats access: that is the förbund’s own to give).',
    authScopes: { tenantAdmin: true, platformAdmin: true },
    args: { input: t.arg({ type: InviteUserInput, required: true, description: 'Whom, where and what.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(inviteSchema, { ...input, email: input.email.trim() });
      const platformAdmin = holds(ctx.identity, 'platformAdmin');
      const target = invitationForbund({ tenantId: ctx.identity.tenantId, platformAdmin }, data.forbundId);
      if ('issues' in target) {
        throw new ValidationError(target.issues);
      }
      const { forbundId } = target;
      if (!(await ctx.em.findOne(Forbund, { id: forbundId }))) {
        throw new NotFoundError(['input', 'forbundId'], `No förbund ${forbundId}`);
      }
      // Written in the förbund's own tenant (for a platform administrator, one they do not belong to).
      const em = forkForTenant(ctx.em, forbundId);
      const grants = data.grants.map((grant, n) => ({ grant, path: ['input', 'grants', n] }));
      await checkGrants(ctx, em, grants, { platformAdmin });
      return em.transactional(async (tx) => {
        const now = new Date();
        const invitation = tx.create(Invitation, {
          id: randomUUID(),
          tenantId: forbundId,
          email: data.email,
          createdBy: ctx.identity.userId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
          claimedBy: null,
          claimedAt: null,
        });
        // The grants refer to it by an id column, which the ORM does not order by.
        await tx.flush();
        for (const grant of data.grants) {
          createGrant(tx, grant, {
            tenantId: forbundId,
            userId: null,
            invitationId: invitation.id,
            createdBy: ctx.identity.userId,
          });
        }
        await recordAccessEvent(tx, {
          tenantId: forbundId,
          action: 'USER_INVITED',
          subject: `invitation:${invitation.id}`,
          detail: { email: data.email, grants: data.grants.map((g) => grantDetail(g)) },
        });
        return invitation;
      });
    },
  }),
);
