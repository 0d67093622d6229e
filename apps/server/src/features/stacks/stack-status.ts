import type { StackStatus, StackSummary } from '@harbourmaster/contracts';
import type { InventoryEntry } from '../inventory/host-inventory.js';

const PROJECT = 'com.docker.compose.project';
const SERVICE = 'com.docker.compose.service';
const WORKING_DIR = 'com.docker.compose.project.working_dir';
const CONFIG_FILES = 'com.docker.compose.project.config_files';

/** One Compose project as its containers' labels describe it (never their names: v1 and v2 differ). */
export interface ProjectContainers {
  workingDir: string | null;
  /** The compose files it was started with (comma-separated in the label; v1 may give them relative to workingDir). */
  configFiles: string[];
  services: StackSummary['services'];
}

/** Groups a host's containers by their Compose project label, services sorted by name. */
export function projectsOf(entries: Iterable<InventoryEntry>): Map<string, ProjectContainers> {
  const projects = new Map<string, ProjectContainers>();
  for (const { raw } of entries) {
    const project = raw.Labels?.[PROJECT];
    if (!project) continue;
    let p = projects.get(project);
    if (!p) {
      const files = raw.Labels?.[CONFIG_FILES];
      p = {
        workingDir: raw.Labels?.[WORKING_DIR] ?? null,
        configFiles: files ? files.split(',').filter(Boolean) : [],
        services: [],
      };
      projects.set(project, p);
    }
    const serviceName = raw.Labels?.[SERVICE] ?? '';
    let service = p.services.find((s) => s.name === serviceName);
    if (!service) {
      service = { name: serviceName, containers: [] };
      p.services.push(service);
    }
    service.containers.push({
      id: raw.Id,
      name: raw.Names[0]?.replace(/^\//, '') ?? raw.Id.slice(0, 12),
      state: raw.State,
      image: raw.Image,
      ports: (raw.Ports ?? [])
        .filter((p) => p.PublicPort)
        .map((p) => `${p.IP ? `${p.IP}:` : ''}${p.PublicPort}→${p.PrivatePort}/${p.Type}`),
    });
  }
  for (const p of projects.values()) p.services.sort((a, b) => a.name.localeCompare(b.name));
  return projects;
}

/** running: every container runs; partly running: some do; stopped: none do; not deployed: none exist. */
export function stackStatus(project: ProjectContainers | undefined): StackStatus {
  const containers = project?.services.flatMap((s) => s.containers) ?? [];
  if (containers.length === 0) return 'not deployed';
  const running = containers.filter((c) => c.state === 'running').length;
  if (running === containers.length) return 'running';
  return running === 0 ? 'stopped' : 'partly running';
}
