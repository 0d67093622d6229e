import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDockerHost, parseDockerHost } from './docker-host.js';

describe('parseDockerHost', () => {
  it('reads unix sockets', () => {
    expect(parseDockerHost('unix:///var/run/docker.sock')).toEqual({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
    });
  });

  it('reads tcp and http hosts with the plain default port', () => {
    expect(parseDockerHost('tcp://10.0.0.5:2375')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375 });
    expect(parseDockerHost('tcp://docker.lan')).toEqual({ kind: 'tcp', host: 'docker.lan', port: 2375 });
    expect(parseDockerHost('http://docker.lan:80')).toEqual({ kind: 'tcp', host: 'docker.lan', port: 80 });
    expect(parseDockerHost('tcp://[::1]:4243/')).toEqual({ kind: 'tcp', host: '::1', port: 4243 });
    expect(parseDockerHost('tcp://[::1]')).toEqual({ kind: 'tcp', host: '::1', port: 2375 });
  });

  it('uses TLS for https and whenever TLS settings are given, with 2376 as default port', () => {
    expect(parseDockerHost('https://docker.lan')).toEqual({
      kind: 'tcp',
      host: 'docker.lan',
      port: 2376,
      tls: { rejectUnauthorized: true },
    });
    expect(parseDockerHost('tcp://docker.lan', { verify: false })).toEqual({
      kind: 'tcp',
      host: 'docker.lan',
      port: 2376,
      tls: { rejectUnauthorized: false },
    });
  });

  describe('with a cert path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hm-certs-'));
    writeFileSync(join(dir, 'ca.pem'), 'CA');
    writeFileSync(join(dir, 'cert.pem'), 'CERT');
    writeFileSync(join(dir, 'key.pem'), 'KEY');
    const clientOnly = mkdtempSync(join(tmpdir(), 'hm-certs-'));
    writeFileSync(join(clientOnly, 'cert.pem'), 'CERT');
    writeFileSync(join(clientOnly, 'key.pem'), 'KEY');
    afterAll(() => {
      rmSync(dir, { recursive: true });
      rmSync(clientOnly, { recursive: true });
    });

    it('loads ca.pem, cert.pem and key.pem like DOCKER_CERT_PATH', () => {
      const host = parseDockerHost('tcp://docker.lan:2376', { verify: true, certPath: dir });
      expect(host.kind === 'tcp' && host.tls).toEqual({
        ca: Buffer.from('CA'),
        cert: Buffer.from('CERT'),
        key: Buffer.from('KEY'),
        rejectUnauthorized: true,
      });
    });

    it('needs ca.pem only when verifying', () => {
      const host = parseDockerHost('tcp://docker.lan', { verify: false, certPath: clientOnly });
      expect(host.kind === 'tcp' && host.tls).toMatchObject({
        cert: Buffer.from('CERT'),
        rejectUnauthorized: false,
      });
      expect(() => parseDockerHost('tcp://docker.lan', { verify: true, certPath: clientOnly })).toThrow(
        /Cannot read ca\.pem from the TLS cert path/,
      );
    });
  });

  it.each([
    ['ssh://user@host', /unsupported scheme "ssh:\/\/"/],
    ['npipe:////./pipe/docker_engine', /unsupported scheme/],
    ['/var/run/docker.sock', /expected unix:\/\/\/path/],
    ['unix://relative.sock', /absolute path/],
    ['unix://', /absolute path/],
    ['tcp://', /not a valid host:port|missing host/],
    ['tcp://host:99999', /not a valid host:port|out of range/],
    ['tcp://host:2375/base', /path after host:port/],
    ['tcp://u:p@host:2375', /credentials/],
  ])('refuses %s with a message naming it', (url, why) => {
    expect(() => parseDockerHost(url)).toThrow(why);
    expect(() => parseDockerHost(url)).toThrow(`Invalid Docker host "${url}"`);
  });
});

describe('describeDockerHost', () => {
  it('renders addresses for messages', () => {
    expect(describeDockerHost({ kind: 'unix', socketPath: '/run/d.sock' })).toBe('unix:///run/d.sock');
    expect(
      describeDockerHost({ kind: 'tcp', host: '::1', port: 2376, tls: { rejectUnauthorized: true } }),
    ).toBe('tcp://[::1]:2376 (TLS)');
  });
});
