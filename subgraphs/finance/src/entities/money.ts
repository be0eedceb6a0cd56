import { p } from '@mikro-orm/core';

/**
 * Money is whole kronor, stored as `bigint` and summed as JS `bigint`: never a float, and no
 * sum can lose precision. The graph shows kronor as Int (see `kronor` in domain/money.ts).
 */
export const money = () => p.bigint('bigint');
