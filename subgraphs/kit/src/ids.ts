/**
 * Every id in the graph is a UUID. An `ID` argument that is not one is the caller's mistake:
 * BAD_USER_INPUT naming the argument, before any resolver runs, rather than the database's
 * "invalid input syntax for type uuid" surfacing as an internal error. Ids inside input objects
 * are checked by each mutation's zod schema, at their path.
 */
import { defaultFieldResolver, type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import { badArgument } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

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
