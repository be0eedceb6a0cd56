/**
 * Query limits (graphql-armor). Generous enough for every screen the platform has,
 * tight enough that one request cannot ask for the whole database.
 */
import type { ApolloArmor } from '@escape.tech/graphql-armor';

export type ApolloArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;

export function limits(production: boolean, overrides: Partial<ApolloArmorConfig> = {}): ApolloArmorConfig {
  return {
    maxDepth: { n: 12 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 50 },
    // Counted by graphql-js's own parser (`parseOptions`, see gateway.ts): armor's token check throws
    // from a plugin, which Apollo answers with HTTP 500 instead of a parse error's 400.
    maxTokens: { enabled: false, n: 2000 },
    // Depth multiplies cost: Relay connections (edges → node) are deep by shape, not by size.
    costLimit: { maxCost: 20000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.2 },
    // Field suggestions ("Did you mean …?") help developers and leak the schema in production.
    blockFieldSuggestion: { enabled: production },
    ...overrides,
  };
}
