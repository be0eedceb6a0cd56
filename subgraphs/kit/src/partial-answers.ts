/**
 * Failures show, and only where they are (DESIGN.md, failure and errors): a field this subgraph
 * adds to another subgraph's entity (an `@extends` type), and each subgraph's part of the shared
 * report node `ForbundYear`, is nullable. When this subgraph is down the gateway answers everything
 * the others own, with these fields null and an error that names the subgraph and the path, instead
 * of a null that climbs to the root and erases the whole answer. Key fields stay non-null.
 */
import { type GraphQLSchema, isNonNullType, isObjectType, Kind, type TypeNode } from 'graphql';

/** The entity every subgraph contributes to; its fields are each one subgraph's. */
const SHARED_ENTITIES = new Set(['ForbundYear']);

interface DirectiveUse {
  name: string;
  args?: { fields?: string };
}

export function nullableWhereOwnedElsewhere(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) {
      continue;
    }
    const directives = (type.extensions?.directives ?? []) as DirectiveUse[];
    const extended = directives.some((d) => d.name === 'extends');
    if (!extended && !SHARED_ENTITIES.has(type.name)) {
      continue;
    }
    const keys = new Set(
      directives.flatMap((d) => (d.name === 'key' ? (d.args?.fields ?? '').split(/\s+/).filter(Boolean) : [])),
    );
    const loosened = new Set<string>();
    for (const field of Object.values(type.getFields())) {
      if (!keys.has(field.name) && isNonNullType(field.type)) {
        field.type = field.type.ofType;
        loosened.add(field.name);
      }
    }
    // The SDL is printed from the type's AST node where it has one.
    if (type.astNode && loosened.size) {
      type.astNode = {
        ...type.astNode,
        fields: type.astNode.fields?.map((f) =>
          loosened.has(f.name.value) && f.type.kind === Kind.NON_NULL_TYPE
            ? { ...f, type: f.type.type as TypeNode }
            : f,
        ),
      };
    }
  }
  return schema;
}
