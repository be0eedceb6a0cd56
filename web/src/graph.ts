/**
 * The graph client (urql): the access token as a Bearer token, and the förbund the person works in now in
 * `x-finsam-forbund` (the gateway checks the choice against their grants on every request).
 */
import { Client, cacheExchange, fetchExchange } from 'urql';

export const FORBUND_HEADER = 'x-finsam-forbund';

/** What every request to the gateway carries: the graph's and the file downloads' (`components/Download.tsx`). */
export function gatewayHeaders(accessToken: string, forbundId: string | null): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${accessToken}` };
  if (forbundId) {
    headers[FORBUND_HEADER] = forbundId;
  }
  return headers;
}

export function graphClient(url: string, accessToken: string, forbundId: string | null): Client {
  const headers = gatewayHeaders(accessToken, forbundId);
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: { headers },
    // POST with a JSON body: the gateway's CSRF prevention refuses a GET without a preflight header.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
  });
}

/** A client without a token: the respondent answering with a svarskod is anonymous (`views/Respond.tsx`). */
export function anonymousClient(url: string): Client {
  return new Client({ url, exchanges: [fetchExchange], preferGetMethod: false, requestPolicy: 'network-only' });
}
