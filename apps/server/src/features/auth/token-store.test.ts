import { describe, expect, it } from 'vitest';
import type { Role } from '@harbourmaster/contracts';
import { effectiveTokenRole } from './token-store.js';

describe('effectiveTokenRole', () => {
  it('is the lower of the token role and the creator’s current role', () => {
    const roles: Role[] = ['viewer', 'operator', 'admin'];
    const table = roles.flatMap((token) =>
      roles.map((creator) => `${token}/${creator}=${effectiveTokenRole(token, creator)}`),
    );
    expect(table).toEqual([
      'viewer/viewer=viewer',
      'viewer/operator=viewer',
      'viewer/admin=viewer',
      'operator/viewer=viewer',
      'operator/operator=operator',
      'operator/admin=operator',
      'admin/viewer=viewer',
      'admin/operator=operator',
      'admin/admin=admin',
    ]);
  });
});
