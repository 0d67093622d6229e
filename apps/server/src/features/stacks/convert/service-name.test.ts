import { describe, expect, it } from 'vitest';
import { variableMark } from './interpolation.js';
import { serviceNameFor } from './service-name.js';

describe('serviceNameFor', () => {
  it("takes the container's name when it makes a service name", () => {
    expect(serviceNameFor('nginx', 'web')).toBe('web');
    expect(serviceNameFor('nginx', 'My.Web_1')).toBe('My.Web_1');
  });

  it("else the image's last path segment, without tag or digest", () => {
    expect(serviceNameFor('ghcr.io/home-assistant/home-assistant:stable', undefined)).toBe('home-assistant');
    expect(serviceNameFor('localhost:5000/team/api@sha256:abc', undefined)).toBe('api');
    expect(serviceNameFor('nginx', variableMark('NAME'))).toBe('nginx');
  });

  it('else app', () => {
    expect(serviceNameFor(`${variableMark('IMAGE')}:1`, undefined)).toBe('app');
    expect(serviceNameFor('_x', undefined)).toBe('app');
  });
});
