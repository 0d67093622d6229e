import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has safe defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 9090,
      host: '127.0.0.1',
      dataDir: './data',
      dockerHost: 'unix:///var/run/docker.sock',
      logLevel: 'info',
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ HM_PORT: 'abc', HM_LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ HM_PORT: '70000' })).toThrow(/HM_PORT/);
    expect(() => loadConfig({ HM_LOG_LEVEL: 'loud' })).toThrow(/HM_LOG_LEVEL/);
    expect(() => loadConfig({ DOCKER_HOST: 'ftp://x' })).toThrow(/DOCKER_HOST/);
    expect(() => loadConfig({ HM_SECRET_KEY: 'short' })).toThrow(/HM_SECRET_KEY/);
  });

  it('takes the public URL without its trailing slash, and refuses anything but http(s)', () => {
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(loadConfig({ HM_PUBLIC_URL: 'https://harbour.example.net/' }).publicUrl).toBe(
      'https://harbour.example.net',
    );
    expect(() => loadConfig({ HM_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/HM_PUBLIC_URL/);
    expect(() => loadConfig({ HM_PUBLIC_URL: 'harbour.example.net' })).toThrow(/HM_PUBLIC_URL/);
  });

  it('reads values and treats empty strings as unset', () => {
    const c = loadConfig({
      HM_PORT: '8080',
      HM_HOST: '0.0.0.0',
      HM_DATA_DIR: '',
      HM_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      HM_TRUST_PROXY: 'true',
    });
    expect(c.port).toBe(8080);
    expect(c.dataDir).toBe('./data');
    expect(c.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.trustProxy).toBe(true);
  });

  it('takes HM_TRUST_PROXY as a flag or as the proxy addresses, and names a bad entry', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ HM_TRUST_PROXY: 'no' }).trustProxy).toBe(false);
    expect(loadConfig({ HM_TRUST_PROXY: 'loopback, 172.18.0.0/16' }).trustProxy).toEqual([
      'loopback',
      '172.18.0.0/16',
    ]);
    expect(() => loadConfig({ HM_TRUST_PROXY: 'loopback,caddy' })).toThrow(/HM_TRUST_PROXY.*"caddy"/);
  });

  it('leaves the machine alone unless HM_MANAGE_HOST says the daemon runs as the OS', () => {
    expect(loadConfig({}).manageHost).toBe(false);
    expect(loadConfig({ HM_MANAGE_HOST: 'true' }).manageHost).toBe(true);
    expect(() => loadConfig({ HM_MANAGE_HOST: 'maybe' })).toThrow(/HM_MANAGE_HOST/);
  });
});
