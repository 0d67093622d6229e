import { describe, expect, it } from 'vitest';
import pkg from '../package.json';

// Every source file of the panel as text (Vite's glob, so the test needs no Node types).
const sources = import.meta.glob<string>(['./**/*.{ts,tsx}', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

// The browser speaks to the daemon through its wire contracts only; the engine's types and code stay
// on the server, so a change of engine shapes can never silently change what the panel reads.
const ALLOWED = ['@harbourmaster/contracts', '@harbourmaster/client'];

describe('the panel depends on contracts only', () => {
  it('imports no Harbourmaster package but the contracts and the client', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    const offending = Object.entries(sources).flatMap(([file, text]) =>
      [...text.matchAll(/from '(@harbourmaster\/[^'/]+)[^']*'/g)]
        .map((m) => m[1] ?? '')
        .filter((name) => !ALLOWED.includes(name))
        .map((name) => `${file} imports ${name}`),
    );
    expect(offending).toEqual([]);
  });

  it('lists no other Harbourmaster package among its dependencies', () => {
    const ours = Object.keys(pkg.dependencies).filter((d) => d.startsWith('@harbourmaster/'));
    expect(ours.sort()).toEqual([...ALLOWED].sort());
  });
});
