import { badArgument } from '@finsam/kit/errors.js';
import { holds } from '@finsam/kit/scopes.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ACCESS_EVENT_ACTIONS, AccessEvent, type AccessEventAction } from '../entities/AccessEvent.js';
import { builder } from './builder.js';

const ACTION_DESCRIPTIONS: Record<AccessEventAction, string> = {
  USER_INVITED: 'A person was invited by e-mail, with the grants the invitation carries.',
  ACCESS_GRANTED: 'A person was given access (a grant) in the förbund.',
  ACCESS_REVOKED: 'A grant was revoked.',
  VALIDITY_CHANGED: 'The validity period of a grant changed.',
  INVITATION_CLAIMED: 'A person signed in and claimed an invitation: its grants became theirs.',
  PLATFORM_ACCESS_GRANTED: 'Platform access (administrator or county analyst) was given by e-mail.',
  PLATFORM_ACCESS_REVOKED: 'Platform access was revoked.',
  PLATFORM_INVITATION_CLAIMED: 'A person signed in and claimed platform access given to their address.',
  COUNTY_CREATED: 'A county (a set of förbund for county analysts) was registered.',
  ISSUER_REGISTERED: 'An identity provider (issuer) was registered as trusted, or its settings changed.',
};

const AccessEventActionEnum = builder.enumType('AccessEventAction', {
  description: 'What kind of change to access an event records.',
  values: Object.fromEntries(ACCESS_EVENT_ACTIONS.map((a) => [a, { description: ACTION_DESCRIPTIONS[a] }])) as Record<
    AccessEventAction,
    { description: string }
  >,
});

const AccessEventRef = builder.objectRef<AccessEvent>('AccessEvent').implement({
  description: 'One change to access, as recorded: who did what, when, to whom.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The event’s id.' }),
    at: t.field({ type: 'DateTime', description: 'When the change was made.', resolve: (e) => e.at }),
    actor: t.exposeString('actor', {
      description: 'The user id of whoever made the change (the person themself when claiming an invitation).',
    }),
    action: t.field({ type: AccessEventActionEnum, description: 'What kind of change.', resolve: (e) => e.action }),
    subject: t.exposeString('subject', {
      description: 'What it concerns, as `kind:id`, e.g. `grant:<id>`, `invitation:<id>`, `county:<id>`.',
    }),
    detail: t.string({
      description: 'The change in detail (role, e-mail, insatser, validity, …), as a JSON object.',
      resolve: (e) => JSON.stringify(e.detail),
    }),
    forbundId: t.exposeID('tenantId', {
      nullable: true,
      description: 'The förbund whose access changed; null for a platform change (counties, issuers, platform access).',
    }),
  }),
});

export interface AccessChange {
  /** The förbund whose access changed; null for a platform change. */
  tenantId: string | null;
  action: AccessEventAction;
  subject: string;
  detail: Record<string, unknown>;
}

/**
 * Records a change, in the transaction `em` is in, through the database function that alone may
 * write the history: it stamps the time and the actor (the fork's acting user, kit `actingAs`) and
 * chains the event (kit audit-log.ts). A förbund's event must be written in that förbund's
 * transaction; a platform event has no tenant.
 */
export async function recordAccessEvent(em: EntityManager, change: AccessChange): Promise<void> {
  const { bind, build } = tenantSql(em);
  const { sql, params } = build(
    `select "record_access_event"(${bind(change.tenantId)}::uuid, ${bind(change.action)}, ` +
      `${bind(change.subject)}, ${bind(JSON.stringify(change.detail))}::jsonb)`,
  );
  await em.execute(sql, params);
}

/** At most this many events per request. */
const MAX_EVENTS = 500;

builder.queryField('accessEvents', (t) =>
  t.field({
    type: [AccessEventRef],
    description:
      'The history of access, newest first: your förbund’s (förbund administrators), or the platform’s ' +
      '(platform administrators: counties, issuers, platform access).',
    authScopes: { tenantAdmin: true, platformAdmin: true },
    args: {
      first: t.arg.int({ defaultValue: 50, description: `At most this many events (1–${MAX_EVENTS}).` }),
    },
    resolve: (_root, { first }, ctx) => {
      const limit = first ?? 50;
      if (limit < 1 || limit > MAX_EVENTS) {
        throw badArgument('first', `\`first\` is 1–${MAX_EVENTS}`);
      }
      // The tenant filter gives a förbund administrator their own; a platform administrator reads the
      // platform's events only (a förbund's own history is its administrators').
      const where = holds(ctx.identity, 'tenantAdmin') ? {} : { tenantId: null };
      return ctx.em.find(AccessEvent, where, { orderBy: { at: 'desc', id: 'desc' }, limit });
    },
  }),
);
