/**
 * Every id in the graph is a UUID. An `ID` argument that is not one is the caller's mistake:
 * BAD_USER_INPUT naming the argument, before any resolver runs, rather than the database's
 * "invalid input syntax for type uuid" surfacing as an internal error. Ids inside input objects
 * are checked by each mutation's zod schema, at their path.
 */
import { createHash } from 'node:crypto';
import { defaultFieldResolver, type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import { badArgument } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * A name-based UUID (version 5, SHA-1, RFC 9562) of `name` within `namespace` (a UUID): the same
 * inputs give the same id in every subgraph, so records copied by a merger find each other (an insats'
 * copy is `derivedId(mergerId, insatsId)` in teams, participants and finance) and a repeated copy
 * writes nothing new.
 */
export function derivedId(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Wraps every field that takes `ID` arguments (or lists of them) with the check; returns the schema. */
export function checkIdArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) {
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const ids = field.args.filter((arg) => getNamedType(arg.type).name === 'ID').map((arg) => arg.name);
      if (ids.length === 0) {
        continue;
      }
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        for (const name of ids) {
          const value: unknown = args[name];
          if (value != null && !(Array.isArray(value) ? value : [value]).every(isUuid)) {
            throw badArgument(name, `\`${name}\` is not an id`);
          }
        }
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/**
 * One thing by its id through its DataLoader: `null` when there is none (or the id cannot be one,
 * e.g. in an `_entities` representation); every other failure stays an error — a database that is
 * down is not "not found".
 */
export function loadById<T>(loader: { load(id: string): Promise<T | null> }, id: string): Promise<T | null> {
  return isUuid(id) ? loader.load(id) : Promise.resolve(null);
}
