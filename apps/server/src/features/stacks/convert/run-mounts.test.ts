import { describe, expect, it } from 'vitest';
import { build, failure } from './run-fixture.js';

describe('-v / --volume', () => {
  it('keeps the short syntax as typed and declares named volumes under their own name', () => {
    const built = build('-v data:/data -v /srv/x:/x:ro,z -v /anon -v data:/again');
    expect(built.service.volumes).toEqual(['data:/data', '/srv/x:/x:ro,z', '/anon', 'data:/again']);
    expect(built.volumes).toEqual({ data: { name: 'data' } });
    expect(built.warnings).toEqual([]);
  });

  it("turns $PWD into the stack's folder and warns about paths that now mean something else", () => {
    const built = build('-v $PWD/conf:/conf -v ./data:/data -v ~/media:/media');
    expect(built.service.volumes).toEqual(['./conf:/conf', './data:/data', '~/media:/media']);
    expect(built.warnings).toEqual([
      expect.stringMatching(/^\$PWD .* became \., the stack's folder/),
      "the relative path ./data is now relative to the stack's folder",
      expect.stringMatching(/^Compose reads ~\/media from the home folder of the user it runs as/),
    ]);
  });

  it('keeps other variables in paths for Compose to fill in', () => {
    const built = build('-v "$DATA_DIR:/data"');
    expect(built.service.volumes?.[0]).toMatch(/^\u{E000}DATA_DIR\u{E001}:\/data$/u);
    expect(built.volumes).toEqual({});
  });

  it('refuses what docker refuses, naming the value', () => {
    expect(failure('-v a:b:c:d')).toMatch(/^-v a:b:c:d: expected source:target\[:mode\]/);
    expect(failure('-v data:relative')).toMatch(/relative is not an absolute path inside the container/);
    expect(failure('-v data:/d:rx')).toMatch(/rx is not a volume mode/);
    expect(failure('-v my/vol:/d')).toMatch(/neither an absolute path nor a volume name/);
  });

  it('applies --volume-driver to the named volumes, wherever it stands', () => {
    expect(build('--volume-driver rexray -v data:/data').volumes).toEqual({
      data: { name: 'data', driver: 'rexray' },
    });
    expect(build('--volume-driver rexray -v /x:/x').warnings).toEqual([
      '--volume-driver applies to named volumes, and the command uses none; it was left out',
    ]);
  });
});

describe('--mount', () => {
  it('writes binds and volumes in the long syntax, tmpfs in the tmpfs list', () => {
    const built = build(
      '--mount type=bind,src=/a,dst=/b,ro=true --mount source=v1,target=/v,volume-nocopy --mount type=tmpfs,destination=/t',
    );
    expect(built.service.volumes).toEqual([
      { type: 'bind', source: '/a', target: '/b', read_only: true },
      { type: 'volume', source: 'v1', target: '/v', volume: { nocopy: true } },
    ]);
    expect(built.service.tmpfs).toEqual(['/t']);
    expect(built.volumes).toEqual({ v1: { name: 'v1' } });
  });

  it('reads quoted fields, volume options and labels onto the declared volume', () => {
    const built = build(
      `--mount 'type=volume,source=nfs,target=/n,volume-driver=local,"volume-opt=o=addr=10.0.0.1,rw",volume-opt=type=nfs,volume-label=team=a'`,
    );
    expect(built.volumes).toEqual({
      nfs: {
        name: 'nfs',
        driver: 'local',
        driver_opts: { o: 'addr=10.0.0.1,rw', type: 'nfs' },
        labels: { team: 'a' },
      },
    });
  });

  it('warns about what Compose v1 cannot say, and refuses what docker refuses', () => {
    expect(build('--mount type=volume,source=vv,target=/v,volume-subpath=sub').warnings).toEqual([
      '--mount volume-subpath has no equivalent in Compose v1; it was left out (/v)',
    ]);
    expect(build('--mount type=image,source=img,target=/i').warnings).toEqual([
      '--mount type=image has no equivalent in Compose v1; that mount was left out',
    ]);
    expect(failure('--mount type=bind,target=/x')).toMatch(/a bind mount needs a source path/);
    expect(failure('--mount type=bind,source=data,target=/x')).toMatch(/a bind mount needs a source path/);
    expect(failure('--mount type=volume,source=vv')).toMatch(/a mount needs a target/);
    expect(failure('--mount type=volume,target=/x,colour=blue')).toMatch(/colour is not a --mount option/);
    expect(failure('--mount type=bind,source=/a,target=/b,readonly=maybe')).toMatch(
      /maybe is not true or false/,
    );
    expect(failure('--mount type=bind,source=/a,target=/b,bind-propagation=sideways')).toMatch(
      /sideways is not a bind propagation/,
    );
  });
});
