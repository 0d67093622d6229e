/** What a container's labels ask of self-healing. */
export interface HealPolicy {
  /** Restart it when it crashes (exits non-zero, OOM, or exits without anyone asking). */
  crash: boolean;
  /** Restart it (or its whole stack) when its health check fails. */
  unhealthy: boolean;
  /** Restarts before giving up (and alerting). */
  retries: number;
  /** For unhealthy: restart only the container, or every container of its Compose project. */
  scope: 'container' | 'stack';
}

export const HEAL_LABEL = 'harbourmaster.autoheal';
const MAX_RETRIES = 20;

/**
 * The policy from labels: `harbourmaster.autoheal=crash|unhealthy|both|true`,
 * `harbourmaster.autoheal.retries=<1..20>` (default 3), `harbourmaster.autoheal.scope=container|stack`.
 * Null when the container does not ask for it (or asks in a way we cannot read: nothing is guessed).
 * @example healPolicy({ 'harbourmaster.autoheal': 'crash' }) // { crash: true, unhealthy: false, retries: 3, scope: 'container' }
 */
export function healPolicy(labels: Readonly<Record<string, string>>): HealPolicy | null {
  const mode = labels[HEAL_LABEL]?.trim().toLowerCase();
  if (!mode || !['crash', 'unhealthy', 'both', 'true'].includes(mode)) return null;
  const retriesText = labels[`${HEAL_LABEL}.retries`];
  const retries = retriesText === undefined ? 3 : Number(retriesText);
  if (!Number.isInteger(retries) || retries < 1 || retries > MAX_RETRIES) return null;
  const scopeText = labels[`${HEAL_LABEL}.scope`] ?? 'container';
  if (scopeText !== 'container' && scopeText !== 'stack') return null;
  return {
    crash: mode !== 'unhealthy',
    unhealthy: mode !== 'crash',
    retries,
    scope: scopeText,
  };
}

/** The wait before restart number `attempt` (1-based): 1 s, 2 s, 4 s … at most 5 minutes. */
export function healDelayMs(attempt: number): number {
  return Math.min(5 * 60_000, 1000 * 2 ** (attempt - 1));
}
