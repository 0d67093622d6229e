import { describe, expect, it } from 'vitest';
import type { ContainerDetails } from './container-details.js';
import { storageFields } from './inspect-storage.js';
import type { ComposeService, TopLevelVolume } from './service-model.js';

const storage = (
  mounts: ContainerDetails['Mounts'],
  host: Partial<ContainerDetails['HostConfig']> = {},
  imageVolumes = {},
) => {
  const container = { Mounts: mounts, HostConfig: host } as ContainerDetails;
  const service: ComposeService = { image: 'x' };
  const volumes: Record<string, TopLevelVolume> = {};
  const warnings: string[] = [];
  storageFields(container, { Config: { Volumes: imageVolumes } }, service, volumes, warnings);
  return { service, volumes, warnings };
};
const mount = (m: Partial<ContainerDetails['Mounts'][number]>): ContainerDetails['Mounts'][number] => ({
  Type: 'bind',
  Source: '/src',
  Destination: '/dst',
  RW: true,
  ...m,
});

describe('storageFields', () => {
  it('writes binds in the short syntax with ro and SELinux labels, or long when a propagation is set', () => {
    const { service } = storage([
      mount({ Mode: '' }),
      mount({ RW: false, Mode: 'ro,Z' }),
      mount({ Propagation: 'rshared', RW: false }),
    ]);
    expect(service.volumes).toEqual([
      '/src:/dst',
      '/src:/dst:ro,Z',
      { type: 'bind', source: '/src', target: '/dst', read_only: true, bind: { propagation: 'rshared' } },
    ]);
  });

  it('declares named volumes with their driver; anonymous ones only when the image does not declare them', () => {
    const anonymous = 'f'.repeat(64);
    const { service, volumes } = storage(
      [
        mount({ Type: 'volume', Name: 'nfs-data', Destination: '/n', Driver: 'rexray', RW: false }),
        mount({ Type: 'volume', Name: anonymous, Destination: '/from-image' }),
        mount({ Type: 'volume', Name: anonymous, Destination: '/chosen' }),
      ],
      {},
      { '/from-image': {} },
    );
    expect(service.volumes).toEqual(['nfs-data:/n:ro', '/chosen']);
    expect(volumes).toEqual({ 'nfs-data': { name: 'nfs-data', driver: 'rexray' } });
  });

  it('writes tmpfs from --tmpfs and --mount type=tmpfs, and volumes shared from other containers', () => {
    const { service } = storage([mount({ Type: 'tmpfs', Destination: '/m' })], {
      Tmpfs: { '/run': '', '/cache': 'size=64m' },
      Mounts: [{ Type: 'tmpfs', Target: '/m', TmpfsOptions: { Mode: 0o700 } }],
      VolumesFrom: ['data'],
    });
    expect(service).toEqual({
      image: 'x',
      tmpfs: ['/run', '/cache:size=64m', '/m:mode=700'],
      volumes_from: ['container:data'],
    });
  });

  it('warns about mount types Compose v1 has no words for', () => {
    const { service, warnings } = storage([mount({ Type: 'npipe', Destination: '/p' })]);
    expect(service.volumes).toBeUndefined();
    expect(warnings).toEqual(['the npipe mount at /p has no equivalent in Compose v1; it was left out']);
  });
});
