/**
 * One issuer of the development identity provider: an oidc-provider instance with its accounts, the platform's two
 * public clients, and JWT access tokens for the graph. Nothing here is development-only from the gateway's point of
 * view: it sees discovery, a JWKS and ES256 tokens, as from any OpenID Connect provider.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import Provider, { type Adapter, type AdapterPayload, type ClientMetadata, errors } from 'oidc-provider';
import { DEV_IDP_ALGORITHM } from './keys.js';
import { errorPage } from './login-page.js';

/** The audience (`aud`) of every access token: the graph. */
export const GRAPH_AUDIENCE = 'finsam-graph';
/** The resource indicator that names the graph; RFC 8707 wants an absolute URI, the token's `aud` is the audience. */
const GRAPH_RESOURCE = 'urn:finsam:graph';
/** As long as `npm run token` tokens always lasted: a working day. */
const ACCESS_TOKEN_TTL = 8 * 60 * 60;

export interface DevAccount {
  username: string;
  name: string;
  email: string;
}

const publicClient = (client_id: string, redirect_uris: string[]): ClientMetadata => ({
  client_id,
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  redirect_uris,
});

/** The platform's own clients (first-party: no consent page). Public, so PKCE is required. */
export const DEV_CLIENTS: ClientMetadata[] = [
  publicClient('finsam-web', [
    'http://localhost:4000/app/callback',
    'http://127.0.0.1:4000/app/callback',
    'http://localhost:5173/callback',
  ]),
  publicClient('finsam-cli', ['http://127.0.0.1/cli-callback']),
];

export interface DevIssuer {
  key: string;
  /** The issuer identifier, e.g. http://127.0.0.1:4010/kommun. */
  url: string;
  provider: Provider;
  account(username: string): (DevAccount & { sub: string }) | undefined;
  accounts(): DevAccount[];
  addAccount(account: DevAccount): void;
}

/**
 * A stable, opaque subject: the same person gets the same `sub` after a restart (the directory keys users by
 * issuer + subject), and nothing in the platform can read a username or e-mail out of it.
 */
const subjectOf = (issuerKey: string, username: string) =>
  createHash('sha256').update(`${issuerKey}/${username}`).digest('base64url').slice(0, 24);

export function createDevIssuer(key: string, url: string, signingKey: JWK, initial: DevAccount[]): DevIssuer {
  const byUsername = new Map<string, DevAccount & { sub: string }>();
  const bySub = new Map<string, DevAccount & { sub: string }>();
  const addAccount = (account: DevAccount) => {
    const entry = { ...account, sub: subjectOf(key, account.username) };
    byUsername.set(account.username, entry);
    bySub.set(entry.sub, entry);
  };
  initial.forEach(addAccount);
  const mountPath = new URL(url).pathname;

  const provider = new Provider(url, {
    adapter: memoryAdapter(),
    clients: DEV_CLIENTS,
    clientDefaults: { id_token_signed_response_alg: DEV_IDP_ALGORITHM },
    jwks: { keys: [signingKey] },
    // Separate names per issuer: both issuers share one host, and a browser sends both sets of cookies.
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      names: { session: `${key}_session`, interaction: `${key}_interaction`, resume: `${key}_resume` },
    },
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    async findAccount(_ctx, sub) {
      const account = bySub.get(sub);
      return account && { accountId: sub, claims: () => ({ sub, ...standardClaims(account) }) };
    },
    async extraTokenClaims(_ctx, token) {
      const account = 'accountId' in token ? bySub.get(token.accountId) : undefined;
      return account && standardClaims(account);
    },
    // Every client is the platform's own: the person already agreed by logging in, so grant what was asked.
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(oidc.client!.clientId);
      const grant =
        (grantId && (await oidc.provider.Grant.find(grantId))) ||
        new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.account!.accountId });
      grant.addOIDCScope(oidc.requestParamOIDCScopes);
      grant.addOIDCClaims(oidc.requestParamClaims);
      grant.addResourceScope(GRAPH_RESOURCE, '');
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => GRAPH_RESOURCE,
        // The code flow asks for `openid` too; the token is still for the graph, not for userinfo.
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== GRAPH_RESOURCE) {
            throw new errors.InvalidTarget();
          }
          return {
            scope: '',
            audience: GRAPH_AUDIENCE,
            accessTokenTTL: ACCESS_TOKEN_TTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: DEV_IDP_ALGORITHM } },
          };
        },
      },
    },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage('Begäran kunde inte tas emot.', `${out.error}: ${out.error_description ?? ''}`);
    },
  });

  return {
    key,
    url,
    provider,
    account: (username) => byUsername.get(username),
    accounts: () => [...byUsername.values()].map(({ username, name, email }) => ({ username, name, email })),
    addAccount,
  };
}

/** The claims the platform reads: e-mail (verified: the provider vouches for it), and name. */
const standardClaims = (account: DevAccount) => ({
  email: account.email,
  email_verified: true,
  name: account.name,
});

/** Each issuer keeps its sessions, grants and codes in its own memory: nothing survives a restart but the keys. */
function memoryAdapter() {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry?.payload;
  };
  const findWhere = (model: string, match: (payload: AdapterPayload) => boolean) => {
    for (const [key, entry] of store) {
      if (key.startsWith(`${model}:`) && match(entry.payload)) {
        return live(key);
      }
    }
    return undefined;
  };
  return (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
      store.set(`${model}:${id}`, { payload, expiresAt });
    },
    find: async (id) => live(`${model}:${id}`),
    findByUid: async (uid) => findWhere(model, (payload) => payload.uid === uid),
    findByUserCode: async (userCode) => findWhere(model, (payload) => payload.userCode === userCode),
    async consume(id) {
      const payload = live(`${model}:${id}`);
      if (payload) {
        payload.consumed = Math.floor(Date.now() / 1000);
      }
    },
    async destroy(id) {
      store.delete(`${model}:${id}`);
    },
    async revokeByGrantId(grantId) {
      for (const [key, entry] of store) {
        if (entry.payload.grantId === grantId) {
          store.delete(key);
        }
      }
    },
  });
}
