// Bundles the daemon into one ESM file (native modules stay external), as DESIGN.md decides.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/**
 * Node built-ins that dependencies require at load time but the daemon needs only now and then:
 * TLS (ws's client side, an engine over TCP+TLS) and HTTP/2 (Fastify, unused here). Each is
 * replaced by a proxy that loads the real module on first use; together they held about 9 MB.
 */
const LAZY_BUILTINS = ['https', 'tls', 'http2'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
    // Only plain require() calls: an ESM import is copied property by property at load (esbuild's
    // interop), which would load the module anyway.
    build.onResolve({ filter }, (args) =>
      args.kind === 'require-call'
        ? { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      loader: 'js',
      contents: `let real;
const load = () => (real ??= process.getBuiltinModule('node:${args.path}'));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => ({ ...Reflect.getOwnPropertyDescriptor(load(), key), configurable: true }),
});`,
    }));
  },
};

/**
 * An ESM `import http from 'node:http'` makes Node build the module's namespace, reading every
 * export, lazy ones included: that alone loaded TLS, HTTP/2 and undici, 14 MB. Imports of built-ins
 * in the bundle's own code are turned into require() calls (esbuild's interop reads exports only
 * when used), like those of the CommonJS dependencies.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(build) {
    const names = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/'));
    const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
    build.onResolve({ filter }, (args) =>
      args.kind === 'import-statement'
        ? { path: args.path.replace(/^node:/, ''), namespace: 'builtin-cjs' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin-cjs' }, (args) => ({
      loader: 'js',
      contents: `module.exports = require('node:${args.path}');`,
    }));
  },
};

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
  plugins: [builtinsByRequire, lazyBuiltins],
  logLevel: 'warning',
});
