import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLError } from 'yaml';
import { closestName } from './closest-name.js';
import {
  allowsKey,
  childNodes,
  keysOf,
  kindsOf,
  rootNodes,
  type KeyInfo,
  type PathSegment,
  type SchemaNode,
  type ValueKind,
} from './compose-schema.js';

/** A problem in a Compose file, with the range of the text to mark. */
export interface ComposeDiagnostic {
  from: number;
  to: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

type Range = readonly [from: number, to: number];

/** Deeper than any Compose file: stops the walk on pathological input rather than the stack. */
const MAX_DEPTH = 64;

/** Compose's own merge tags; the YAML library does not know them and would warn. */
const COMPOSE_TAGS = new Set(['!reset', '!override']);

const YAML_MESSAGES: Readonly<Partial<Record<string, string>>> = {
  MULTIPLE_DOCS: 'A Compose file holds one YAML document: remove the `---` that starts a second one',
  TAB_AS_INDENT: 'Tabs cannot indent YAML: indent with spaces',
  DUPLICATE_KEY: 'This key is already in this mapping: a key may appear once',
};

/** What each top-level section holds, to name the place of an unknown key. */
const ENTITY: Readonly<Record<string, string>> = {
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
};

const SHAPE: Readonly<Record<ValueKind, string>> = {
  mapping: 'a mapping',
  list: 'a list',
  scalar: 'a single value',
  null: 'empty',
};

function syntaxDiagnostic(error: YAMLError, length: number): ComposeDiagnostic {
  const from = Math.min(error.pos[0], length);
  return {
    from,
    to: Math.min(Math.max(error.pos[1], from), length),
    severity: error.name === 'YAMLWarning' ? 'warning' : 'error',
    message: YAML_MESSAGES[error.code] ?? error.message.split('\n')[0] ?? error.code,
  };
}

const isComposeTag = (warning: YAMLError) =>
  warning.code === 'TAG_RESOLVE_FAILED' && COMPOSE_TAGS.has(warning.message.replace(/^.*: /, ''));

function kindOf(node: unknown): ValueKind | undefined {
  if (isMap(node)) return 'mapping';
  if (isSeq(node)) return 'list';
  if (isScalar(node)) return node.value === null ? 'null' : 'scalar';
  return undefined; // an alias: its anchor is checked where it is defined
}

function describeValue(node: unknown): string {
  if (!isScalar(node)) return SHAPE[kindOf(node) ?? 'scalar'];
  return typeof node.value === 'string' ? 'a string' : `a ${typeof node.value}`;
}

/** `deploy.resources.limits`, `ports` (of a `ports` item) — a path as the message shows it. */
const dotted = (path: readonly PathSegment[]) => path.filter((s) => typeof s === 'string').join('.');

/** The path inside a service, network… (`healthcheck`), or the whole path outside them. */
const localPath = (path: readonly PathSegment[]) =>
  typeof path[0] === 'string' && ENTITY[path[0]] && path.length >= 2 ? path.slice(2) : path;

const guesses = new WeakMap<readonly KeyInfo[], Map<string, string | undefined>>();

/** The key a mistyped one probably meant; remembered, as a copied block repeats its typo. */
function guessKey(name: string, keys: readonly KeyInfo[]): string | undefined {
  let known = guesses.get(keys);
  if (!known) guesses.set(keys, (known = new Map<string, string | undefined>()));
  if (!known.has(name))
    known.set(
      name,
      closestName(
        name,
        keys.map((key) => key.name),
      ),
    );
  return known.get(name);
}

function unknownKeyMessage(name: string, nodes: readonly SchemaNode[], path: readonly PathSegment[]): string {
  const keys = keysOf(nodes);
  const known = keys.map((key) => key.name);
  const guess = guessKey(name, keys);
  const hint = guess ? ` — did you mean \`${guess}\`?` : '';
  const section = typeof path[0] === 'string' ? ENTITY[path[0]] : undefined;
  if (known.length === 0 && path.length === 1 && section)
    return `\`${name}\` is not a valid ${section} name: use letters, digits, '.', '_' and '-'`;
  if (known.length === 0) return `\`${name}\` is not allowed under \`${dotted(path)}\``;
  if (path.length === 0) return `\`${name}\` is not a top-level Compose key${hint}`;
  if (path.length === 2 && section) return `\`${name}\` is not a ${section} key${hint}`;
  const local = localPath(path);
  const where = typeof local.at(-1) === 'number' ? `a \`${dotted(local)}\` item` : `\`${dotted(local)}\``;
  return `\`${name}\` is not a key of ${where}${hint}`;
}

function shapeMessage(node: unknown, accepted: ReadonlySet<ValueKind>, path: readonly PathSegment[]): string {
  const wanted = [...accepted]
    .filter((kind) => kind !== 'null')
    .map((kind) => SHAPE[kind])
    .join(' or ');
  const last = path.at(-1);
  const subject =
    path.length === 0
      ? 'A Compose file'
      : typeof last === 'number'
        ? `An item of \`${dotted(localPath(path))}\``
        : `\`${last}\``;
  return `${subject} should be ${wanted}, not ${describeValue(node)}`;
}

/** Walks the parsed document beside the schema, collecting unknown keys and wrong shapes. */
class SchemaChecker {
  readonly diagnostics: ComposeDiagnostic[] = [];

