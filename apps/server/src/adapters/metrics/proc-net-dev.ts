import { parseCount } from './kernel-text.js';

/** Cumulative bytes received and sent. */
export interface NetCounters {
  readonly rxBytes: number;
  readonly txBytes: number;
}

/** Interfaces not counted for a container: loopback is traffic with itself. */
export const isContainerExcludedInterface = (name: string): boolean => name === 'lo';

/**
 * Interfaces not counted for the host: loopback, and the engine's and other runtimes' virtual links
 * (each container's traffic crosses its veth and the bridge too, so counting them would count it twice
 * or thrice on top of the physical interface).
 */
export const isHostExcludedInterface = (name: string): boolean =>
  name === 'lo' || /^(veth|docker|br-|cni|flannel|virbr)/.test(name);

/**
 * Sums `/proc/<pid>/net/dev` over the interfaces `exclude` does not reject.
 *
 * @example
 * parseNetDev(text, isContainerExcludedInterface) // { rxBytes: …, txBytes: … } without lo
 */
export function parseNetDev(text: string, exclude: (name: string) => boolean): NetCounters {
  let rxBytes = 0;
  let txBytes = 0;
  for (const line of text.split('\n')) {
    // The two header lines hold `|`; every other non-empty line is `name: rx×8 tx×8`.
    if (line.includes('|') || line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`/proc/net/dev: unexpected line "${line.trim()}"`);
    const name = line.slice(0, colon).trim();
    if (exclude(name)) continue;
    // Old kernels write no space after the colon once the byte count is wide: split after it.
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    if (fields.length < 16) throw new Error(`/proc/net/dev: too few fields for ${name}`);
    rxBytes += parseCount(fields[0] ?? '', `/proc/net/dev ${name} rx bytes`);
    txBytes += parseCount(fields[8] ?? '', `/proc/net/dev ${name} tx bytes`);
  }
  return { rxBytes, txBytes };
}
