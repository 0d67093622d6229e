// Size and speed of the metrics history: generates `--days` of persisted history for `--containers`
// containers (1 min × 24 h, 5 min × 7 d, 1 h × the whole span, as the tiers keep it) through the
// real store into a temp metrics.db, in time order as the daemon would write it, then prints the
// file size, rows, generation time, the p50/p99 of a 90-day 1 h, a 7-day 5 min and a 24 h 1 min
// query for one container, and a steady-state hour of appends and prunes. Figures only, no asserts.
// Usage (Node 24 on PATH): node bench/metrics-history.mjs [--containers 500] [--days 90]
//   [--queries 200] [--churn-minutes 60] [--prune-every 5] [--keep]
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    containers: { type: 'string', default: '500' },
    days: { type: 'string', default: '90' },
    queries: { type: 'string', default: '200' },
    'churn-minutes': { type: 'string', default: '60' },
    'prune-every': { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
});
const CONTAINERS = Number(opt.containers);
const DAYS = Number(opt.days);
const QUERIES = Number(opt.queries);
const CHURN = Number(opt['churn-minutes']);
const PRUNE_EVERY = Number(opt['prune-every']);

const dir = mkdtempSync(join(tmpdir(), 'hm-bench-metrics-'));
const require = createRequire(import.meta.url);
const sqlitePath = require.resolve('better-sqlite3');

// The store is TypeScript: bundle it on the fly, better-sqlite3 (native) left to load from the repo.
const bundle = join(dir, 'metrics-store.mjs');
await build({
  entryPoints: ['apps/server/src/features/metrics/history/metrics-store.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'warning',
  plugins: [
    {
      name: 'repo-better-sqlite3',
      setup(b) {
        b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlitePath, external: true }));
      },
    },
  ],
});
const { openMetricsStore } = await import(pathToFileURL(bundle).href);
const Database = require('better-sqlite3');

/** A small deterministic PRNG (mulberry32), so every run writes the same history. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(15);

// A profile per container: a typical CPU, memory and I/O level; 10 % on the host network.
const profiles = Array.from({ length: CONTAINERS }, () => ({
  cpu: random() * 1.5,
  memory: 10e6 + random() * 1e9,
  net: random() < 0.1 ? null : random() * 2e6,
  blk: random() * 2e5,
}));
const HOST_CPUS = 16;
const jitter = () => 0.5 + random();
/** A bucket of `n` samples around the container's profile. */
function bucketFor(p, t, n) {
  const cpu = p.cpu * jitter();
  const cpuMax = cpu * (1 + random());
  const mem = p.memory * jitter();
  const rate = (v) => (v === null ? null : Math.round(v * jitter()));
  const avg = [
    cpu,
    (cpu / HOST_CPUS) * 100,
    Math.round(mem),
    rate(p.net),
    rate(p.net),
    rate(p.blk),
    rate(p.blk),
  ];
  const max = [
    cpuMax,
    (cpuMax / HOST_CPUS) * 100,
    Math.round(mem * 1.2),
    ...avg.slice(3).map((v) => (v === null ? null : v * 3)),
  ];
  return { t, n, avg, max };
}

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
const keep = { '1m': DAY, '5m': 7 * DAY, '1h': DAYS * DAY };
const now = Math.floor(Date.now() / 1000 / HOUR) * HOUR;
const start = now - DAYS * DAY;
const file = join(dir, 'metrics.db');

/** The rows every container writes at minute `m`: the tiers whose bucket closes then and is kept. */
function rowsAt(ids, m, horizon) {
  const rows = [];
  for (let i = 0; i < ids.length; i++) {
    const p = profiles[i];
    if (m >= horizon - keep['1m']) rows.push({ series: ids[i], tier: '1m', bucket: bucketFor(p, m, MIN) });
    if (m % 300 === 0 && m >= horizon - keep['5m'])
      rows.push({ series: ids[i], tier: '5m', bucket: bucketFor(p, m, 300) });
    if (m % HOUR === 0) rows.push({ series: ids[i], tier: '1h', bucket: bucketFor(p, m, HOUR) });
  }
  return rows;
}

