import { csvFields } from './csv-fields.js';
import type { RunFlagUse } from './docker-run-parse.js';
import { displayText, hasVariable, startsWithVariable, variableMark } from './interpolation.js';
import type { ServiceDraft } from './run-draft.js';
import type { LongVolume, TopLevelVolume } from './service-model.js';

/** A volume name as the engine accepts it. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const PROPAGATIONS = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);
const VOLUME_MODES = new Set(['ro', 'rw', 'z', 'Z', 'nocopy', ...PROPAGATIONS]);
const PWD = variableMark('PWD');

/**
 * `-v source:target[:mode]` (or `-v target` for an anonymous volume), kept in Compose's short
 * syntax as typed. A named source is declared at the top level under its own name; `$PWD` at the
 * start of a path becomes `.`, the stack's folder.
 */
export function volumeFlag(draft: ServiceDraft, use: RunFlagUse): void {
  const parts = use.value.split(':');
  if (parts.length > 3 || parts.some((p) => p === '')) {
    throw draft.fail(
      use,
      'expected source:target[:mode] or a path inside the container, like pgdata:/var/lib/postgresql/data',
    );
  }
  if (parts.length === 1) {
    containerPath(draft, use, parts[0] ?? '');
    draft.pushVolume(use.value);
    return;
  }
  const [typedSource = '', target = '', mode] = parts;
  containerPath(draft, use, target);
  for (const m of mode?.split(',') ?? []) {
    if (!VOLUME_MODES.has(m))
      throw draft.fail(use, `${m} is not a volume mode (ro, rw, z, Z, nocopy or a propagation)`);
  }
  const source = hostSource(draft, use, typedSource);
  draft.pushVolume([source, target, ...(mode ? [mode] : [])].join(':'));
}

/** `--mount type=bind|volume|tmpfs,source=…,target=…,…`, in Compose's long syntax (tmpfs: its `tmpfs:` list). */
export function mountFlag(draft: ServiceDraft, use: RunFlagUse): void {
  const all = mountOptions(draft, use);
  // Every option but the volume's options and labels is single: the last one written wins.
  const options = new Map([...all].map(([key, values]) => [key, values.at(-1) ?? '']));
  const type = options.get('type') ?? 'volume';
  const target = options.get('target') ?? options.get('destination') ?? options.get('dst');
  if (!target) throw draft.fail(use, 'a mount needs a target, like target=/data');
  containerPath(draft, use, target);
  const source = options.get('source') ?? options.get('src');
  const readOnly = isOn(draft, use, options.get('readonly') ?? options.get('ro'));
  // (`consistency` is read and dropped: only Docker Desktop for Mac ever used it.)
  for (const dropped of ['bind-recursive', 'bind-nonrecursive', 'volume-subpath', 'image-subpath']) {
    if (options.has(dropped)) {
      draft.warn(
        `--mount ${dropped} has no equivalent in Compose v1; it was left out (${displayText(target)})`,
      );
    }
  }
  switch (type) {
    case 'bind': {
      if (!source || !isPath(source)) {
        throw draft.fail(use, 'a bind mount needs a source path on the host, like source=/srv/data');
      }
      const propagation = options.get('bind-propagation');
      if (propagation !== undefined && !PROPAGATIONS.has(propagation)) {
        throw draft.fail(use, `${propagation} is not a bind propagation (rprivate, shared, slave, …)`);
      }
      draft.pushVolume(
        longVolume('bind', bindPath(draft, source), target, readOnly, {
          ...(propagation ? { bind: { propagation } } : {}),
        }),
      );
      return;
    }
    case 'volume': {
      if (source !== undefined) namedVolume(draft, use, source);
      const declared = source === undefined ? undefined : draft.volumes[source];
      if (declared) volumeOptions(draft, use, all, declared);
      else if (options.has('volume-driver') || options.has('volume-opt') || options.has('volume-label')) {
        draft.warn(
          `--mount volume options need a named volume (source=…); they were left out (${displayText(target)})`,
        );
      }
      const nocopy = isOn(draft, use, options.get('volume-nocopy'));
      draft.pushVolume(
        longVolume('volume', source, target, readOnly, nocopy ? { volume: { nocopy: true } } : {}),
      );
      return;
    }
    case 'tmpfs': {
      const size = options.get('tmpfs-size');
      const mode = options.get('tmpfs-mode');
      const tmpfsOptions = [...(size ? [`size=${size}`] : []), ...(mode ? [`mode=${mode}`] : [])];
      draft.push('tmpfs', tmpfsOptions.length > 0 ? `${target}:${tmpfsOptions.join(',')}` : target);
      return;
    }
    default:
      draft.warn(
        `--mount type=${displayText(type)} has no equivalent in Compose v1; that mount was left out`,
      );
  }
}

