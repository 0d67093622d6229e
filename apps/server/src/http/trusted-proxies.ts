import { BlockList, isIP } from 'node:net';

/** Named address ranges, as reverse-proxy setups usually describe where their proxy is. */
const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * Checks one `HM_TRUST_PROXY` list entry: an address, a CIDR range or a named range
 * (`loopback`, `linklocal`, `uniquelocal`); returns why it is not one, or null.
 */
export function trustedProxyProblem(entry: string): string | null {
  if (entry in NAMED_RANGES) return null;
  const [address = '', bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined)
    return `"${entry}" is not an address, a CIDR range or loopback/linklocal/uniquelocal`;
  if (bits === undefined) return null;
  const n = Number(bits);
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && n <= max ? null : `"${entry}" has a prefix length outside 0–${max}`;
}

/**
 * Whether a peer may tell us the client's address and scheme (X-Forwarded-*): everyone (`true`),
 * no one (`false`), or the peers in a list of addresses and ranges.
 *
 * @example
 * const trusts = proxyTrust(['loopback', '10.0.0.0/8']);
 * trusts('::ffff:127.0.0.1') // true
 */
export function proxyTrust(setting: boolean | readonly string[]): (address: string | undefined) => boolean {
  if (typeof setting === 'boolean') return () => setting;
  const list = new BlockList();
  for (const entry of setting.flatMap((e) => NAMED_RANGES[e] ?? [e])) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return (raw) => {
    if (!raw) return false;
    // An IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d.
    const address = raw.startsWith('::ffff:') && isIP(raw.slice(7)) === 4 ? raw.slice(7) : raw;
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}
