import { describe, expect, it } from 'vitest';
import { foldPullMessage } from './pull-job.js';

describe('foldPullMessage', () => {
  it('tracks each layer and the overall status', () => {
    let s = { status: '', layers: {} };
    s = foldPullMessage(s, { status: 'Pulling from hm-test/busybox', id: '1' });
    s = foldPullMessage(s, { status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' });
    s = foldPullMessage(s, {
      status: 'Downloading',
      id: 'aaaaaaaaaaaa',
      progressDetail: { current: 50, total: 200 },
    });
    s = foldPullMessage(s, {
      status: 'Downloading',
      id: 'bbbbbbbbbbbb',
      progressDetail: { current: 1, total: 2 },
    });
    expect(s.layers).toEqual({
      aaaaaaaaaaaa: { status: 'Downloading', current: 50, total: 200 },
      bbbbbbbbbbbb: { status: 'Downloading', current: 1, total: 2 },
    });
    s = foldPullMessage(s, { status: 'Pull complete', id: 'aaaaaaaaaaaa' });
    expect(s.layers).toMatchObject({ aaaaaaaaaaaa: { status: 'Pull complete', current: 200, total: 200 } });
    s = foldPullMessage(s, { status: 'Status: Downloaded newer image for x:1' });
    expect(s.status).toBe('Status: Downloaded newer image for x:1');
  });
});
