import { randomUUID } from 'node:crypto';
import { parseInput } from '@finsam/kit/validation.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { refuse } from '../domain/issues.js';
import { County } from '../entities/County.js';
import { Forbund } from '../entities/Forbund.js';
import { recordAccessEvent } from './AccessEvent.js';
import { builder } from './builder.js';

export const CountyRef = builder.objectRef<County>('County').implement({
  description: 'A county (län) as a set of förbund: what its county analysts see, in aggregates only.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The county’s id (`grantPlatformAccess` takes it).' }),
    name: t.exposeString('name', { description: 'Its name, e.g. "Västmanland".' }),
    forbundIds: t.exposeIDList('forbundIds', { description: 'The förbund in it.' }),
  }),
});

const CreateCountyInput = builder.inputType('CreateCountyInput', {
  description: 'A county and its förbund.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Its name, 2–100 characters, unique.' }),
    forbundIds: t.idList({ required: true, description: 'The förbund in it: 1–50 registered förbund.' }),
  }),
});

const createCountySchema = z.object({
  name: z.string().trim().min(2, 'Name is required').max(100),
  forbundIds: z
    .array(z.uuid())
    .min(1, 'Name at least one förbund')
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'A förbund is named twice'),
});

/** An issue for each of `ids` (at `path`, n) that is not a registered förbund; the caller reads every förbund. */
export async function unknownForbundIssues(em: EntityManager, ids: readonly string[], path: string[]) {
  const known = new Set((await em.find(Forbund, { id: { $in: ids } })).map((f) => f.id));
  return ids.flatMap((id, n) => (known.has(id) ? [] : [{ path: [...path, n], message: `No förbund ${id}` }]));
}

builder.queryField('counties', (t) =>
  t.field({
    type: [CountyRef],
    description: 'The counties, by name (platform administrators and county analysts).',
    authScopes: { countyReader: true },
    resolve: (_root, _args, ctx) => ctx.em.find(County, {}, { orderBy: { name: 'asc' } }),
  }),
);

builder.mutationField('createCounty', (t) =>
  t.field({
    type: CountyRef,
    description: 'Registers a county with its förbund. Platform administrators only.',
    authScopes: { platformAdmin: true },
    args: { input: t.arg({ type: CreateCountyInput, required: true, description: 'The county.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(createCountySchema, input);
      refuse(await unknownForbundIssues(ctx.em, data.forbundIds, ['input', 'forbundIds']));
      // A name already taken is a ConflictError at input.name (the builder's constraints).
      return ctx.em.transactional(async (tx) => {
        const county = tx.create(County, { id: randomUUID(), ...data, createdAt: new Date() });
        await tx.flush();
        await recordAccessEvent(tx, {
          tenantId: null,
          action: 'COUNTY_CREATED',
          subject: `county:${county.id}`,
          detail: data,
        });
        return county;
      });
    },
  }),
);
