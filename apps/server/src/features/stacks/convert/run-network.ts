import { csvFields } from './csv-fields.js';
import type { RunFlagUse } from './docker-run-parse.js';
import { displayText } from './interpolation.js';
import type { NetworkRequest, ServiceDraft } from './run-draft.js';
import type { ServiceNetwork } from './service-model.js';

const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** Values of `--network` that are modes of the container's own network stack, not networks. */
const isMode = (name: string) =>
  ['host', 'none', 'bridge', 'default'].includes(name) || name.startsWith('container:');

/** `--network name`, or its long form `--network name=x,alias=y,ip=z`; settled in `settleNetworks`. */
export function networkFlag(draft: ServiceDraft, use: RunFlagUse): void {
  if (!use.value.includes('=')) {
    draft.pending.networks.push({ use, name: use.value, attachment: {} });
    return;
  }
  const attachment: ServiceNetwork = {};
  let name: string | undefined;
  for (const field of csvFields(use.value)) {
    const eq = field.indexOf('=');
    const key = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (eq <= 0 || value === '') throw draft.fail(use, 'expected name=…,alias=…,ip=… in the long form');
    if (key === 'name') name = value;
    else if (key === 'alias') (attachment.aliases ??= []).push(value);
    else if (key === 'ip') attachment.ipv4_address = value;
    else if (key === 'ip6') attachment.ipv6_address = value;
    else if (key === 'link-local-ip') (attachment.link_local_ips ??= []).push(value);
    else if (['driver-opt', 'mac-address', 'gw-priority'].includes(key)) {
      draft.warn(`--network ${key} has no equivalent in Compose v1; it was left out`);
    } else throw draft.fail(use, `${key} is not a --network option (name, alias, ip, ip6, link-local-ip)`);
  }
  if (name === undefined) throw draft.fail(use, 'the long form needs name=…');
  draft.pending.networks.push({ use, name, attachment });
}

/**
 * `--network-alias`, `--ip`, `--ip6`, `--link-local-ip`: they apply to the first user network,
 * wherever they stand in the command.
 * @example
 * attachmentFlag((a, v) => (a.aliases ??= []).push(v)); // the handler of --network-alias
 */
export const attachmentFlag =
  (apply: (attachment: ServiceNetwork, value: string) => void) =>
  (draft: ServiceDraft, use: RunFlagUse): void => {
    draft.pending.attachment.uses.push(use);
    apply(draft.pending.attachment.value, use.value);
  };

/**
 * Network modes become `network_mode`; user networks become `networks:` entries, declared
 * `external: true` (`docker run` needs them to exist already, and so does the stack).
 */
export function settleNetworks(draft: ServiceDraft): void {
  const requests = draft.pending.networks;
  const mode = requests.find((r) => isMode(r.name));
  const loose = draft.pending.attachment.uses;
  if (mode) {
    const other = requests.find((r) => r !== mode);
    if (other) {
      throw draft.fail(
        other.use,
        `a container with --network ${displayText(mode.name)} cannot join other networks`,
      );
    }
    networkMode(draft, mode);
    for (const use of loose) draft.warn(`${use.typed} applies on a user network only; it was left out`);
    return;
  }
  requests.forEach((request, i) => {
    if (!NETWORK_NAME.test(request.name)) {
      throw draft.fail(request.use, 'a network name is letters, digits, _ . and -');
    }
    const attachment =
      i === 0 ? merge(request.attachment, draft.pending.attachment.value) : request.attachment;
    (draft.service.networks ??= {})[request.name] = Object.keys(attachment).length > 0 ? attachment : null;
    draft.networks[request.name] = { external: true };
  });
  if (requests.length === 0) {
    for (const use of loose) {
      draft.warn(`${use.typed} applies on a user network (--network my-net); it was left out`);
    }
  }
}

function networkMode(draft: ServiceDraft, request: NetworkRequest): void {
  const mode = request.name === 'default' ? 'bridge' : request.name;
  draft.service.network_mode = mode;
  if (Object.keys(request.attachment).length > 0) {
    draft.warn(`--network ${displayText(mode)} takes no aliases or addresses; they were left out`);
  }
  if (mode === 'bridge') return;
  if (draft.service.ports) {
    draft.warn(
      `published ports do nothing with --network ${displayText(mode)} (docker discards them); they were left out`,
    );
    delete draft.service.ports;
  }
  if (mode.startsWith('container:')) {
    draft.warn(
      `network_mode ${displayText(mode)} shares the network of a container outside the stack; in a stack of several services, service:<name> shares a service's`,
    );
  }
}

function merge(a: ServiceNetwork, b: ServiceNetwork): ServiceNetwork {
  const aliases = [...new Set([...(a.aliases ?? []), ...(b.aliases ?? [])])];
  const linkLocal = [...new Set([...(a.link_local_ips ?? []), ...(b.link_local_ips ?? [])])];
  return {
    ...(aliases.length > 0 ? { aliases } : {}),
    ...((b.ipv4_address ?? a.ipv4_address) ? { ipv4_address: b.ipv4_address ?? a.ipv4_address } : {}),
    ...((b.ipv6_address ?? a.ipv6_address) ? { ipv6_address: b.ipv6_address ?? a.ipv6_address } : {}),
    ...(linkLocal.length > 0 ? { link_local_ips: linkLocal } : {}),
  };
}
