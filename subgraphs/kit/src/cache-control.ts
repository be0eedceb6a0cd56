/**
 * Which answers the gateway may keep for a few seconds. The subgraphs decide, the gateway keeps:
 * a type marked `directives: cacheable` carries `@cacheControl(maxAge: CACHE_SECONDS)`. Apollo
 * Server's cache-control plugin in each subgraph turns the hints of what a request resolved into
 * its `Cache-Control` header — `no-store` unless every object it returned is of a marked type (or
 * the field says so) — and the gateway keeps a whole response only when every fetch of its plan
 * said it may (gateway/src/response-cache.ts).
 *
 * Mark only types that identify no one: audited reads of people must reach the subgraph each time.
 * Lists of people (participations, follow-ups) stay unmarked, so any query touching them is not kept.
 *
 * Every subgraph answer is for the one caller the gateway's token names (a förbund's data, a staff
 * member's insatser), so a cacheable one says `private, max-age=10`, never `public`: a shared cache
 * between gateway and subgraph that honoured `public` would serve one förbund's answer to another.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { DirectiveLocation, GraphQLDirective, GraphQLInt, specifiedDirectives } from 'graphql';

/** At most this stale for another gateway instance; a gateway's own mutations clear its cache at once. */
export const CACHE_SECONDS = 10;

/** Apollo's directive, without `scope`: the gateway keys every kept response by the caller's whole identity. */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: `The gateway may keep an answer made only of such objects for maxAge seconds, for the same caller.`,
  locations: [DirectiveLocation.OBJECT, DirectiveLocation.FIELD_DEFINITION],
  args: { maxAge: { type: GraphQLInt } },
});

/** The directives a subgraph schema declares besides GraphQL's own. */
export const subgraphDirectives = [...specifiedDirectives, cacheControlDirective];

/** `directives: cacheable` on a type whose objects identify no one: counts, budgets, calendars, names of insatser. */
export const cacheable = { cacheControl: { maxAge: CACHE_SECONDS } } as const;

/**
 * Makes every answer's cache policy private (`Cache-Control: max-age=…, private`; `no-store` stays
 * `no-store`): the gateway keeps private answers under the caller's identity (response-cache.ts).
 */
export const privateAnswers: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      // After execution: Apollo's own plugin skips its field hints when the policy is set before it starts.
      async executionDidStart({ overallCachePolicy }) {
        return {
          async executionDidEnd() {
            overallCachePolicy.restrict({ scope: 'PRIVATE' });
          },
        };
      },
    };
  },
};
