import { ConvertError, type TextPosition } from './convert-error.js';
import { displayText, startsWithVariable } from './interpolation.js';
import type { ShellWord } from './shell-words.js';

/**
 * Every flag of `docker run` / `docker create` (Docker 28) by its long name, and whether it takes a
 * value. Knowing the value-taking ones matters even for flags Compose has no use for: their value
 * must not be mistaken for the image.
 */
export const RUN_FLAGS = {
  'add-host': 'value',
  annotation: 'value',
  attach: 'value',
  'blkio-weight': 'value',
  'blkio-weight-device': 'value',
  'cap-add': 'value',
  'cap-drop': 'value',
  'cgroup-parent': 'value',
  cgroupns: 'value',
  cidfile: 'value',
  'cpu-count': 'value',
  'cpu-percent': 'value',
  'cpu-period': 'value',
  'cpu-quota': 'value',
  'cpu-rt-period': 'value',
  'cpu-rt-runtime': 'value',
  'cpu-shares': 'value',
  cpus: 'value',
  'cpuset-cpus': 'value',
  'cpuset-mems': 'value',
  detach: 'bool',
  'detach-keys': 'value',
  device: 'value',
  'device-cgroup-rule': 'value',
  'device-read-bps': 'value',
  'device-read-iops': 'value',
  'device-write-bps': 'value',
  'device-write-iops': 'value',
  'disable-content-trust': 'bool',
  dns: 'value',
  'dns-option': 'value',
  'dns-search': 'value',
  domainname: 'value',
  entrypoint: 'value',
  env: 'value',
  'env-file': 'value',
  expose: 'value',
  gpus: 'value',
  'group-add': 'value',
  'health-cmd': 'value',
  'health-interval': 'value',
  'health-retries': 'value',
  'health-start-interval': 'value',
  'health-start-period': 'value',
  'health-timeout': 'value',
  help: 'bool',
  hostname: 'value',
  init: 'bool',
  interactive: 'bool',
  'io-maxbandwidth': 'value',
  'io-maxiops': 'value',
  ip: 'value',
  ip6: 'value',
  ipc: 'value',
  isolation: 'value',
  'kernel-memory': 'value',
  label: 'value',
  'label-file': 'value',
  link: 'value',
  'link-local-ip': 'value',
  'log-driver': 'value',
  'log-opt': 'value',
  'mac-address': 'value',
  memory: 'value',
  'memory-reservation': 'value',
  'memory-swap': 'value',
  'memory-swappiness': 'value',
  mount: 'value',
  name: 'value',
  network: 'value',
  'network-alias': 'value',
  'no-healthcheck': 'bool',
  'oom-kill-disable': 'bool',
  'oom-score-adj': 'value',
  pid: 'value',
  'pids-limit': 'value',
  platform: 'value',
  privileged: 'bool',
  publish: 'value',
  'publish-all': 'bool',
  pull: 'value',
  quiet: 'bool',
  'read-only': 'bool',
  restart: 'value',
  rm: 'bool',
  runtime: 'value',
  'security-opt': 'value',
  'shm-size': 'value',
  'sig-proxy': 'bool',
  'stop-signal': 'value',
  'stop-timeout': 'value',
  'storage-opt': 'value',
  sysctl: 'value',
  tmpfs: 'value',
  tty: 'bool',
  ulimit: 'value',
  'use-api-socket': 'bool',
  user: 'value',
  userns: 'value',
  uts: 'value',
  volume: 'value',
  'volume-driver': 'value',
  'volumes-from': 'value',
  workdir: 'value',
} as const satisfies Record<string, 'value' | 'bool'>;

/** A `docker run` flag by its long name, aliases resolved (`--net` is `network`). */
export type RunFlagName = keyof typeof RUN_FLAGS;

const LONG_ALIASES: Record<string, RunFlagName> = {
  net: 'network',
  'net-alias': 'network-alias',
  'dns-opt': 'dns-option',
};

const SHORT_FLAGS: Record<string, RunFlagName> = {
  a: 'attach',
  c: 'cpu-shares',
  d: 'detach',
  e: 'env',
  h: 'hostname',
  i: 'interactive',
  l: 'label',
  m: 'memory',
  p: 'publish',
  P: 'publish-all',
  q: 'quiet',
  t: 'tty',
  u: 'user',
  v: 'volume',
  w: 'workdir',
};

