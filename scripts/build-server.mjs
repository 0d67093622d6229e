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
  // Whitespace and syntax only: names stay, so stack traces in the log still say where. Licence
  // comments go to main.js.LEGAL.txt: one non-ASCII letter in them made V8 keep the whole source
  // as a two-byte string, 8.6 MB of heap for a 4.5 MB file.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'external',
  // Native modules, and swagger-ui, whose static files the docs page reads from its package folder.
  external: ['better-sqlite3', '@fastify/swagger-ui'],
  banner: {
    js: "import { createRequire as __hmRequire } from 'node:module'; const require = __hmRequire(import.meta.url);",
  },
  define: { HM_BUILD_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
