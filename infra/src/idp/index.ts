/**
 * The development identity provider: one http server hosting two OpenID Connect issuers, as people employed by
 * different members log in with different organisations' identities:
 *
 *   {base}/kommun    kommun and region employees (its users may hold platform grants)
 *   {base}/statlig   Försäkringskassan and Arbetsförmedlingen employees
 *
 * Under each issuer: /.well-known/openid-configuration, /jwks, /auth, /token, /me (userinfo), and the login page at
 * /interaction/:uid. `npm start` runs it at http://127.0.0.1:4010; tests on a free port.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PEOPLE } from '@finsam/governance/demo/people.js';
import { createDevIssuer, type DevAccount, type DevIssuer, GRAPH_AUDIENCE } from './issuer.js';
import { DEV_IDP_ALGORITHM, issuerSigningKeys } from './keys.js';
import { handleInteraction } from './login-page.js';

export type { DevAccount } from './issuer.js';
export { DEV_CLIENTS, GRAPH_AUDIENCE } from './issuer.js';
export { IdentityProviderUnreachable, type LoginOptions, type LoginResult, loginAs } from './login.js';

/** The port `npm start` runs the provider on. */
export const DEV_IDP_PORT = 4010;

export const DEV_ISSUER_KEYS = ['kommun', 'statlig'] as const;
export type DevIssuerKey = (typeof DEV_ISSUER_KEYS)[number];

export interface DevIdentityProviderOptions {
  /** Listen address, also the issuers' host (default 127.0.0.1). */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** The accounts, each on its issuer (default: the demo people, DEMO_PEOPLE). */
  accounts?: readonly (DevAccount & { issuer: DevIssuerKey })[];
  /** Where the signing keys are kept across restarts; without it, fresh keys every start. */
  keysFile?: string;
}

export interface DevIdentityProviders {
  /** The issuer identifiers, e.g. { kommun: 'http://127.0.0.1:4010/kommun', statlig: '…/statlig' }. */
  issuers: Record<DevIssuerKey, string>;
  /** Adds (or replaces) an account at run time; it can log in at once. */
  addAccount(issuerKey: DevIssuerKey, account: DevAccount): void;
  stop(): Promise<void>;
}

export async function startDevIdentityProviders({
  host = '127.0.0.1',
  port = 0,
  accounts = DEMO_PEOPLE,
  keysFile,
}: DevIdentityProviderOptions = {}): Promise<DevIdentityProviders> {
  const keys = await issuerSigningKeys(DEV_ISSUER_KEYS, keysFile);
  const issuers = new Map<string, { issuer: DevIssuer; handle: ReturnType<DevIssuer['provider']['callback']> }>();

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: Error) => {
      console.error('Development identity provider:', error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      }
      res.end('Internt fel i utvecklingsinloggningen.');
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://idp').pathname;
    const key = path.split('/')[1] ?? '';
    const entry = issuers.get(key);
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`No issuer here. Issuers: ${[...issuers.values()].map((e) => e.issuer.url).join(', ')}\n`);
      return;
    }
    const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(path.slice(key.length + 1));
    if (interaction) {
      const [, uid = '', login] = interaction;
      return handleInteraction(entry.issuer, decodeURIComponent(uid), login ? 'login' : 'page', req, res);
    }
    // Mounted under the issuer's path: oidc-provider reads the prefix back from originalUrl.
    Object.assign(req, { originalUrl: req.url });
    req.url = req.url!.slice(key.length + 1) || '/';
    await entry.handle(req, res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  // Issuer URLs name the port, so the issuers are made once it is known (port 0 picks one).
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  for (const key of DEV_ISSUER_KEYS) {
    const own = accounts
      .filter((a) => a.issuer === key)
      .map(({ username, name, email }) => ({ username, name, email }));
    const issuer = createDevIssuer(key, `${base}/${key}`, keys[key]!, own);
    issuers.set(key, { issuer, handle: issuer.provider.callback() });
  }

  return {
    issuers: { kommun: `${base}/kommun`, statlig: `${base}/statlig` },
    addAccount(issuerKey, account) {
      const entry = issuers.get(issuerKey);
      if (!entry) {
        throw new Error(`No issuer "${issuerKey}". Known: ${DEV_ISSUER_KEYS.join(', ')}`);
      }
      entry.issuer.addAccount(account);
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export interface DevIssuerConfig {
  issuer: string;
  audience: string;
  algorithms: string[];
  /** Its users may hold platform grants (platform administrator, county analyst). */
  platform: boolean;
}

/** How the gateway and the directory trust these issuers: as they would any production issuer. */
export function devIssuerConfigs(issuers: Record<DevIssuerKey, string>): DevIssuerConfig[] {
  return DEV_ISSUER_KEYS.map((key) => ({
    issuer: issuers[key],
    audience: GRAPH_AUDIENCE,
    algorithms: [DEV_IDP_ALGORITHM],
    platform: key === 'kommun',
  }));
}
