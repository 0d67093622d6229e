function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Whether a WebSocket handshake may proceed given its Origin. Browsers send cookies with cross-site
 * WebSocket handshakes and SameSite does not cover every case, so a page on another site must not
 * be able to open a socket with the user's session.
 * - no Origin: not a browser (CLI, agent, script), allowed — it must still authenticate;
 * - the same origin as the Host the request was sent to: allowed;
 * - one of `allowed` (HM_ALLOWED_ORIGINS): allowed;
 * - anything else, including the opaque `null` origin: refused.
 * @example isAllowedOrigin('https://hm.example.com', 'hm.example.com', []) === true
 */
export function isAllowedOrigin(
  origin: string | undefined,
  hostHeader: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined || origin === '') return true;
  const normalized = originOf(origin);
  if (!normalized) return false;
  if (hostHeader) {
    // Read the Host with the Origin's scheme, so an explicit default port (":443") still matches.
    const sameSite = originOf(`${new URL(normalized).protocol}//${hostHeader}`);
    if (sameSite === normalized) return true;
  }
  return allowed.some((entry) => originOf(entry) === normalized);
}
