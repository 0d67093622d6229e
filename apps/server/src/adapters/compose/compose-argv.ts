import type { ComposeCli } from './compose-cli.js';

/** TLS material for a remote engine, passed to Compose as DOCKER_TLS_VERIFY / DOCKER_CERT_PATH. */
export type ComposeTls = { certPath: string; verify: boolean };

/** Project names the Compose CLI accepts, and never an option: the stack-name grammar's subset. */
const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * The argv of one Compose call: `[...command, -p, project, --env-file …, ...args]`.
 * The caller has already reduced the env files to what this CLI accepts (see `prepareEnvFiles`).
 * @example composeArgv(['docker-compose'], 'web', ['/s/.env'], ['up', '-d']) // docker-compose -p web --env-file /s/.env up -d
 */
export function composeArgv(
  command: readonly string[],
  project: string,
  envFiles: readonly string[],
  args: readonly string[],
): string[] {
  if (!PROJECT_NAME.test(project)) {
    throw new Error(
      `compose project name "${project}" is not allowed: use lowercase letters, digits, _ and -`,
    );
  }
  return [...command, '-p', project, ...envFiles.flatMap((f) => ['--env-file', f]), ...args];
}

/** The arguments of a `config --quiet` check, for the folder's own file or a candidate file. */
export function validateArgs(cwd: string, file?: string): string[] {
  // With -f, Compose resolves relative paths against the file's folder; the stack folder is meant.
  return file ? ['-f', file, '--project-directory', cwd, 'config', '--quiet'] : ['config', '--quiet'];
}

/** Whether this CLI needs several env files merged into one (v1 takes `--env-file` only once). */
export function needsEnvMerge(kind: ComposeCli['kind'], envFiles: readonly string[]): boolean {
  return kind === 'standalone' && envFiles.length > 1;
}

/**
 * One env file's text from several, later files winning: Compose reads a file top to bottom and a
 * later assignment overrides an earlier one, so the texts are joined in order, each on its own lines.
 */
export function mergeEnvTexts(texts: readonly string[]): string {
  return texts.map((t) => (t === '' || t.endsWith('\n') ? t : `${t}\n`)).join('');
}

/**
 * The whole environment of a Compose child: only what it needs, never the daemon's own environment
 * (which holds HM_SECRET_KEY and would also leak into `${VAR}` interpolation of compose files).
 */
export function composeEnv(base: NodeJS.ProcessEnv, dockerHost: string, tls?: ComposeTls): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { DOCKER_HOST: dockerHost };
  if (base.PATH !== undefined) env.PATH = base.PATH;
  if (base.HOME !== undefined) env.HOME = base.HOME;
  if (tls) {
    env.DOCKER_CERT_PATH = tls.certPath;
    if (tls.verify) env.DOCKER_TLS_VERIFY = '1';
  }
  // Compose v1 is Python: without this its output to a pipe waits in a buffer instead of streaming.
  env.PYTHONUNBUFFERED = '1';
  return env;
}
