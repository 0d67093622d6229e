import type { ContainerSummary } from '@harbourmaster/contracts';

/** A container row for tests of list logic: a running `web` on `local`, with any field overridden. */
export function containerRow(over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    hostId: 'local',
    id: 'aaa111',
    name: 'web',
    image: 'nginx',
    imageId: 'sha256:1',
    command: '',
    createdAt: 0,
    state: 'running',
    status: 'Up 1 minute',
    health: null,
    ports: [],
    labels: {},
    composeProject: null,
    composeService: null,
    networkMode: null,
    tags: [],
    icon: null,
    ...over,
  };
}
