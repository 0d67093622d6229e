import { describe, expect, it } from 'vitest';
import { hostStatusAlert } from './host-alerts.js';

describe('hostStatusAlert', () => {
  it('fires when a host becomes unreachable and resolves under the same key', () => {
    const down = hostStatusAlert('nas', false, 'connect ECONNREFUSED');
    const up = hostStatusAlert('nas', true, null);
    expect(down).toMatchObject({
      status: 'firing',
      severity: 'critical',
      source: 'host',
      detail: { reason: 'connect ECONNREFUSED' },
    });
    expect(up).toMatchObject({ status: 'resolved', key: down.key });
  });
});
