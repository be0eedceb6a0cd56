import { randomUUID } from 'node:crypto';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { ISSUER_ALGORITHMS, issuerUrlIssue } from '../domain/directory.js';
import { refuse } from '../domain/issues.js';
import { TrustedIssuer } from '../entities/TrustedIssuer.js';
import { recordAccessEvent } from './AccessEvent.js';
import { builder } from './builder.js';
import { unknownForbundIssues } from './County.js';

const TrustedIssuerRef = builder.objectRef<TrustedIssuer>('TrustedIssuer').implement({
  description:
    'An identity provider (OpenID Connect issuer) whose tokens the gateway accepts, and where its users may hold ' +
    'access.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The registration’s id.' }),
    issuer: t.exposeString('issuer', { description: 'The issuer URL, exactly as its tokens carry it in `iss`.' }),
    audience: t.exposeString('audience', { description: 'The audience (`aud`) its tokens must carry.' }),
    algorithms: t.exposeStringList('algorithms', { description: 'The signature algorithms accepted, e.g. ES256.' }),
    forbundIds: t.exposeIDList('forbundIds', {
      nullable: true,
      description: 'The förbund where its users may hold access; null for every förbund.',
    }),
    platform: t.exposeBoolean('platform', {
      description: 'Whether its users may hold platform access (administrator, county analyst).',
    }),
  }),
});

/** What the gateway needs to verify a token: no förbund, no platform flag (the directory decides those). */
const GatewayIssuerRef = builder.objectRef<TrustedIssuer>('GatewayIssuer').implement({
  inaccessible: true,
  description: 'A trusted issuer as the gateway verifies its tokens (discovery and JWKS at the issuer URL).',
  fields: (t) => ({
    issuer: t.exposeString('issuer', { description: 'The issuer URL (`iss`).' }),
    audience: t.exposeString('audience', { description: 'The audience (`aud`) its tokens must carry.' }),
    algorithms: t.exposeStringList('algorithms', { description: 'The signature algorithms accepted.' }),
  }),
});

const RegisterTrustedIssuerInput = builder.inputType('RegisterTrustedIssuerInput', {
  description: 'An identity provider to trust, and where its users may hold access.',
  fields: (t) => ({
    issuer: t.string({
      required: true,
      description: 'The issuer URL exactly as its tokens carry it in `iss`: https (http only on this machine).',
    }),
    audience: t.string({ required: true, description: 'The audience (`aud`) its tokens must carry.' }),
    algorithms: t.stringList({
      required: true,
      description: `The signature algorithms to accept, at least one of ${ISSUER_ALGORITHMS.join(', ')}.`,
    }),
    forbundIds: t.idList({
      description: 'The förbund where its users may hold access; leave out (null) for every förbund.',
    }),
    platform: t.boolean({
      description: 'Whether its users may hold platform access (administrator, county analyst). Default: no.',
    }),
  }),
});

const registerSchema = z.object({
  issuer: z
    .string()
    .trim()
    .max(500)
    .superRefine((v, ctx) => {
      const message = issuerUrlIssue(v);
      if (message) {
        ctx.addIssue({ code: 'custom', message });
      }
    }),
  audience: z.string().trim().min(1, 'Audience is required').max(200),
  algorithms: z
    .array(z.enum(ISSUER_ALGORITHMS, 'Not an accepted algorithm'))
    .min(1, 'Name at least one algorithm')
    .transform((algs) => [...new Set(algs)]),
  forbundIds: z
    .array(z.uuid())
    .max(500)
    .nullish()
    .transform((v) => v ?? null),
  platform: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});

builder.queryFields((t) => ({
  trustedIssuers: t.field({
    type: [TrustedIssuerRef],
    description: 'The identity providers the platform trusts, by issuer URL. Platform administrators only.',
    authScopes: { platformAdmin: true },
    resolve: (_root, _args, ctx) => ctx.em.find(TrustedIssuer, {}, { orderBy: { issuer: 'asc' } }),
  }),
  gatewayTrustedIssuers: t.field({
    type: [GatewayIssuerRef],
    inaccessible: true,
    description: 'The issuers whose tokens the gateway verifies. The gateway only; not in the client API.',
    authScopes: { gateway: true },
    resolve: (_root, _args, ctx) => ctx.em.find(TrustedIssuer, {}, { orderBy: { issuer: 'asc' } }),
  }),
}));

builder.mutationField('registerTrustedIssuer', (t) =>
  t.field({
    type: TrustedIssuerRef,
    description:
      'Trusts an identity provider, or replaces the settings of one already trusted (same issuer URL). ' +
      'Platform administrators only.',
    authScopes: { platformAdmin: true },
    args: {
      input: t.arg({ type: RegisterTrustedIssuerInput, required: true, description: 'The issuer and its settings.' }),
    },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(registerSchema, input);
      if (data.forbundIds) {
        refuse(await unknownForbundIssues(ctx.em, data.forbundIds, ['input', 'forbundIds']));
      }
      // Registered by another request at the same time: a ConflictError (the builder's constraints).
      return ctx.em.transactional(async (tx) => {
        const existing = await tx.findOne(TrustedIssuer, { issuer: data.issuer });
        const issuer = existing ?? tx.create(TrustedIssuer, { id: randomUUID(), ...data, createdAt: new Date() });
        tx.assign(issuer, data);
        await tx.flush();
        await recordAccessEvent(tx, {
          tenantId: null,
          action: 'ISSUER_REGISTERED',
          subject: `issuer:${issuer.id}`,
          detail: { ...data, replaced: !!existing },
        });
        return issuer;
      });
    },
  }),
);
