import { EditorState } from '@codemirror/state';
import { CompletionContext, type Completion } from '@codemirror/autocomplete';
import { describe, expect, it } from 'vitest';
import { composeCompletionSource, composeCompletions } from './compose-completion.js';

/** Completions at the `‸` (removed from the text). */
function complete(marked: string, explicit = false) {
  const pos = marked.indexOf('‸');
  return composeCompletions(marked.slice(0, pos) + marked.slice(pos + 1), pos, explicit);
}

const labels = (options: readonly Completion[] | undefined) => options?.map((o) => o.label) ?? [];
const option = (options: readonly Completion[] | undefined, label: string) =>
  options?.find((o) => o.label === label);

describe('composeCompletions', () => {
  it('offers service keys with their type and description', () => {
    const result = complete('services:\n  web:\n    ima‸');
    expect(labels(result?.options)).toEqual(
      expect.arrayContaining(['image', 'healthcheck', 'ports', 'develop']),
    );
    expect(result?.from).toBe('services:\n  web:\n    '.length);
    const image = option(result?.options, 'image');
    expect(image).toMatchObject({ type: 'property', detail: 'string', apply: 'image: ' });
    expect(image?.info).toContain('Image');
  });

  it('opens the block of a key that holds a mapping or a list', () => {
    const result = complete('services:\n  web:\n    h‸');
    expect(option(result?.options, 'healthcheck')?.apply).toBe('healthcheck:\n      ');
    expect(option(result?.options, 'ports')?.apply).toBe('ports:\n      - ');
  });

  it('replaces only the name when completing over an existing key', () => {
    const result = complete('services:\n  web:\n    ima‸ge: nginx');
    expect(option(result?.options, 'image')?.apply).toBe('image');
    expect(result?.to).toBe('services:\n  web:\n    image'.length);
  });

  it('offers top-level keys at the left margin', () => {
    expect(labels(complete('services:\n  web:\n    image: nginx\nvo‸')?.options)).toEqual(
      expect.arrayContaining(['services', 'volumes', 'networks', 'name', 'include']),
    );
  });

  it('offers nested keys: healthcheck, deploy limits, a ports item', () => {
    expect(labels(complete('services:\n  web:\n    healthcheck:\n      in‸')?.options)).toEqual(
      expect.arrayContaining(['interval', 'test', 'retries']),
    );
    expect(
      labels(
        complete('services:\n  web:\n    deploy:\n      resources:\n        limits:\n          m‸')?.options,
      ),
    ).toEqual(expect.arrayContaining(['memory', 'cpus']));
    expect(labels(complete('services:\n  web:\n    ports:\n      - t‸')?.options)).toEqual(
      expect.arrayContaining(['target', 'published', 'protocol']),
    );
  });

  it('offers keys on an empty line only when asked', () => {
    expect(complete('services:\n  web:\n    ‸')).toBeNull();
    expect(labels(complete('services:\n  web:\n    ‸', true)?.options)).toContain('image');
  });

  it('offers enum values after `key: `', () => {
    const restart = complete('services:\n  web:\n    restart: ‸');
    expect(labels(restart?.options)).toEqual(['no', 'always', 'on-failure', 'unless-stopped']);
    expect(option(restart?.options, 'no')?.apply).toBe('"no"');
    expect(labels(complete('services:\n  web:\n    network_mode: h‸')?.options)).toEqual(
      expect.arrayContaining(['host', 'bridge', 'none']),
    );
    expect(labels(complete('services:\n  web:\n    pull_policy: ‸')?.options)).toEqual(
      expect.arrayContaining(['always', 'never', 'missing', 'build', 'if_not_present']),
    );
    expect(
      labels(complete('services:\n  web:\n    depends_on:\n      db:\n        condition: ‸')?.options),
    ).toEqual(['service_started', 'service_healthy', 'service_completed_successfully']);
    expect(labels(complete('services:\n  web:\n    init: ‸')?.options)).toEqual(['true', 'false']);
  });

  it('offers nothing for free values, comments, service names or block scalars', () => {
    expect(complete('services:\n  web:\n    image: ngi‸')).toBeNull();
    expect(complete('services:\n  web:\n    # ima‸')).toBeNull();
    expect(complete('services:\n  we‸')).toBeNull();
    expect(complete('services:\n  web:\n    command: |\n      ech‸')).toBeNull();
  });

  it('works as a CodeMirror completion source', () => {
    const doc = 'services:\n  web:\n    restart: al\n    image: nginx\n';
    const pos = doc.indexOf('al') + 2;
    const result = composeCompletionSource(new CompletionContext(EditorState.create({ doc }), pos, false));
    expect(result).toMatchObject({ from: doc.indexOf('al'), to: pos });
    expect(labels(result?.options)).toContain('always');
  });
});
