import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin.js';

describe('isAllowedOrigin', () => {
  it('allows clients that send no Origin (not a browser)', () => {
    expect(isAllowedOrigin(undefined, 'hm.local:9090', [])).toBe(true);
    expect(isAllowedOrigin('', 'hm.local:9090', [])).toBe(true);
  });

  it('allows the same origin as the Host, default ports included', () => {
    expect(isAllowedOrigin('http://hm.local:9090', 'hm.local:9090', [])).toBe(true);
    expect(isAllowedOrigin('https://hm.example.com', 'hm.example.com', [])).toBe(true);
    expect(isAllowedOrigin('https://hm.example.com', 'hm.example.com:443', [])).toBe(true);
    expect(isAllowedOrigin('https://HM.Example.com', 'hm.example.com', [])).toBe(true);
  });

  it('refuses another host, port or a look-alike', () => {
    expect(isAllowedOrigin('http://evil.example', 'hm.local:9090', [])).toBe(false);
    expect(isAllowedOrigin('http://hm.local:9091', 'hm.local:9090', [])).toBe(false);
    expect(isAllowedOrigin('http://hm.local:9090.evil.example', 'hm.local:9090', [])).toBe(false);
    expect(isAllowedOrigin('http://hm.local:9090', undefined, [])).toBe(false);
  });

  it('refuses opaque and non-web origins unless listed', () => {
    expect(isAllowedOrigin('null', 'hm.local', [])).toBe(false);
    expect(isAllowedOrigin('file://', 'hm.local', [])).toBe(false);
    expect(isAllowedOrigin('not a url', 'hm.local', [])).toBe(false);
  });

  it('allows origins listed in HM_ALLOWED_ORIGINS, compared as origins', () => {
    const allowed = ['https://dash.example.com', 'http://localhost:5173/'];
    expect(isAllowedOrigin('https://dash.example.com', 'hm.local', allowed)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5173', 'hm.local', allowed)).toBe(true);
    expect(isAllowedOrigin('https://dash.example.com:8443', 'hm.local', allowed)).toBe(false);
  });
});
