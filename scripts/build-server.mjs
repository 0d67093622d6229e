// Bundles the daemon into one ESM file (native modules stay external), as DESIGN.md decides.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

await build({
  entryPoints: ['apps/server/src/main.ts'],
  outfile: 'apps/server/dist/main.js',
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: true,
  // Native modules, and swagger-ui, which serves its static files from its own package folder.
  external: ['better-sqlite3', '@fastify/swagger-ui'],
  banner: {
    js: "import { createRequire as __hmRequire } from 'node:module'; const require = __hmRequire(import.meta.url);",
  },
  define: { HM_BUILD_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
