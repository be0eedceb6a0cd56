/**
 * What the kit does to every subgraph's schema after Pothos has built it (`defineSubgraph`). A
 * change to a field is made on the field and on its type's AST node: the subgraph SDL (and so the
 * supergraph) is printed from the AST node where a type has one.
 */
import {
  type FieldDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isNonNullType,
  isObjectType,
  Kind,
  type TypeNode,
} from 'graphql';

/** Rewrites the AST nodes of the named fields of `type`. */
function patchFieldNodes(
  type: GraphQLObjectType,
  names: ReadonlySet<string>,
  patch: (node: FieldDefinitionNode) => FieldDefinitionNode,
): void {
  if (type.astNode && names.size) {
    type.astNode = {
      ...type.astNode,
      fields: type.astNode.fields?.map((f) => (names.has(f.name.value) ? patch(f) : f)),
    };
  }
}

/**
 * Descriptions for what the errors plugin generates per mutation and cannot be told in its
 * options: the `data` field of each `Mutation…Success` type. Everything else a client sees is
 * described where it is defined (schema/ keeps ≥ 95 % described; a test checks).
 */
export function describeGenerated(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !/^Mutation\w+Success$/.test(type.name)) {
      continue;
    }
    const data = type.getFields().data;
    if (data && !data.description) {
      data.description = `The ${getNamedType(data.type).name} as the mutation left it.`;
      const description = { kind: Kind.STRING, value: data.description } as const;
      patchFieldNodes(type, new Set(['data']), (f) => ({ ...f, description }));
    }
  }
  return schema;
}

/** The entity every subgraph contributes to; its fields are each one subgraph's. */
const SHARED_ENTITIES = new Set(['ForbundYear']);

interface DirectiveUse {
  name: string;
  args?: { fields?: string };
}

/**
 * Failures show, and only where they are (DESIGN.md, failure and errors): a field this subgraph
 * adds to another subgraph's entity (an `@extends` type), and each subgraph's part of the shared
 * report node `ForbundYear`, is nullable. When this subgraph is down the gateway answers everything
 * the others own, with these fields null and an error that names the subgraph and the path, instead
 * of a null that climbs to the root and erases the whole answer. Key fields stay non-null, and so do
 * `@external` fields: they are the owner's, declared as the owner has them (composition checks that).
 */
export function nullableWhereOwnedElsewhere(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) {
      continue;
    }
    const directives = (type.extensions?.directives ?? []) as DirectiveUse[];
    if (!directives.some((d) => d.name === 'extends') && !SHARED_ENTITIES.has(type.name)) {
      continue;
    }
    const keys = new Set(
      directives.flatMap((d) => (d.name === 'key' ? (d.args?.fields ?? '').split(/\s+/).filter(Boolean) : [])),
    );
    const loosened = new Set<string>();
    for (const field of Object.values(type.getFields())) {
      const external = ((field.extensions?.directives ?? []) as DirectiveUse[]).some((d) => d.name === 'external');
      if (!keys.has(field.name) && !external && isNonNullType(field.type)) {
        field.type = field.type.ofType;
        loosened.add(field.name);
      }
    }
    patchFieldNodes(type, loosened, (f) =>
      f.type.kind === Kind.NON_NULL_TYPE ? { ...f, type: f.type.type as TypeNode } : f,
    );
  }
  return schema;
}
