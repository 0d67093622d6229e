import { describe, expect, it } from 'vitest';
import { build, failure } from './run-fixture.js';

describe('networks', () => {
  it('joins user networks, declared external, the aliases going to the first whatever their order', () => {
    const built = build('--network-alias cache --network front --ip6 fd00::5 --network back');
    expect(built.service.networks).toEqual({
      front: { aliases: ['cache'], ipv6_address: 'fd00::5' },
      back: null,
    });
    expect(built.networks).toEqual({ front: { external: true }, back: { external: true } });
    expect(built.service.network_mode).toBeUndefined();
  });

  it('reads the long form of --network', () => {
    const built = build('--network name=front,alias=a,alias=b,ip=10.1.0.9 --network-alias c');
    expect(built.service.networks).toEqual({ front: { aliases: ['a', 'b', 'c'], ipv4_address: '10.1.0.9' } });
    expect(failure('--network alias=a')).toMatch(/the long form needs name=/);
    expect(failure('--network name=x,colour=blue')).toMatch(/colour is not a --network option/);
  });

  it('turns host, none, bridge and container:… into network_mode', () => {
    expect(build('--net host').service.network_mode).toBe('host');
    expect(build('--network none').service.network_mode).toBe('none');
    expect(build('--network default').service.network_mode).toBe('bridge');
    const shared = build('--network container:vpn');
    expect(shared.service.network_mode).toBe('container:vpn');
    expect(shared.warnings[0]).toMatch(/shares the network of a container outside the stack/);
  });

  it('drops ports with host networking (docker discards them), with a warning', () => {
    const built = build('-p 80:80 --network host');
    expect(built.service.ports).toBeUndefined();
    expect(built.warnings).toEqual([
      'published ports do nothing with --network host (docker discards them); they were left out',
    ]);
    expect(build('-p 80:80 --network bridge').service.ports).toEqual(['80:80']);
  });

  it('warns about aliases and addresses that have no user network to go to', () => {
    expect(build('--network-alias x').warnings).toEqual([
      '--network-alias applies on a user network (--network my-net); it was left out',
    ]);
    expect(build('--network host --ip 10.0.0.2').warnings).toEqual([
      '--ip applies on a user network only; it was left out',
    ]);
  });

  it('refuses a mode mixed with networks, and names that are not network names', () => {
    expect(failure('--network host --network front')).toMatch(
      /^--network front: a container with --network host cannot join other networks/,
    );
    expect(failure('--network "my net"')).toMatch(/a network name is letters/);
    expect(failure('--network $NET')).toMatch(/a network name is letters/);
  });
});
