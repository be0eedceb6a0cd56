/**
 * `loginAs`: logs a person in at an OpenID Connect issuer as a browser would — the authorization-code flow with
 * PKCE (S256), following redirects by hand, keeping cookies, posting the login page's form — and exchanges the code
 * for tokens. For `npm run token` and the tests; it speaks only standard OIDC plus this provider's login form.
 */
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';

export interface LoginOptions {
  /** Default 'finsam-cli'. */
  clientId?: string;
  /** Default: the client's registered redirect URI (nothing listens there: the code is read from the redirect). */
  redirectUri?: string;
  /** Default 'openid email profile'. */
  scope?: string;
}

export interface LoginResult {
  /** A JWT for the graph (aud finsam-graph) with sub, email, email_verified, name. */
  accessToken: string;
  idToken: string;
  /** When the access token expires. */
  expiresAt: Date;
}

/** Nothing answers at the issuer's address (the provider is not running there). */
export class IdentityProviderUnreachable extends Error {}

const REDIRECT_URIS: Record<string, string> = {
  'finsam-cli': 'http://127.0.0.1/cli-callback',
  'finsam-web': 'http://localhost:4000/app/callback',
};

const MAX_REDIRECTS = 10;

export async function loginAs(issuerUrl: string, username: string, options: LoginOptions = {}): Promise<LoginResult> {
  const { clientId = 'finsam-cli', scope = 'openid email profile' } = options;
  const redirectUri = options.redirectUri ?? REDIRECT_URIS[clientId];
  if (!redirectUri) {
    throw new Error(`No redirect URI known for client "${clientId}": pass redirectUri`);
  }
  const browser = new Browser();
  const metadata = (await (await browser.get(`${issuerUrl}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };

  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const authorize = new URL(metadata.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  let step = await browser.navigate(authorize, redirectUri);
  if (step.page) {
    const html = await step.page.text();
    const action = /<form[^>]*\baction="([^"]+\/login)"/.exec(html)?.[1];
    if (!action) {
      throw new Error(`Login at ${issuerUrl}: no login form on ${step.page.url} (HTTP ${step.page.status})`);
    }
    step = await browser.navigate(new URL(unescapeHtml(action), step.page.url), redirectUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username }).toString(),
    });
  }
  if (step.page) {
    const alert = /<p role="alert">([^<]*)<\/p>/.exec(await step.page.text())?.[1];
    throw new Error(
      `Login as "${username}" at ${issuerUrl} refused: ${alert ? unescapeHtml(alert) : step.page.status}`,
    );
  }

  const callback = step.callback!;
  if (callback.searchParams.get('error')) {
    const { error, error_description } = Object.fromEntries(callback.searchParams);
    throw new Error(`Login as "${username}" at ${issuerUrl}: ${error} ${error_description ?? ''}`.trim());
  }
  if (callback.searchParams.get('state') !== state) {
    throw new Error(`Login at ${issuerUrl}: the state came back changed`);
  }

  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    }),
  });
  const tokens = (await response.json()) as Record<string, string>;
  if (!response.ok || !tokens.access_token || !tokens.id_token) {
    throw new Error(`Token request at ${issuerUrl} failed: ${tokens.error} ${tokens.error_description ?? ''}`.trim());
  }
  if (decodeJwt(tokens.id_token).nonce !== nonce) {
    throw new Error(`Login at ${issuerUrl}: the ID token carries another nonce`);
  }
  return {
    accessToken: tokens.access_token,
    idToken: tokens.id_token,
    expiresAt: new Date(decodeJwt(tokens.access_token).exp! * 1000),
  };
}

const unescapeHtml = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');

interface Cookie {
  name: string;
  value: string;
  path: string;
}

/** Just enough of a browser: a cookie jar (by path; one host), and redirects followed until a page or the client. */
class Browser {
  readonly #cookies = new Map<string, Cookie>();

  async get(url: string) {
    try {
      return await this.request(new URL(url));
    } catch (error) {
      const code = ((error as Error).cause as { code?: string } | undefined)?.code;
      const reason = code ?? (error as Error).message;
      throw new IdentityProviderUnreachable(`No identity provider answers at ${url} (${reason})`, { cause: error });
    }
  }

  /** Follows redirects from `url`; stops at a page (any non-redirect) or at a redirect to the client. */
  async navigate(url: URL, redirectUri: string, init?: RequestInit): Promise<{ page?: Response; callback?: URL }> {
    let response = await this.request(url, init);
    for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { page: response };
      }
      await response.arrayBuffer();
      const next = new URL(location, response.url || url);
      if (`${next.origin}${next.pathname}` === redirectUri) {
        return { callback: next };
      }
      response = await this.request(next);
    }
    throw new Error(`More than ${MAX_REDIRECTS} redirects from ${url}`);
  }

  async request(url: URL, init: RequestInit = {}) {
    const cookie = [...this.#cookies.values()]
      .filter((c) => pathMatches(url.pathname, c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const headers = new Headers(init.headers);
    if (cookie) {
      headers.set('cookie', cookie);
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      this.#store(header);
    }
    return response;
  }

  #store(header: string) {
    const [pair = '', ...attributes] = header.split(';');
    const equals = pair.indexOf('=');
    const cookie = { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim(), path: '/' };
    let expired = cookie.value === '';
    for (const attribute of attributes) {
      const [name = '', value = ''] = attribute.split('=').map((part) => part.trim());
      if (name.toLowerCase() === 'path') {
        cookie.path = value;
      } else if (name.toLowerCase() === 'max-age') {
        expired ||= Number(value) <= 0;
      } else if (name.toLowerCase() === 'expires') {
        expired ||= Date.parse(value) <= Date.now();
      }
    }
    const key = `${cookie.path} ${cookie.name}`;
    if (expired) {
      this.#cookies.delete(key);
    } else {
      this.#cookies.set(key, cookie);
    }
  }
}

/** RFC 6265 path-match. */
function pathMatches(requestPath: string, cookiePath: string) {
  return (
    requestPath === cookiePath ||
    (requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'))
  );
}
