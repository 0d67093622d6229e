import type { ContainerCreateRequest } from '@harbourmaster/contracts';

/** The wizard's editable form; text fields stay strings until they are sent. */
export interface WizardForm {
  name: string;
  image: string;
  command: string;
  ports: Array<{ containerPort: string; hostPort: string; protocol: 'tcp' | 'udp' }>;
  mounts: Array<{ type: 'bind' | 'volume'; source: string; target: string; readOnly: boolean }>;
  env: Array<{ key: string; value: string }>;
  labels: Array<{ key: string; value: string }>;
  restart: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  healthcheck: string;
  healthInterval: string;
  network: string;
  memoryMb: string;
  cpus: string;
  privileged: boolean;
  confirmDangerous: boolean;
}

export const EMPTY_FORM: WizardForm = {
  name: '',
  image: '',
  command: '',
  ports: [],
  mounts: [],
  env: [],
  labels: [],
  restart: 'unless-stopped',
  healthcheck: '',
  healthInterval: '30',
  network: '',
  memoryMb: '',
  cpus: '',
  privileged: false,
  confirmDangerous: false,
};

export const PORT_PRESETS = [
  { label: 'HTTP 80', port: 80 },
  { label: 'HTTPS 443', port: 443 },
  { label: 'Web 8080', port: 8080 },
  { label: 'Node 3000', port: 3000 },
  { label: 'PostgreSQL 5432', port: 5432 },
  { label: 'Redis 6379', port: 6379 },
];

/**
 * A bind mount's suggested host folder: `<root>/<container name>/<last part of the path inside>`,
 * so each app keeps its data in its own folder under the app-data root chosen at first boot.
 */
export function suggestedHostFolder(root: string, containerName: string, target: string): string {
  const leaf = target.split('/').filter(Boolean).at(-1) ?? 'data';
  return `${root.replace(/\/+$/, '')}/${containerName.trim() || 'app'}/${leaf}`;
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** The request the server takes; its own schema then validates it (same zod schema as the server). */
export function toRequest(f: WizardForm): Partial<ContainerCreateRequest> & { image: string } {
  return {
    image: f.image.trim(),
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    ...(f.command.trim() ? { command: ['sh', '-c', f.command.trim()] } : {}),
    ports: f.ports.map((p) => ({
      containerPort: Number(p.containerPort),
      protocol: p.protocol,
      ...(num(p.hostPort) !== undefined ? { hostPort: Number(p.hostPort) } : {}),
    })),
    mounts: f.mounts.map((m) =>
      m.type === 'bind'
        ? { type: 'bind' as const, source: m.source, target: m.target, readOnly: m.readOnly }
        : {
            type: 'volume' as const,
            target: m.target,
            readOnly: m.readOnly,
            ...(m.source ? { source: m.source } : {}),
          },
    ),
    env: Object.fromEntries(f.env.filter((e) => e.key.trim()).map((e) => [e.key.trim(), e.value])),
    labels: Object.fromEntries(f.labels.filter((l) => l.key.trim()).map((l) => [l.key.trim(), l.value])),
    restartPolicy: { name: f.restart },
    ...(f.healthcheck.trim()
      ? {
          healthcheck: {
            test: ['CMD-SHELL', f.healthcheck.trim()],
            intervalSeconds: num(f.healthInterval) ?? 30,
          },
        }
      : {}),
    ...(f.network.trim() ? { network: f.network.trim() } : {}),
    resources: {
      ...(num(f.memoryMb) !== undefined ? { memoryBytes: Number(f.memoryMb) * 1024 * 1024 } : {}),
      ...(num(f.cpus) !== undefined ? { cpus: Number(f.cpus) } : {}),
    },
    privileged: f.privileged,
    confirmDangerous: f.confirmDangerous,
  };
}
