import type { ContainerInspect } from '@harbourmaster/contracts';
import { isSecretEnvName } from '@harbourmaster/contracts';

// The rule the server applies for viewers; operators get real values and the panel hides them until
// asked, so a shared screen does not show a password.
export const MASK = '••••••••';

export const isSecretName = isSecretEnvName;

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
