import type { ContainerInspect } from '@harbourmaster/engine/types';

// The same rule the server applies for viewers (container-mapper.ts); operators get real values and
// the panel hides them until asked, so a shared screen does not show a password.
const SECRET_NAME = /pass|secret|token|key|credential|auth|private/i;
export const MASK = '••••••••';

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** `NAME=value` split at the first `=`. */
export function splitEnv(entry: string): [string, string] {
  const i = entry.indexOf('=');
  return i < 0 ? [entry, ''] : [entry.slice(0, i), entry.slice(i + 1)];
}

/** The inspect document with secret-looking env values masked, for display. */
export function maskInspect(inspect: ContainerInspect): ContainerInspect {
  const env = inspect.Config.Env?.map((e) => {
    const [k] = splitEnv(e);
    return isSecretName(k) ? `${k}=${MASK}` : e;
  });
  return { ...inspect, Config: { ...inspect.Config, Env: env ?? null } };
}
