/** A JSON-schema node, the draft-07 subset the Compose schema uses. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  deprecated?: boolean;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  enum?: unknown[];
  /** Values offered while typing; the standard keyword, never checked. */
  examples?: unknown[];
  required?: string[];
  definitions?: Record<string, SchemaNode>;
}

/** One step of a path into a YAML document: a mapping key or a list index. */
export type PathSegment = string | number;