/** One flag as used in the command. */
export interface RunFlagUse {
  flag: RunFlagName;
  /** The value; `true` or `false` for a boolean flag. */
  value: string;
  /** The flag as typed (`-p`, `--publish`), for messages. */
  typed: string;
  position: TextPosition;
}

/** A `docker run` command taken apart: its flags in order, the image, and the command after it. */
export interface ParsedRun {
  flags: RunFlagUse[];
  image: ShellWord;
  /** The words after the image, each kept whole (Compose's list form keeps the quoting exact). */
  command: string[];
  warnings: string[];
}

// Options of the docker (and podman) CLI itself, before `run`: they pick the engine or the
// client's behaviour, not the container's, so they are read past and left out.
const GLOBAL_VALUE_OPTIONS = new Set([
  '-H',
  '--host',
  '-c',
  '--context',
  '--config',
  '-l',
  '--log-level',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
  '--connection',
  '--url',
  '--identity',
  '--root',
  '--runroot',
  '--storage-driver',
  '--cgroup-manager',
]);
const SUDO_VALUE_OPTIONS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '-R']);
const TYPOGRAPHIC_DASH = /^[\u2010-\u2015\u2212]/;

/**
 * Takes a `docker run` command apart: `docker run`, `docker container run`, `docker create`,
 * `podman run`, with or without `sudo`, then flags in every form the docker CLI accepts (`--name x`,
 * `--name=x`, `-p80:80`, `-itd`, `-dp 80:80`, `--rm=false`), the image, and the command after it.
 * An unknown flag is a warning (read as a boolean: its value, if it has one, would become the
 * image); a flag without its value, or no image, is a `ConvertError` naming the word and position.
 * @example
 * parseDockerRun(splitShellWords('docker run -d -p 80:80 nginx').words).flags[1]; // { flag: 'publish', value: '80:80', … }
 */
export function parseDockerRun(words: ShellWord[]): ParsedRun {
  const warnings: string[] = [];
  let k = skipToRunFlags(words, warnings);
  const flags: RunFlagUse[] = [];
  while (k < words.length) {
    const word = words[k] as ShellWord;
    const text = word.text;
    if (text === '--') {
      k++;
      break;
    }
    if (TYPOGRAPHIC_DASH.test(text)) {
      throw new ConvertError(
        `${text} starts with a typographic dash; a flag starts with plain hyphens, like --name or -p`,
        word.position,
      );
    }
    if (text.startsWith('--') && text.length > 2) k = readLongFlag(words, k, flags, warnings);
    else if (text.startsWith('-') && text.length > 1) k = readShortFlags(words, k, flags, warnings);
    else break;
  }
  const image = words[k];
  if (!image) {
    const last = words[words.length - 1];
    throw new ConvertError(
      'the command names no image: put it after the options, like docker run -d -p 8080:80 nginx:1.27',
      last?.position,
    );
  }
  if (!/^[A-Za-z0-9]/.test(image.text) && !startsWithVariable(image.text)) {
    throw new ConvertError(
      `${displayText(image.text) || 'an empty word'} is not an image name (images look like nginx:1.27 or ghcr.io/owner/app)`,
      image.position,
    );
  }
  if (/\s/.test(image.text)) {
    throw new ConvertError(
      `"${displayText(image.text)}" is not an image name: it contains spaces`,
      image.position,
    );
  }
  return { flags, image, command: words.slice(k + 1).map((w) => w.text), warnings };
}

