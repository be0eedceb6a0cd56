/**
 * The development identity provider on a free port, driven as a browser and as `npm run token` would: discovery,
 * JWKS, the code flow with PKCE, its JWT access tokens, its login page. No gateway, no database.
 */

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type DevIdentityProviders,
  devIssuerConfigs,
  loginAs,
  startDevIdentityProviders,
} from '@finsam/infra/idp/index.js';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';

let idp: DevIdentityProviders;

beforeAll(async () => {
  idp = await startDevIdentityProviders();
});
afterAll(() => idp.stop());

const getJson = async (url: string): Promise<any> => (await fetch(url)).json();
const jwksOf = (issuer: string) => createRemoteJWKSet(new URL(`${issuer}/jwks`));

/** An authorization request for finsam-cli with these parameters (PKCE among them, unless left out). */
function authorizeUrl(issuer: string, params: Record<string, string> = {}) {
  const url = new URL(`${issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: 'finsam-cli',
    redirect_uri: 'http://127.0.0.1/cli-callback',
    response_type: 'code',
    scope: 'openid email profile',
    state: 'abc',
    ...params,
  }).toString();
  return url;
}

const pkce = () => ({
  code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
  code_challenge_method: 'S256',
});

/** The login page of a fresh authorization request, fetched with the cookies the request set. */
async function loginPage(issuer: string) {
  const start = await fetch(authorizeUrl(issuer, pkce()), { redirect: 'manual' });
  expect(start.status).toBe(303);
  const cookies = start.headers.getSetCookie().map((c) => c.split(';')[0]);
  const page = await fetch(new URL(start.headers.get('location')!, issuer), {
    headers: { cookie: cookies.join('; ') },
  });
  return { status: page.status, type: page.headers.get('content-type'), html: await page.text() };
}

describe('development identity provider', () => {
  test('both issuers answer discovery and a JWKS of public ES256 keys', async () => {
    for (const issuer of [idp.issuers.kommun, idp.issuers.statlig]) {
      const discovery = await getJson(`${issuer}/.well-known/openid-configuration`);
      expect(discovery).toMatchObject({
        issuer,
        jwks_uri: `${issuer}/jwks`,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        code_challenge_methods_supported: ['S256'],
      });
      const { keys } = await getJson(`${issuer}/jwks`);
      expect(keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' })]);
      expect(keys[0].d).toBeUndefined();
    }
    expect(idp.issuers.kommun).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kommun$/);
    expect(idp.issuers.statlig).toBe(idp.issuers.kommun.replace(/kommun$/, 'statlig'));
  });

  test('loginAs returns an access token for finsam-graph that verifies against the JWKS, and an ID token', async () => {
    const issuer = idp.issuers.kommun;
    const { accessToken, idToken, expiresAt } = await loginAs(issuer, 'vasteras-admin');

    const { payload, protectedHeader } = await jwtVerify(accessToken, jwksOf(issuer), {
      issuer,
      audience: 'finsam-graph',
      algorithms: ['ES256'],
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({
      email: 'vasteras-admin@demo.finsam.se',
      email_verified: true,
      name: 'Administratör Samordningsförbundet Västerås',
    });
    expect(typeof payload.sub).toBe('string');
    // Eight hours, as `npm run token` always gave.
    expect(payload.exp! - payload.iat!).toBe(8 * 60 * 60);
    expect(expiresAt.getTime()).toBe(payload.exp! * 1000);

    const id = await jwtVerify(idToken, jwksOf(issuer), { issuer, audience: 'finsam-cli' });
    expect(id.payload).toMatchObject({
      sub: payload.sub,
      email: 'vasteras-admin@demo.finsam.se',
      email_verified: true,
    });

    // The same person gets the same subject every time.
    const again = await loginAs(issuer, 'vasteras-admin');
    expect((await jwtVerify(again.accessToken, jwksOf(issuer))).payload.sub).toBe(payload.sub);
  });

  test('the web client logs in the same way, at its own redirect URI', async () => {
    const { accessToken } = await loginAs(idp.issuers.statlig, 'af-staff', { clientId: 'finsam-web' });
    const { payload } = await jwtVerify(accessToken, jwksOf(idp.issuers.statlig), { audience: 'finsam-graph' });
    expect(payload).toMatchObject({ client_id: 'finsam-web', email: 'af-staff@demo.finsam.se', email_verified: true });
  });

  test('PKCE is required: an authorization request without code_challenge (or with plain) is refused', async () => {
    for (const params of [
      {} as Record<string, string>,
      { code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' },
    ]) {
      const response = await fetch(authorizeUrl(idp.issuers.kommun, params), { redirect: 'manual' });
      expect(response.status).toBe(303);
      const back = new URL(response.headers.get('location')!);
      expect(`${back.origin}${back.pathname}`).toBe('http://127.0.0.1/cli-callback');
      expect(back.searchParams.get('error')).toBe('invalid_request');
      expect(back.searchParams.get('error_description')).toMatch(/PKCE|code_challenge_method/);
      expect(back.searchParams.get('code')).toBeNull();
    }
  });

  test('an unknown username cannot log in, nor a person at the other issuer', async () => {
    await expect(loginAs(idp.issuers.kommun, 'nobody')).rejects.toThrow(
      'Det finns inget konto med användarnamnet "nobody"',
    );
    await expect(loginAs(idp.issuers.statlig, 'vasteras-admin')).rejects.toThrow('inget konto');
  });

  test('the login page is Swedish HTML with labels, listing the accounts of that issuer', async () => {
    const kommun = await loginPage(idp.issuers.kommun);
    expect(kommun.status).toBe(200);
    expect(kommun.type).toMatch(/^text\/html/);
    expect(kommun.html).toContain('<html lang="sv">');
    expect(kommun.html).toContain('Utvecklingsinloggning');
    expect(kommun.html).toMatch(/<label for="username">Användarnamn<\/label>/);
    expect(kommun.html).toMatch(/<input id="username" name="username"/);
    expect(kommun.html).toContain('value="vasteras-admin"');
    expect(kommun.html).not.toContain('value="af-staff"');
    expect(kommun.html).not.toMatch(/<script|https?:\/\/(?!127)/);

    const statlig = await loginPage(idp.issuers.statlig);
    expect(statlig.html).toContain('value="af-staff"');
    expect(statlig.html).not.toContain('value="vasteras-admin"');
  });

  test('an account added at run time can log in', async () => {
    const account = { username: 'fk-handlaggare', name: 'Handläggare Försäkringskassan', email: 'fk@demo.finsam.se' };
    await expect(loginAs(idp.issuers.statlig, account.username)).rejects.toThrow('inget konto');
    idp.addAccount('statlig', account);
    const { accessToken } = await loginAs(idp.issuers.statlig, account.username);
    const { payload } = await jwtVerify(accessToken, jwksOf(idp.issuers.statlig), { audience: 'finsam-graph' });
    expect(payload).toMatchObject({ email: account.email, email_verified: true, name: account.name });
  });

  test("a token of one issuer does not verify against the other's JWKS", async () => {
    const { accessToken } = await loginAs(idp.issuers.statlig, 'af-staff');
    await expect(jwtVerify(accessToken, jwksOf(idp.issuers.kommun))).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    });
    const kommunKid = (await getJson(`${idp.issuers.kommun}/jwks`)).keys[0].kid;
    expect(decodeProtectedHeader(accessToken).kid).not.toBe(kommunKid);
  });

  test('devIssuerConfigs: how the gateway and the directory trust the two issuers', () => {
    expect(devIssuerConfigs(idp.issuers)).toEqual([
      { issuer: idp.issuers.kommun, audience: 'finsam-graph', algorithms: ['ES256'], platform: true },
      { issuer: idp.issuers.statlig, audience: 'finsam-graph', algorithms: ['ES256'], platform: false },
    ]);
  });

  test('with a keys file, a token from before a restart still verifies', async () => {
    const keysFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-idp-')), 'idp-keys.json');
    const first = await startDevIdentityProviders({ keysFile });
    const { accessToken } = await loginAs(first.issuers.kommun, 'platform-admin');
    await first.stop();
    const second = await startDevIdentityProviders({ keysFile });
    try {
      await expect(jwtVerify(accessToken, jwksOf(second.issuers.kommun))).resolves.toBeTruthy();
    } finally {
      await second.stop();
      fs.rmSync(path.dirname(keysFile), { recursive: true });
    }
  });
});
