import { describe, expect, it } from 'vitest';
import { isContainerExcludedInterface, isHostExcludedInterface, parseNetDev } from './proc-net-dev.js';

const HEADER = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
`;

// A container on a bridge network with a second network attached.
const CONTAINER = `${HEADER}    lo:    1260      15    0    0    0     0          0         0     1260      15    0    0    0     0       0          0
  eth0:  104932     812    0    0    0     0          0         0    38120     401    0    0    0     0       0          0
  eth1:    2310      27    0    0    0     0          0         0      946       9    0    0    0     0       0          0
`;

// A Docker host: the physical link, loopback, the engine's bridges and a veth per container, a libvirt
// bridge, and a Kubernetes CNI bridge with a flannel link.
const HOST = `${HEADER}    lo: 27089519732 1436940    0    0    0     0          0         0 27089519732 1436940    0    0    0     0       0          0
  eth0: 4693239315  153287    0    0    0     0          0         0 13725094  122360    0    0    0     0       0          0
  wlan0:  500000     400    0    0    0     0          0         0    70000     300    0    0    0     0       0          0
docker0:  812345    9000    0    0    0     0          0         0  9123456    8000    0    0    0     0       0          0
br-5c1f0a2b3d4e:  10000   100    0    0    0     0          0         0    20000     100    0    0    0     0       0          0
vethe3a1b2c:  104932     812    0    0    0     0          0         0    38120     401    0    0    0     0       0          0
 virbr0:    3000      30    0    0    0     0          0         0     4000      40    0    0    0     0       0          0
  cni0:    5000      50    0    0    0     0          0         0     6000      60    0    0    0     0       0          0
flannel.1:  7000      70    0    0    0     0          0         0     8000      80    0    0    0     0       0          0
`;

describe('parseNetDev', () => {
  it('sums every interface of a container but loopback', () => {
    expect(parseNetDev(CONTAINER, isContainerExcludedInterface)).toEqual({
      rxBytes: 104932 + 2310,
      txBytes: 38120 + 946,
    });
  });

  it("sums only the host's real links, not loopback nor the virtual ones containers cross", () => {
    expect(parseNetDev(HOST, isHostExcludedInterface)).toEqual({
      rxBytes: 4693239315 + 500000,
      txBytes: 13725094 + 70000,
    });
  });

  it('gives zero for a container with only loopback (what this machine shows for --network none)', () => {
    const onlyLo = `${HEADER}    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n`;
    expect(parseNetDev(onlyLo, isContainerExcludedInterface)).toEqual({ rxBytes: 0, txBytes: 0 });
  });

  it('reads a line where a wide count runs into the colon (older kernels)', () => {
    const tight = `${HEADER}  eth0:12345678901 9 0 0 0 0 0 0 42 7 0 0 0 0 0 0\n`;
    expect(parseNetDev(tight, isContainerExcludedInterface)).toEqual({ rxBytes: 12345678901, txBytes: 42 });
  });

  it('refuses a truncated line rather than counting garbage', () => {
    expect(() => parseNetDev(`${HEADER}  eth0: 1 2 3\n`, isContainerExcludedInterface)).toThrow(
      '/proc/net/dev: too few fields for eth0',
    );
  });
});

describe('interface exclusions', () => {
  it('keeps physical, bond, VLAN and tunnel names on the host', () => {
    for (const name of ['eth0', 'enp3s0', 'wlan0', 'bond0', 'eth0.100', 'wg0', 'tailscale0']) {
      expect(isHostExcludedInterface(name), name).toBe(false);
    }
    for (const name of [
      'lo',
      'veth1a2b3c',
      'docker0',
      'docker_gwbridge',
      'br-0123456789ab',
      'cni0',
      'flannel.1',
      'virbr0',
    ]) {
      expect(isHostExcludedInterface(name), name).toBe(true);
    }
  });

  it("excludes only loopback for a container (its eth0 is the container's own traffic)", () => {
    expect(isContainerExcludedInterface('lo')).toBe(true);
    expect(isContainerExcludedInterface('eth0')).toBe(false);
    expect(isContainerExcludedInterface('veth0')).toBe(false);
  });
});
