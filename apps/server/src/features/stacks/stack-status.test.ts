import { describe, expect, it } from 'vitest';
import type { InventoryEntry } from '../inventory/host-inventory.js';
import { projectsOf, stackStatus } from './stack-status.js';

const entry = (
  id: string,
  name: string,
  state: string,
  labels: Record<string, string>,
  Ports: unknown[] = [],
): InventoryEntry =>
  ({
    raw: { Id: id, Names: [`/${name}`], State: state, Image: 'busybox', Labels: labels, Ports },
    state: null,
    pid: 0,
  }) as never;
const labels = (project: string, service: string) => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.project.working_dir': `/srv/stacks/${project}`,
  'com.docker.compose.project.config_files': `/srv/stacks/${project}/compose.yaml`,
});

describe('stacks from Compose labels', () => {
  const entries = [
    entry('a1', 'web_app_1', 'running', labels('web', 'app'), [
      { IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 9000, Type: 'tcp' },
    ]),
    // v2 names differently: the label, not the name, says which project and service.
    entry('a2', 'web-db-1', 'exited', labels('web', 'db')),
    entry('b1', 'whatever', 'running', labels('media', 'player')),
    entry('c1', 'c', 'exited', labels('old', 'job')),
    entry('x1', 'loose', 'running', {}),
  ];

  it('groups containers by project and service, never by name', () => {
    const projects = projectsOf(entries);
    expect([...projects.keys()]).toEqual(['web', 'media', 'old']);
    expect(projects.get('web')).toEqual({
      workingDir: '/srv/stacks/web',
      configFiles: ['/srv/stacks/web/compose.yaml'],
      services: [
        {
          name: 'app',
          containers: [
            {
              id: 'a1',
              name: 'web_app_1',
              state: 'running',
              image: 'busybox',
              ports: ['127.0.0.1:8080→80/tcp'],
            },
          ],
        },
        {
          name: 'db',
          containers: [{ id: 'a2', name: 'web-db-1', state: 'exited', image: 'busybox', ports: [] }],
        },
      ],
    });
  });

  it('tells running, partly running, stopped and not deployed apart', () => {
    const projects = projectsOf(entries);
    expect(stackStatus(projects.get('media'))).toBe('running');
    expect(stackStatus(projects.get('web'))).toBe('partly running');
    expect(stackStatus(projects.get('old'))).toBe('stopped');
    expect(stackStatus(projects.get('nothing'))).toBe('not deployed');
  });
});
