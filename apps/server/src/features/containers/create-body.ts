import type { ContainerCreateBody, MountSpec } from '@harbourmaster/engine';
import type { ContainerCreateRequest } from '@harbourmaster/contracts';

const NS_PER_S = 1e9;

/** Translates our create request into the engine's create body. Pure; checks come before. */
export function toCreateBody(req: ContainerCreateRequest): ContainerCreateBody {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp?: string; HostPort?: string }>> = {};
  for (const p of req.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    const list = bindings[key] ?? [];
    list.push({
      ...(p.hostIp ? { HostIp: p.hostIp } : {}),
      HostPort: p.hostPort === undefined ? '' : String(p.hostPort),
    });
    bindings[key] = list;
  }
  const mounts: MountSpec[] = req.mounts.map((m) => ({
    Type: m.type,
    ...(m.source ? { Source: m.source } : {}),
    Target: m.target,
    ReadOnly: m.readOnly,
  }));
  const hc = req.healthcheck;
  const network = req.network;
  const body: ContainerCreateBody = {
    Image: req.image,
    Env: Object.entries(req.env).map(([k, v]) => `${k}=${v}`),
    Labels: req.labels,
    ExposedPorts: exposed,
    Tty: req.tty,
    OpenStdin: req.tty,
    HostConfig: {
      PortBindings: bindings,
      Mounts: mounts,
      RestartPolicy: {
        Name: req.restartPolicy.name === 'no' ? '' : req.restartPolicy.name,
        ...(req.restartPolicy.name === 'on-failure'
          ? { MaximumRetryCount: req.restartPolicy.maximumRetryCount ?? 0 }
          : {}),
      },
      Privileged: req.privileged,
      ...(network ? { NetworkMode: network } : {}),
      ...(req.pidMode ? { PidMode: req.pidMode } : {}),
      ...(req.resources.memoryBytes ? { Memory: req.resources.memoryBytes } : {}),
      ...(req.resources.cpus ? { NanoCpus: Math.round(req.resources.cpus * NS_PER_S) } : {}),
      ...(req.resources.pidsLimit ? { PidsLimit: req.resources.pidsLimit } : {}),
    },
  };
  if (req.command) body.Cmd = req.command;
  if (req.entrypoint) body.Entrypoint = req.entrypoint;
  if (req.workingDir) body.WorkingDir = req.workingDir;
  if (req.user) body.User = req.user;
  if (hc) {
    body.Healthcheck = {
      Test: hc.test,
      ...(hc.intervalSeconds ? { Interval: Math.round(hc.intervalSeconds * NS_PER_S) } : {}),
      ...(hc.timeoutSeconds ? { Timeout: Math.round(hc.timeoutSeconds * NS_PER_S) } : {}),
      ...(hc.startPeriodSeconds ? { StartPeriod: Math.round(hc.startPeriodSeconds * NS_PER_S) } : {}),
      ...(hc.retries !== undefined ? { Retries: hc.retries } : {}),
    };
  }
  if (network && !['host', 'none', 'bridge', 'default'].includes(network)) {
    body.NetworkingConfig = { EndpointsConfig: { [network]: {} } };
  }
  return body;
}
