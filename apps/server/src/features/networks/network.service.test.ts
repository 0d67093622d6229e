import { describe, expect, it } from 'vitest';
import {
  EngineError,
  type DockerEngine,
  type EngineInfo,
  type NetworkCreateBody,
} from '@harbourmaster/engine';
import { HttpError } from '../../http/http-errors.js';
import { NetworkService } from './network.service.js';

function service(createNetwork: (body: NetworkCreateBody) => Promise<{ Id: string }>, swarm = false) {
  const info: Partial<EngineInfo> = {
    Plugins: { Volume: ['local'], Network: ['bridge', 'ipvlan', 'overlay'] },
    Swarm: { ControlAvailable: swarm },
  };
  const engine = { info: () => Promise.resolve(info), createNetwork } as unknown as DockerEngine;
  return new NetworkService({ engine: () => engine });
}

const request = { name: 'n1', internal: false, attachable: false, labels: {} };

describe('NetworkService.create', () => {
  it('asks the engine to refuse a duplicate name', async () => {
    const sent: NetworkCreateBody[] = [];
    await service((body) => (sent.push(body), Promise.resolve({ Id: 'x' }))).create('h', {
      ...request,
      driver: 'bridge',
    });
    expect(sent[0]).toMatchObject({ Name: 'n1', Driver: 'bridge', CheckDuplicate: true });
  });

  it('turns a driver the kernel cannot run into a 400 naming the driver', async () => {
    const nets = service(() => Promise.reject(new EngineError(500, 'operation not supported')));
    const err = await nets.create('h', { ...request, driver: 'ipvlan' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ statusCode: 400, field: 'driver' });
    expect((err as Error).message).toMatch(/cannot run ipvlan networks: operation not supported/);
  });

  it('refuses drivers the engine lacks and overlay off a Swarm manager, without asking it to create', async () => {
    let calls = 0;
    const nets = service(() => (calls++, Promise.resolve({ Id: 'x' })));
    await expect(nets.create('h', { ...request, driver: 'macvlan' })).rejects.toMatchObject({
      statusCode: 400,
      field: 'driver',
      message: 'driver: host h has no network driver "macvlan"; it has bridge, ipvlan, overlay',
    });
    await expect(nets.create('h', { ...request, driver: 'overlay' })).rejects.toMatchObject({
      field: 'driver',
    });
    expect(calls).toBe(0);
  });
});
