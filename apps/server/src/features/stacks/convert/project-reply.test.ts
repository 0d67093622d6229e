import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { variableMark } from './interpolation.js';
import { projectReply } from './project-reply.js';

describe('projectReply', () => {
  it('returns the compose file, the service name and the warnings as they were', () => {
    const reply = projectReply({
      serviceName: 'web',
      service: { image: 'nginx' },
      volumes: {},
      networks: {},
      warnings: ['one', 'two'],
    });
    expect(reply).toEqual({
      compose: 'services:\n  web:\n    image: nginx\n',
      service: 'web',
      warnings: ['one', 'two'],
    });
  });

  it('adds one warning naming every shell variable the file still uses', () => {
    const reply = projectReply({
      serviceName: 'db',
      service: {
        image: `postgres:${variableMark('PG_TAG')}`,
        environment: { P: variableMark('PGPASS'), Q: variableMark('PGPASS') },
      },
      volumes: {},
      networks: {},
      warnings: [],
    });
    expect(reply.warnings).toEqual([
      "the command uses shell variables ($PG_TAG, $PGPASS): Compose fills them in from the stack's .env file when it runs, so define them there",
    ]);
    expect(parse(reply.compose)).toEqual({
      services: { db: { image: 'postgres:${PG_TAG}', environment: { P: '${PGPASS}', Q: '${PGPASS}' } } },
    });
  });
});
