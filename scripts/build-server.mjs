// Bundles the daemon into one ESM file (native modules stay external), as DESIGN.md decides.
import { build } from 'esbuild';

await build({
  entryPoints: ['apps/server/src/main.ts'],
  outfile: 'apps/server/dist/main.js',
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: true,
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __hmRequire } from 'node:module'; const require = __hmRequire(import.meta.url);" },
  logLevel: 'warning',
});