/** `--volume-driver`: the driver of every named volume the command uses. */
export function settleVolumeDriver(draft: ServiceDraft): void {
  const driver = draft.pending.volumeDriver;
  if (driver === undefined) return;
  const named = Object.values(draft.volumes);
  if (named.length === 0)
    draft.warn('--volume-driver applies to named volumes, and the command uses none; it was left out');
  for (const volume of named) volume.driver ??= driver;
}

function longVolume(
  type: LongVolume['type'],
  source: string | undefined,
  target: string,
  readOnly: boolean,
  extra: Pick<LongVolume, 'bind' | 'volume'>,
): LongVolume {
  return {
    type,
    ...(source !== undefined ? { source } : {}),
    target,
    ...(readOnly ? { read_only: true } : {}),
    ...extra,
  };
}

function mountOptions(draft: ServiceDraft, use: RunFlagUse): Map<string, string[]> {
  const options = new Map<string, string[]>();
  for (const field of csvFields(use.value)) {
    const eq = field.indexOf('=');
    const key = (eq === -1 ? field : field.slice(0, eq)).trim().toLowerCase();
    const value = eq === -1 ? '' : field.slice(eq + 1);
    if (key === '') throw draft.fail(use, 'an empty option; expected key=value pairs separated by commas');
    options.set(key, [...(options.get(key) ?? []), value]);
  }
  const known =
    /^(type|source|src|target|destination|dst|readonly|ro|consistency|bind-propagation|bind-recursive|bind-nonrecursive|volume-driver|volume-label|volume-nocopy|volume-opt|volume-subpath|tmpfs-size|tmpfs-mode|image-subpath)$/;
  for (const key of options.keys()) {
    if (!known.test(key)) throw draft.fail(use, `${key} is not a --mount option`);
  }
  return options;
}

function volumeOptions(
  draft: ServiceDraft,
  use: RunFlagUse,
  options: Map<string, string[]>,
  declared: TopLevelVolume,
): void {
  const driver = options.get('volume-driver')?.at(-1);
  if (driver) declared.driver = driver;
  for (const [key, into] of [
    ['volume-opt', 'driver_opts'],
    ['volume-label', 'labels'],
  ] as const) {
    for (const pair of options.get(key) ?? []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw draft.fail(use, `${key} takes name=value, like ${key}=type=nfs`);
      draft.refuseVariableName(use, pair.slice(0, eq));
      (declared[into] ??= {})[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
}

/** Where a mount is inside the container: an absolute path. */
function containerPath(draft: ServiceDraft, use: RunFlagUse, path: string): void {
  if (!path.startsWith('/') && !startsWithVariable(path)) {
    throw draft.fail(use, `${displayText(path)} is not an absolute path inside the container`);
  }
}

/** A bind path or a volume name, told apart as `-v` does; named volumes are declared. */
function hostSource(draft: ServiceDraft, use: RunFlagUse, source: string): string {
  if (isPath(source)) return bindPath(draft, source);
  namedVolume(draft, use, source);
  return source;
}

const isPath = (source: string) => /^[/.~]/.test(source) || hasVariable(source);

/** A host path for Compose, which reads relative paths from the stack's folder. */
function bindPath(draft: ServiceDraft, source: string): string {
  if (source.startsWith(PWD)) {
    draft.warn(
      `$PWD (the folder the command ran in) became ., the stack's folder: put the files there or write the full path (${displayText(source)})`,
    );
    return `.${source.slice(PWD.length)}`;
  }
  if (source.startsWith('.')) {
    draft.warn(`the relative path ${displayText(source)} is now relative to the stack's folder`);
  } else if (source.startsWith('~')) {
    draft.warn(
      `Compose reads ${displayText(source)} from the home folder of the user it runs as (the daemon's), which may not be yours`,
    );
  }
  return source;
}

function namedVolume(draft: ServiceDraft, use: RunFlagUse, name: string): void {
  if (!VOLUME_NAME.test(name)) {
    throw draft.fail(
      use,
      `${displayText(name)} is neither an absolute path nor a volume name (letters, digits, _ . -, at least two characters)`,
    );
  }
  draft.volumes[name] ??= { name };
}

function isOn(draft: ServiceDraft, use: RunFlagUse, value: string | undefined): boolean {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === '' || value === 'true' || value === '1') return true;
  throw draft.fail(use, `${value} is not true or false`);
}
