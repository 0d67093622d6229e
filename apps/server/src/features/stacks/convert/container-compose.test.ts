import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EngineError, type ContainerInspect, type ImageInspect } from '@harbourmaster/engine';
import { containerCompose } from './container-compose.js';

const inspect = {
  Id: '0123456789abcdef',
  Name: '/web',
  Image: 'sha256:1234',
  Config: {
    Image: 'nginx:1.27',
    Env: ['A=1', 'PATH=/bin'],
    Cmd: ['nginx'],
    Entrypoint: null,
    Labels: {},
    Tty: false,
  },
  HostConfig: { NetworkMode: 'host' },
  Mounts: [],
  NetworkSettings: {},
} as unknown as ContainerInspect;

const engine = (image: () => Promise<ImageInspect>) => ({
  inspectContainer: (id: string) =>
    id === 'web' ? Promise.resolve(inspect) : Promise.reject(new EngineError(404, 'No such container: x')),
  inspectImage: (ref: string) =>
    ref === 'sha256:1234' ? image() : Promise.reject(new Error(`asked for ${ref}`)),
});

describe('containerCompose', () => {
  it("reads the container, then its image by id, and leaves out the image's defaults", async () => {
    const reply = await containerCompose(
      engine(() =>
        Promise.resolve({ Config: { Env: ['PATH=/bin'], Cmd: ['nginx'] } } as unknown as ImageInspect),
      ),
      'web',
    );
    expect(reply.service).toBe('web');
    expect(parse(reply.compose)).toEqual({
      services: {
        web: { image: 'nginx:1.27', container_name: 'web', environment: { A: '1' }, network_mode: 'host' },
      },
    });
  });

  it('keeps the defaults, with a warning, when the image is gone', async () => {
    const reply = await containerCompose(
      engine(() => Promise.reject(new EngineError(404, 'No such image'))),
      'web',
    );
    expect(parse(reply.compose)).toMatchObject({
      services: { web: { environment: { A: '1', PATH: '/bin' }, command: ['nginx'] } },
    });
    expect(reply.warnings).toContain(
      "the image's defaults could not be read, so everything is written out, defaults included",
    );
  });

  it('passes on every other engine error, and a missing container', async () => {
    await expect(
      containerCompose(
        engine(() => Promise.reject(new EngineError(500, 'boom'))),
        'web',
      ),
    ).rejects.toThrow('boom');
    await expect(
      containerCompose(
        engine(() => Promise.reject(new Error('unused'))),
        'gone',
      ),
    ).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
