import { describe, expect, it } from 'vitest';
import type { ContainerDetails } from './container-details.js';
import { networkFields, sharesNetworkStack } from './inspect-network.js';
import type { ComposeService } from './service-model.js';

const network = (mode: string, networks: NonNullable<ContainerDetails['NetworkSettings']['Networks']>) => {
  const container = {
    Id: 'abcdef0123456789',
    Name: '/web',
    Config: { Labels: null },
    HostConfig: { NetworkMode: mode },
    NetworkSettings: { Networks: networks },
  } as unknown as ContainerDetails;
  const service: ComposeService = { image: 'x' };
  const declared: Record<string, { external: true }> = {};
  const warnings: string[] = [];
  networkFields(container, service, declared, warnings);
  return { service, declared, warnings };
};

describe('networkFields', () => {
  it('tells modes that share a network stack', () => {
    expect(sharesNetworkStack('host')).toBe(true);
    expect(sharesNetworkStack('container:abc')).toBe(true);
    expect(sharesNetworkStack('bridge')).toBe(false);
    expect(sharesNetworkStack('none')).toBe(false);
  });

  it('writes none as a mode', () => {
    expect(network('none', { none: {} }).service).toEqual({ image: 'x', network_mode: 'none' });
  });

  it('joins the network of the mode even before the container ever started, and the others it is on', () => {
    const { service, declared } = network('front', {
      back: { Aliases: ['web', 'abcdef012345', 'api', 'api'], IPAMConfig: { IPv6Address: 'fd00::9' } },
    });
    expect(service.networks).toEqual({ front: null, back: { aliases: ['api'], ipv6_address: 'fd00::9' } });
    expect(declared).toEqual({ front: { external: true }, back: { external: true } });
  });
});
