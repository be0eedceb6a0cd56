/**
 * Issue 23: the gateway keeps a person's access long (gateway/src/access.ts), but never past the
 * moment the directory says it changes by itself (`changesAt` of `resolveAccess`): a grant's last
 * day ending. The whole platform runs in this process on a clock the test moves (only `Date` and
 * `performance`; timers run as ever), so the gateway, the directory and the identity provider agree
 * that a day has ended.
 */
import { jest } from '@jest/globals';

jest.useFakeTimers({
  advanceTimers: true,
  doNotFake: [
    'hrtime',
    'nextTick',
    'queueMicrotask',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
  ],
});
// Imported on the moved clock: modules that keep `Date.now` read this one.
const { loginAs } = await import('@finsam/infra/idp/index.js');
const { addDays, today } = await import('@finsam/kit/dates.js');
const { codes, SODRA, startTestPlatform } = await import('./support/platform.js');
const { FORBUND_HEADER } = await import('@finsam/gateway/callers.js');

const p = await startTestPlatform();
afterAll(async () => {
  await p.close();
  jest.useRealTimers();
});

const INVITE = `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { __typename } }`;

/**
 * Which förbund the person works in through the platform's gateway, or the error codes. They ask for Södra
 * Dalarna by name, so once the directory no longer gives it the request is refused before any subgraph fetch.
 */
async function forbundOf(token: string) {
  const res = await p.gql('{ forbund { id } }', { token, headers: { [FORBUND_HEADER]: SODRA.id } });
  return res.errors ? codes(res) : res.data.forbund.id;
}

/** The questions this process's gateway has asked the directory, from its /metrics. */
async function directoryQuestions(): Promise<number> {
  const text = await (await fetch(p.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/^finsam_directory_questions_total (\d+)/m.exec(text)?.[1]);
}

describe('a grant whose validity ends', () => {
  it('stops at the end of its last day, however long its answer would be kept', async () => {
    const day = today();
    // Two minutes before the grant's last day ends (validity is by UTC day).
    jest.setSystemTime(new Date(`${day}T23:58:00Z`));
    const admin = (await loginAs(p.idp.issuers.kommun, 'sodra-dalarna-admin')).accessToken;
    const email = 'last-day@sodra.example';
    const invited = await p.gql(INVITE, {
      token: admin,
      variables: { input: { email, grants: [{ role: 'BOARD', validTo: day }] } },
    });
    expect(invited.data?.inviteUser.__typename).toBe('MutationInviteUserSuccess');
    p.idp.addAccount('kommun', { username: 'last-day', name: 'Last Day', email });
    const token = (await loginAs(p.idp.issuers.kommun, 'last-day')).accessToken;
    // The first sign-in claims the invitation, a change of access of its own: then the answer is kept.
    await forbundOf(token);
    expect(await forbundOf(token)).toBe(SODRA.id);
    const before = await directoryQuestions();
    expect(await forbundOf(token)).toBe(SODRA.id);
    expect((await directoryQuestions()) - before).toBe(0);
    // Half a minute into the next day: 2.5 minutes after it was asked, well within the gateway's long keep.
    jest.setSystemTime(new Date(`${addDays(day, 1)}T00:00:30Z`));
    expect(await forbundOf(token)).toEqual(['FORBIDDEN']);
    expect((await directoryQuestions()) - before).toBe(1);
  });
});
