import { describe, expect, it } from 'vitest';
import { networkCreateBodySchema, volumeCreateBodySchema } from './resources.js';

describe('network create body', () => {
  it('takes a gateway inside its subnet', () => {
    const parsed = networkCreateBodySchema.parse({ name: 'n1', subnet: '10.9.0.0/24', gateway: '10.9.0.1' });
    expect(parsed).toMatchObject({ driver: 'bridge', subnet: '10.9.0.0/24', gateway: '10.9.0.1' });
    expect(
      networkCreateBodySchema.safeParse({ name: 'n1', subnet: '10.9.0.0/16', gateway: '10.9.255.254' })
        .success,
    ).toBe(true);
  });

  it.each([
    [{ name: 'n1', gateway: '10.9.0.1' }, 'a gateway needs a subnet'],
    [{ name: 'n1', subnet: '10.9.0.0/24', gateway: '10.8.0.1' }, 'not inside 10.9.0.0/24'],
    [{ name: 'n1', subnet: '10.9.0.0/24', gateway: '10.9.1.0' }, 'not inside 10.9.0.0/24'],
  ])('refuses %j, naming the gateway', (body, message) => {
    const result = networkCreateBodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['gateway'], message })]);
  });
});

describe('volume create body', () => {
  it.each(['local', 'vieux/sshfs:latest', 'rexray/ebs'])('takes the driver name %s', (driver) => {
    expect(volumeCreateBodySchema.safeParse({ name: 'v1', driver }).success).toBe(true);
  });

  it.each(['', '../x', 'a b', '-x', 'ü'])('refuses the driver name %j', (driver) => {
    expect(volumeCreateBodySchema.safeParse({ name: 'v1', driver }).success).toBe(false);
  });
});
