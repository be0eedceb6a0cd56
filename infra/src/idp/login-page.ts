/**
 * The login page of the development identity provider (Swedish, plain server-rendered HTML): choose one of the
 * issuer's accounts or type a username. No password: this provider exists only for development.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from 'oidc-provider';
import type { DevAccount, DevIssuer } from './issuer.js';

const ISSUER_NAMES: Record<string, string> = {
  kommun: 'kommun och region',
  statlig: 'Försäkringskassan och Arbetsförmedlingen',
};

const html = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page frame: Swedish, no scripts, no external resources. */
function page(title: string, body: string) {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  .dev { background: #fff3cd; border: 2px solid #8a6d00; padding: 0.5rem 1rem; }
  ul { list-style: none; padding: 0; } li { margin: 0.25rem 0; }
  button, input { font: inherit; padding: 0.4rem 0.8rem; }
  [role="alert"] { color: #8b0000; font-weight: bold; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export function loginPage(issuer: DevIssuer, action: string, problem?: string) {
  const who = ISSUER_NAMES[issuer.key] ?? issuer.key;
  const accounts = issuer
    .accounts()
    .map(
      (a: DevAccount) =>
        `<li><button type="submit" name="username" value="${html(a.username)}">${html(a.name)}` +
        ` <small>(${html(a.username)}, ${html(a.email)})</small></button></li>`,
    )
    .join('\n');
  return page(
    `Utvecklingsinloggning – ${who}`,
    `<h1>Utvecklingsinloggning</h1>
<p class="dev"><strong>Endast för utveckling.</strong> Här loggar du in utan lösenord som ett påhittat konto hos
<strong>${html(who)}</strong>. Riktiga användare loggar in hos sin arbetsgivare.</p>
${problem ? `<p role="alert">${html(problem)}</p>` : ''}
<form method="post" action="${html(action)}" aria-labelledby="choose-heading">
<h2 id="choose-heading">Välj ett konto</h2>
<ul>
${accounts}
</ul>
</form>
<form method="post" action="${html(action)}" aria-labelledby="type-heading">
<h2 id="type-heading">Eller skriv ett användarnamn</h2>
<p><label for="username">Användarnamn</label><br>
<input id="username" name="username" type="text" autocomplete="username" required></p>
<p><button type="submit">Logga in</button></p>
</form>`,
  );
}

/** What the person sees when the flow cannot go on (the provider's errors, an expired login). */
export function errorPage(text: string, detail?: string) {
  return page(
    'Inloggningen misslyckades',
    `<h1>Inloggningen misslyckades</h1>
<p role="alert">${html(text)}</p>
${detail ? `<p><code>${html(detail)}</code></p>` : ''}`,
  );
}

async function formBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * `GET {issuer}/interaction/:uid` shows the page, `POST {issuer}/interaction/:uid/login` logs in. The interaction
 * itself comes from the provider's cookie; the uid in the path only has to agree with it.
 */
export async function handleInteraction(
  issuer: DevIssuer,
  uid: string,
  step: 'page' | 'login',
  req: IncomingMessage,
  res: ServerResponse,
) {
  const { provider } = issuer;
  const action = `${new URL(issuer.url).pathname}/interaction/${encodeURIComponent(uid)}/login`;
  try {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.uid !== uid) {
      throw new errors.SessionNotFound('interaction does not match');
    }
    if (step === 'page' && req.method === 'GET') {
      return send(res, 200, loginPage(issuer, action));
    }
    if (step !== 'login' || req.method !== 'POST') {
      return send(res, 405, errorPage('Okänd begäran.', `${req.method} ${step}`));
    }
    const username = (await formBody(req)).get('username')?.trim() ?? '';
    const account = issuer.account(username);
    if (!account) {
      return send(res, 400, loginPage(issuer, action, `Det finns inget konto med användarnamnet "${username}".`));
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    );
  } catch (error) {
    if (error instanceof errors.SessionNotFound) {
      return send(res, 400, errorPage('Inloggningen har gått ut. Börja om från tjänsten du kom från.'));
    }
    throw error;
  }
}