const sizeMb = () =>
  ['', '-wal'].reduce((sum, ext) => sum + (existsSync(file + ext) ? statSync(file + ext).size : 0), 0) /
  1024 /
  1024;

console.log(`metrics history: ${CONTAINERS} containers × ${DAYS} days into ${file}`);
let store = openMetricsStore(file, { flushEveryMs: 0, flushAtRows: 5000 });
const ids = profiles.map((_, i) =>
  store.upsertSeries({ host: 'local', kind: 'container', key: `c${i}`, name: `bench-${i}` }, start),
);
const t0 = performance.now();
for (let m = start; m < now; m += MIN) {
  const rows = rowsAt(ids, m, now);
  if (rows.length) store.enqueue(rows);
}
store.close();
const genSeconds = (performance.now() - t0) / 1000;

const peek = new Database(file, { readonly: true });
const count = (tier) => peek.prepare('SELECT count(*) FROM points WHERE tier = ?').pluck().get(tier);
const rows = { '1m': count(1), '5m': count(5), '1h': count(60) };
const total = rows['1m'] + rows['5m'] + rows['1h'];
const pageSize = peek.pragma('page_size', { simple: true });
peek.close();
const size = sizeMb();
console.log(
  `generated in ${genSeconds.toFixed(1)} s: ${total.toLocaleString('en')} rows (1m ${rows['1m']}, 5m ${rows['5m']}, 1h ${rows['1h']})`,
);
console.log(
  `file size: ${size.toFixed(1)} MB (${((size * 1024 * 1024) / total).toFixed(1)} bytes/row, page ${pageSize} B)`,
);

store = openMetricsStore(file, { flushEveryMs: 0 });
function timeQueries(label, tier, span) {
  const ms = [];
  let points = 0;
  for (let q = 0; q < QUERIES; q++) {
    const id = ids[Math.floor(random() * ids.length)];
    const a = performance.now();
    points = store.query(id, tier, now - span, now).length;
    ms.push(performance.now() - a);
  }
  ms.sort((x, y) => x - y);
  const pct = (p) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))].toFixed(2);
  console.log(
    `${label} query (${tier}, ${points} points): p50 ${pct(50)} ms, p99 ${pct(99)} ms over ${QUERIES}`,
  );
}
timeQueries(`${DAYS}-day`, '1h', DAYS * DAY);
timeQueries('7-day', '5m', 7 * DAY);
timeQueries('24h', '1m', DAY);

// Steady state: each minute every container appends its closed buckets, then one prune runs.
/** Bytes this process has had written to storage (Linux), to show what steady state costs the disk. */
const writtenBytes = () =>
  Number(/write_bytes: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
const written0 = writtenBytes();
const pruneMs = [];
const flushMs = [];
let pruned = 0;
let vacuumed = 0;
for (let m = now; m < now + CHURN * MIN; m += MIN) {
  store.enqueue(rowsAt(ids, m, m));
  const f = performance.now();
  store.flush();
  flushMs.push(performance.now() - f);
  if (((m - now) / MIN) % PRUNE_EVERY !== PRUNE_EVERY - 1) continue;
  const a = performance.now();
  const r = store.prune(m + MIN, keep);
  pruneMs.push(performance.now() - a);
  pruned += r.points;
  vacuumed += r.vacuumedPages;
}
store.close();
const writtenMb = (writtenBytes() - written0) / 1024 / 1024;
if (CHURN > 0) {
  const p = (q, list = pruneMs) =>
    list[Math.min(list.length - 1, Math.floor((q / 100) * list.length))].toFixed(1);
  pruneMs.sort((x, y) => x - y);
  flushMs.sort((x, y) => x - y);
  console.log(
    `steady state, ${CHURN} min of appends, a prune every ${PRUNE_EVERY} min: flush p50 ${p(50, flushMs)} ms, max ${p(100, flushMs)} ms; ` +
      `prune p50 ${p(50)} ms, max ${p(100)} ms; ` +
      `${pruned} rows pruned, ${vacuumed} pages vacuumed; file now ${sizeMb().toFixed(1)} MB; ` +
      `${(writtenMb / CHURN).toFixed(2)} MB written to disk per minute (WAL and checkpoints)`,
  );
}

if (opt.keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
