/**
 * Descriptions for what the errors plugin generates per mutation and cannot be told in its
 * options: the `data` field of each `Mutation…Success` type. Everything else a client sees is
 * described where it is defined (schema/ keeps ≥ 95 % described; a test checks).
 */
import { type GraphQLSchema, getNamedType, isObjectType, Kind } from 'graphql';

export function describeGenerated(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !/^Mutation\w+Success$/.test(type.name)) {
      continue;
    }
    const data = type.getFields().data;
    if (data && !data.description) {
      data.description = `The ${getNamedType(data.type).name} as the mutation left it.`;
      // The SDL is printed from the type's AST node where it has one.
      const description = { kind: Kind.STRING, value: data.description } as const;
      if (type.astNode) {
        type.astNode = {
          ...type.astNode,
          fields: type.astNode.fields?.map((f) => (f.name.value === 'data' ? { ...f, description } : f)),
        };
      }
    }
  }
  return schema;
}
