import type { ContainerDetails, ImageDefaults } from './container-details.js';
import type { ComposeService, LongVolume, TopLevelVolume } from './service-model.js';

/** The engine names an anonymous volume with 64 hex digits. */
const ANONYMOUS = /^[0-9a-f]{64}$/;

/**
 * A container's mounts as the service's `volumes:` (short syntax unless a bind needs its
 * propagation), `tmpfs:` and `volumes_from:`. Named volumes are declared under their own name;
 * anonymous volumes the image declares itself are left to the image.
 */
export function storageFields(
  container: ContainerDetails,
  image: ImageDefaults | null,
  service: ComposeService,
  volumes: Record<string, TopLevelVolume>,
  warnings: string[],
): void {
  const imageVolumes = image?.Config?.Volumes ?? {};
  const out: Array<string | LongVolume> = [];
  for (const mount of container.Mounts) {
    switch (mount.Type) {
      case 'bind':
        out.push(bindMount(mount));
        break;
      case 'volume': {
        const name = mount.Name ?? '';
        if (name === '' || ANONYMOUS.test(name)) {
          if (!(mount.Destination in imageVolumes)) out.push(mount.Destination);
          break;
        }
        out.push(`${name}:${mount.Destination}${mount.RW ? '' : ':ro'}`);
        volumes[name] = {
          name,
          ...(mount.Driver && mount.Driver !== 'local' ? { driver: mount.Driver } : {}),
        };
        break;
      }
      case 'tmpfs':
        break; // from HostConfig below, which keeps the size and mode
      default:
        warnings.push(
          `the ${mount.Type} mount at ${mount.Destination} has no equivalent in Compose v1; it was left out`,
        );
    }
  }
  if (out.length > 0) service.volumes = out;
  const tmpfs = [...tmpfsFlags(container), ...tmpfsMounts(container)];
  if (tmpfs.length > 0) service.tmpfs = tmpfs;
  const from = container.HostConfig.VolumesFrom ?? [];
  if (from.length > 0) service.volumes_from = from.map((v) => `container:${v}`);
}

function bindMount(mount: ContainerDetails['Mounts'][number]): string | LongVolume {
  const propagation = mount.Propagation ?? '';
  if (propagation !== '' && propagation !== 'rprivate') {
    return {
      type: 'bind',
      source: mount.Source,
      target: mount.Destination,
      ...(mount.RW ? {} : { read_only: true }),
      bind: { propagation },
    };
  }
  const label = (mount.Mode ?? '').split(',').filter((m) => m === 'z' || m === 'Z');
  const mode = [...(mount.RW ? [] : ['ro']), ...label].join(',');
  return `${mount.Source}:${mount.Destination}${mode ? `:${mode}` : ''}`;
}

/** `--tmpfs path:options`. */
function tmpfsFlags(container: ContainerDetails): string[] {
  return Object.entries(container.HostConfig.Tmpfs ?? {}).map(([path, options]) =>
    options ? `${path}:${options}` : path,
  );
}

/** `--mount type=tmpfs`, with its size in bytes and its mode in octal, as `--tmpfs` writes them. */
function tmpfsMounts(container: ContainerDetails): string[] {
  return (container.HostConfig.Mounts ?? [])
    .filter((m) => m.Type === 'tmpfs')
    .map((m) => {
      const size = m.TmpfsOptions?.SizeBytes;
      const mode = m.TmpfsOptions?.Mode;
      const options = [...(size ? [`size=${size}`] : []), ...(mode ? [`mode=${mode.toString(8)}`] : [])];
      return options.length > 0 ? `${m.Target}:${options.join(',')}` : m.Target;
    });
}
