import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DockerEngine } from '../src/docker-engine.js';
import { HttpDockerEngine } from '../src/http-engine.js';

// The private engine and registry that scripts/test-env/*.sh start, passed in by the test runner.
function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: start the test engine with scripts/test-env/engine.sh and export HM_TEST_*`,
    );
  }
  return value;
}

export const testEnv = {
  dockerHost: required('HM_TEST_DOCKER_HOST'),
  image: required('HM_TEST_IMAGE'),
  registry: required('HM_TEST_REGISTRY'),
  engineDir: () => required('HM_TEST_ENGINE_DIR'),
};

/** A fresh engine client for the test engine. */
export function testEngine(): HttpDockerEngine {
  return HttpDockerEngine.fromUrl(testEnv.dockerHost);
}

/** A name prefix unique to one test file's run, so its containers can be found and removed. */
export function namePrefix(file: string): string {
  return `hm-${file}-${Date.now().toString(36)}-`;
}

/** Force-removes every container whose name starts with `prefix`. */
export async function removeContainers(engine: DockerEngine, prefix: string): Promise<void> {
  const containers = await engine.listContainers({ all: true, filters: { name: [prefix] } });
  const ours = containers.filter((c) => c.Names.some((n) => n.startsWith(`/${prefix}`)));
  await Promise.all(ours.map((c) => engine.removeContainer(c.Id, { force: true })));
}

const engineScript = fileURLToPath(new URL('../../../scripts/test-env/engine.sh', import.meta.url));

/** Stops or starts the test engine with engine.sh, without blocking the event loop meanwhile. */
export async function engineCtl(action: 'start' | 'stop'): Promise<void> {
  await promisify(execFile)('bash', [engineScript, action, testEnv.engineDir()], { timeout: 90_000 });
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
