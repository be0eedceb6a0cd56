/**
 * How every figure about people is published (the policy: ../domain/disclosure.ts): a count or an
 * average, with `suppressed` set — and no value, never 0 — when it could reveal a person.
 */

import type { Published } from '../domain/disclosure.js';
import type { KeyCount } from '../domain/year-figures.js';
import { builder } from './builder.js';

const SUPPRESSED = 'Whether the figure is withheld (then `value` is null) because it could reveal a person.';

export const DisclosedCount = builder.objectRef<Published>('DisclosedCount').implement({
  description:
    'A count of people under disclosure control: `suppressed` (value null, never 0) when it is from 1 to the ' +
    'minimum n − 1, or when it could be worked out from other published figures.',
  fields: (t) => ({
    suppressed: t.exposeBoolean('suppressed', { description: SUPPRESSED }),
    value: t.exposeInt('value', { nullable: true, description: 'The count; null when suppressed.' }),
  }),
});

export const DisclosedAverage = builder.objectRef<Published>('DisclosedAverage').implement({
  description: 'An average or a share of people: suppressed when fewer than the minimum n are behind it.',
  fields: (t) => ({
    suppressed: t.exposeBoolean('suppressed', { description: SUPPRESSED }),
    value: t.exposeFloat('value', {
      nullable: true,
      description: 'The average or share; null when suppressed, or when there is nobody to average over.',
    }),
  }),
});

export const Count = builder.objectRef<KeyCount>('CountByKey').implement({
  description:
    'A count of participations for one key of a breakdown (a kön, a kommun, an outcome…); a key is listed only ' +
    'when someone is counted under it.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The key counted by, e.g. KVINNA, an SCB kommun code or STUDIER.' }),
    count: t.field({ type: DisclosedCount, description: 'How many.', resolve: (c) => c.count }),
  }),
});