/** Reads past `sudo`, `docker`, global options and `run`; returns the index of the first run flag. */
function skipToRunFlags(words: ShellWord[], warnings: string[]): number {
  let k = 0;
  if (words[k]?.text === '$') k++; // a copied prompt
  while (words[k] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k]?.text ?? '')) {
    warnings.push(
      `${displayText(words[k]?.text ?? '')} before the command sets the docker CLI's environment, not the container's; it was left out`,
    );
    k++;
  }
  if (/^(sudo|doas)$/.test(baseName(words[k]?.text ?? ''))) {
    k++;
    while (words[k]?.text.startsWith('-')) {
      const option = words[k]?.text ?? '';
      k += option === '--' ? 1 : SUDO_VALUE_OPTIONS.has(option) ? 2 : 1;
      if (option === '--') break;
    }
  }
  const program = words[k];
  if (!program || !/^(docker|podman)(\.exe)?$/.test(baseName(program.text))) {
    throw new ConvertError(
      program
        ? `this reads docker run commands, and this one starts with ${displayText(program.text)}: paste a command like docker run -d nginx`
        : 'paste a docker run command, like docker run -d -p 8080:80 nginx',
      program?.position,
    );
  }
  k++;
  while (words[k]?.text.startsWith('-')) {
    const option = words[k] as ShellWord;
    const [name = '', attached] = splitAtEquals(option.text);
    warnings.push(
      `${displayText(option.text)} is an option of the ${baseName(program.text)} CLI, not of the container; it was left out`,
    );
    k += GLOBAL_VALUE_OPTIONS.has(name) && attached === undefined ? 2 : 1;
  }
  const sub = words[k];
  const subcommand = sub?.text === 'container' ? words[k + 1] : sub;
  if (subcommand?.text === 'run' || subcommand?.text === 'create') return sub === subcommand ? k + 1 : k + 2;
  const found = [sub?.text, sub === subcommand ? undefined : subcommand?.text].filter(Boolean).join(' ');
  throw new ConvertError(
    found
      ? `expected ${baseName(program.text)} run …, found ${baseName(program.text)} ${displayText(found)}: only run (and create) commands convert to a service`
      : `${baseName(program.text)} is not followed by run: paste a whole command, like docker run -d nginx`,
    (subcommand ?? sub ?? program).position,
  );
}

function readLongFlag(words: ShellWord[], k: number, flags: RunFlagUse[], warnings: string[]): number {
  const word = words[k] as ShellWord;
  const [typed = '', attached] = splitAtEquals(word.text);
  const name = typed.slice(2);
  const flag = name in RUN_FLAGS ? (name as RunFlagName) : LONG_ALIASES[name];
  if (!flag) {
    warnings.push(unknownFlagWarning(typed, attached !== undefined));
    return k + 1;
  }
  if (RUN_FLAGS[flag] === 'bool') {
    flags.push({ flag, value: booleanValue(typed, attached, word), typed, position: word.position });
    return k + 1;
  }
  if (attached !== undefined) {
    flags.push({ flag, value: attached, typed, position: word.position });
    return k + 1;
  }
  flags.push({ flag, value: valueAfter(words, k, typed), typed, position: word.position });
  return k + 2;
}

/** `-itd`, `-p80:80`, `-e=A=b`, `-dp 80:80`, `-t=false`: booleans until the first flag that takes a value. */
function readShortFlags(words: ShellWord[], k: number, flags: RunFlagUse[], warnings: string[]): number {
  const word = words[k] as ShellWord;
  const letters = word.text.slice(1);
  for (let j = 0; j < letters.length; j++) {
    const letter = letters[j] as string;
    const typed = `-${letter}`;
    const flag = SHORT_FLAGS[letter];
    if (!flag) {
      warnings.push(unknownFlagWarning(typed, false));
      continue;
    }
    if (RUN_FLAGS[flag] === 'bool') {
      const attached = letters[j + 1] === '=' ? letters.slice(j + 2) : undefined;
      flags.push({ flag, value: booleanValue(typed, attached, word), typed, position: word.position });
      if (attached !== undefined) return k + 1;
      continue;
    }
    const rest = letters.slice(j + 1).replace(/^=/, '');
    if (rest !== '') {
      flags.push({ flag, value: rest, typed, position: word.position });
      return k + 1;
    }
    flags.push({ flag, value: valueAfter(words, k, typed), typed, position: word.position });
    return k + 2;
  }
  return k + 1;
}

function valueAfter(words: ShellWord[], k: number, typed: string): string {
  const next = words[k + 1];
  if (!next) {
    throw new ConvertError(
      `${typed} needs a value, and the command ends after it`,
      (words[k] as ShellWord).position,
    );
  }
  return next.text;
}

function booleanValue(typed: string, attached: string | undefined, word: ShellWord): string {
  if (attached === undefined || attached === 'true' || attached === '1') return 'true';
  if (attached === 'false' || attached === '0') return 'false';
  throw new ConvertError(
    `${typed} is on or off: write ${typed}, ${typed}=true or ${typed}=false, not ${typed}=${displayText(attached)}`,
    word.position,
  );
}

const unknownFlagWarning = (typed: string, hasValue: boolean) =>
  hasValue
    ? `${typed} is not a docker run flag this converter knows; it was left out`
    : `${typed} is not a docker run flag this converter knows; it was left out, read as on/off (if it takes a value, write ${typed}=value, or the value is read as the image)`;

function splitAtEquals(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq === -1 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