  check(node: unknown, nodes: readonly SchemaNode[], path: PathSegment[], mark: Range): void {
    if (path.length > MAX_DEPTH) return;
    const kind = kindOf(node);
    // Empty values (`key:`) are left alone: they are everywhere while a file is being written.
    if (!kind || kind === 'null') return;
    const accepted = kindsOf(nodes);
    if (accepted !== 'any' && !accepted.has(kind)) {
      this.warn(mark, shapeMessage(node, accepted, path));
      return;
    }
    if (isMap(node)) for (const pair of node.items) this.checkPair(pair, nodes, path);
    else if (isSeq(node))
      node.items.forEach((item, index) => {
        const range = (item as { range?: Range | null } | null)?.range;
        if (range) this.check(item, childNodes(nodes, index), [...path, index], range);
      });
  }

  private checkPair(pair: Pair, nodes: readonly SchemaNode[], path: PathSegment[]): void {
    const { key } = pair;
    if (!isScalar(key) || !key.range) return; // complex keys have no place in Compose
    const name = String(key.value);
    // `<<` merges an anchor (checked where defined); `x-…` keys hold anything.
    if (name === '<<' || name.startsWith('x-')) return;
    const mark: Range = [key.range[0], key.range[1]];
    if (!allowsKey(nodes, name)) {
      this.warn(mark, unknownKeyMessage(name, nodes, path));
      return;
    }
    this.check(pair.value, childNodes(nodes, name), [...path, name], mark);
  }

  private warn([from, to]: Range, message: string): void {
    this.diagnostics.push({ from, to, severity: 'warning', message });
  }
}

function lint(text: string): ComposeDiagnostic[] {
  const doc = parseDocument(text, { prettyErrors: false });
  const syntax = [...doc.errors, ...doc.warnings.filter((w) => !isComposeTag(w))].map((e) =>
    syntaxDiagnostic(e, text.length),
  );
  // With broken syntax the parser only guesses at the structure, and warnings about its guess
  // would bury the error: the schema is checked once the YAML parses.
  const root = doc.contents as { range?: Range | null } | null;
  if (doc.errors.length > 0 || !root?.range) return syntax;
  const checker = new SchemaChecker();
  checker.check(root, rootNodes, [], [root.range[0], root.range[1]]);
  return [...syntax, ...checker.diagnostics];
}

/**
 * Problems in a Compose file: YAML syntax errors where the parser found them, keys Compose does not
 * know (with the likely intended key) and values of the wrong shape. Never throws.
 * @example lintCompose('services:\n  web:\n    imagee: nginx\n')
 * // [{ from: 21, to: 27, severity: 'warning', message: '`imagee` is not a service key — did you mean `image`?' }]
 */
export function lintCompose(text: string): ComposeDiagnostic[] {
  try {
    return lint(text);
  } catch (error) {
    // A bug here must not take the editor down, but it must not hide either.
    const reason = error instanceof Error ? error.message : String(error);
    return [
      { from: 0, to: 0, severity: 'info', message: `The Compose checks failed on this text: ${reason}` },
    ];
  }
}
