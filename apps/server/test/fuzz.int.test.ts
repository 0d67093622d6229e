import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_REFERENCE_PATTERN } from '@harbourmaster/contracts';
import { startTestServer, type TestServer } from './support/test-server.js';
import { removeByPrefix } from './support/docker-fixtures.js';
import { plausible, rawBodies, spoil, type JsonSchema } from './support/fuzz-bodies.js';
import {
  couldNameRealObject,
  pathValue,
  seededRandom,
  HOSTILE_STRINGS,
  type Random,
} from './support/fuzz-values.js';

// Every operation of the OpenAPI document gets bounded hostile input as an admin, against the real
// engine: bad, huge, unicode and traversal path parameters, wrong-typed query and body fields, deep
// JSON, empty bodies and wrong content types. No answer may be a 5xx other than 502/503 for an
// unreachable engine, and none may hang. Shared state is safe: every name that could reach the
// engine is one of ours (never an id prefix of someone else's object), prunes only preview, pulls
// go to the loopback registry, and the routes that sign out or delete users and tokens are left out.

const SEED = Number(process.env.HM_FUZZ_SEED ?? 2);
const CASES_PER_OPERATION = 60;
const UNREACHABLE_CASES_PER_OPERATION = 12;
const REQUEST_TIMEOUT_MS = 10_000;
const P = `hmfuzz-${process.pid}-`;
const REGISTRY = process.env.HM_TEST_REGISTRY ?? '127.0.0.1:5000';
const SKIPPED = new Set(['POST /api/auth/logout', 'DELETE /api/users/{id}', 'DELETE /api/tokens/{id}']);

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
}
interface Outcome {
  request: string;
  status: number | 'hang' | 'socket error';
  /** The start of the answer, for the failure report. */
  body: string;
  /** Whether the answer is our `{ error, message }` shape. */
  errorShape: boolean;
  ms: number;
}
type Spec = {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
    >
  >;
};

let reachable: TestServer;
let unreachable: TestServer;
let operations: Operation[];

beforeAll(async () => {
  reachable = await startTestServer();
  unreachable = await startTestServer({ DOCKER_HOST: `unix:///tmp/hmfuzz-absent-${process.pid}.sock` });
  const spec = await reachable.api<Spec>('GET', '/api/openapi.json', undefined, 'anonymous');
  operations = Object.entries(spec.body.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      }))
      .filter((op) => !SKIPPED.has(`${op.method} ${op.path}`)),
  );
});
afterAll(async () => {
  agent.destroy();
  await removeByPrefix(P);
  await reachable?.close();
  await unreachable?.close();
});

function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as a client that does not check would send it
  }
}

function buildPath(op: Operation, rnd: Random): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const schema = op.parameters.find((p) => p.in === 'path' && p.name === name)?.schema;
    if (name === 'host' && rnd.chance(0.8)) return 'local';
    if (schema?.enum?.length && rnd.chance(0.6)) return String(rnd.pick(schema.enum));
    const value = pathValue(rnd, P);
    return value.raw ? value.text : encodeSegment(value.text);
  });
}

const WRONG_QUERY_VALUES = ['maybe', '-1', '1e309', '', 'NaN', '[]', '99999999999999999999', '..%2F'];

/** A value a query parameter of this schema takes, so the rest of the request gets checked too. */
function plausibleQueryValue(schema: JsonSchema | undefined, rnd: Random): string {
  if (schema?.enum?.length) return String(rnd.pick(schema.enum));
  const types = JSON.stringify(schema ?? {});
  if (/"(integer|number)"/.test(types)) return String(rnd.int(100));
  return `${P}${rnd.word()}`;
}

function buildQuery(op: Operation, rnd: Random): string {
  const params = new URLSearchParams();
  for (const p of op.parameters.filter((q) => q.in === 'query')) {
    if (!rnd.chance(0.4)) continue;
    const roll = rnd.next();
    if (roll < 0.5) params.append(p.name, plausibleQueryValue(p.schema, rnd));
    else if (roll < 0.8) params.append(p.name, rnd.pick(WRONG_QUERY_VALUES));
    else params.append(p.name, rnd.pick(HOSTILE_STRINGS).replace(/[\ud800-\udfff]/g, '?'));
    if (rnd.chance(0.05)) params.append(p.name, 'again'); // a repeated key parses as an array
  }
  if (rnd.chance(0.1)) params.append('__proto__', 'x');
  // Prune only previews: dryRun is always a preview or a value the route refuses.
  if (op.path.endsWith('/prune')) params.set('dryRun', rnd.pick(['true', '1', 'TRUE', 'yes', '']));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Makes a body that could reach the engine name only things of ours, and pull only from loopback. */
function madeSafe(op: Operation, body: unknown, rnd: Random): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const out = { ...(body as Record<string, unknown>) };
  const validRef = (v: unknown): v is string => typeof v === 'string' && IMAGE_REFERENCE_PATTERN.test(v);
  if (validRef(out.image)) {
    out.image = op.path.endsWith('/pull') ? `${REGISTRY}/${P}${rnd.word()}:1` : `${P}${rnd.word()}:absent`;
  }
  if (typeof out.name === 'string' && couldNameRealObject(out.name)) out.name = `${P}${rnd.word()}`;
  if (Array.isArray(out.targets)) {
    out.targets = out.targets.map((t: unknown) =>
      typeof t === 'object' && t !== null ? { ...t, id: `${P}${rnd.word()}` } : t,
    );
  }
  return out;
}

function buildBody(
  op: Operation,
  rnd: Random,
): { contentType: string | undefined; body: string } | undefined {
  if (op.body === undefined) return rnd.chance(0.3) ? rnd.pick(rawBodies()) : undefined;
  if (rnd.chance(0.25)) return rnd.pick(rawBodies());
  const valid = plausible(op.body, rnd, P);
  const value = madeSafe(op, rnd.chance(0.35) ? valid : spoil(valid, rnd), rnd);
  return { contentType: 'application/json', body: JSON.stringify(value) ?? 'null' };
}

/** Extra headers some requests carry: hostile credentials, encodings and origins. */
function buildHeaders(rnd: Random): Record<string, string> {
  if (!rnd.chance(0.15)) return {};
  const hostile = rnd
    .pick(HOSTILE_STRINGS)
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 8000);
  const choices: Array<Record<string, string>> = [
    { authorization: `Bearer ${hostile}` },
    { authorization: hostile },
    { cookie: `hm_session=${hostile}` },
    { 'x-csrf-token': hostile },
    { origin: rnd.pick(['null', 'http://evil.example', hostile]) },
    { 'accept-encoding': rnd.pick(['gzip;q=abc', 'br, *;q=0', hostile]) },
    { 'content-encoding': rnd.pick(['gzip', 'br', hostile]) },
    { 'x-forwarded-for': hostile },
    { accept: rnd.pick(['text/html', 'application/xml', hostile]) },
  ];
  return rnd.pick(choices);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function send(
  s: TestServer,
  method: string,
  path: string,
  payload: { contentType?: string | undefined; body: string } | undefined,
  extraHeaders: Record<string, string>,
) {
  const { port } = new URL(s.url);
  return new Promise<Omit<Outcome, 'request' | 'ms'>>((resolve) => {
    const headers: Record<string, string> = { authorization: `Bearer ${s.tokens.admin}`, ...extraHeaders };
    if (payload?.contentType !== undefined) headers['content-type'] = payload.contentType;
    // Node frames a GET or DELETE body only when told its length.
    if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload.body));
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: text.slice(0, 500), errorShape: isErrorShape(text) }),
      );
      res.on('error', () => resolve({ status: 'socket error', body: '', errorShape: false }));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => {
      resolve({ status: 'hang', body: '', errorShape: false });
      req.destroy();
    });
    req.on('error', (err) => resolve({ status: 'socket error', body: err.message, errorShape: false }));
    req.end(payload?.body);
  });
}

async function fuzz(s: TestServer, casesPerOperation: number, seed: number): Promise<Outcome[]> {
  const rnd = seededRandom(seed);
  const outcomes: Outcome[] = [];
  for (const op of operations) {
    for (let i = 0; i < casesPerOperation; i++) {
      const path = buildPath(op, rnd) + buildQuery(op, rnd);
      const payload = buildBody(op, rnd);
      const extraHeaders = buildHeaders(rnd);
      const t0 = performance.now();
      const result = await send(s, op.method, path, payload, extraHeaders);
      const ms = Math.round(performance.now() - t0);
      const shown =
        (payload ? ` ${payload.contentType ?? '-'} ${payload.body.slice(0, 120)}` : '') +
        (Object.keys(extraHeaders).length > 0 ? ` ${JSON.stringify(extraHeaders).slice(0, 120)}` : '');
      outcomes.push({ request: `${op.method} ${path.slice(0, 200)}${shown}`, ...result, ms });
    }
  }
  return outcomes;
}

function summary(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[String(o.status)] = (counts[String(o.status)] ?? 0) + 1;
  return counts;
}

/** A 4xx answer is our JSON error shape, so clients can show its message. */
function isErrorShape(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    return typeof parsed.error === 'string' && typeof parsed.message === 'string';
  } catch {
    return false;
  }
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('with the engine reachable: no 5xx, no hang, every error in our shape', async () => {
    expect(operations.length).toBeGreaterThan(30);
    const started = performance.now();
    const outcomes = await fuzz(reachable, CASES_PER_OPERATION, SEED);
    console.log(
      `fuzz (seed ${SEED}): ${outcomes.length} requests over ${operations.length} operations in ` +
        `${Math.round(performance.now() - started)} ms`,
      summary(outcomes),
    );
    // HM_FUZZ_DUMP=file keeps every request and answer, to study a run (with HM_FUZZ_SEED to replay it).
    if (process.env.HM_FUZZ_DUMP) writeFileSync(process.env.HM_FUZZ_DUMP, JSON.stringify(outcomes, null, 1));
    const broken = outcomes.filter((o) => typeof o.status !== 'number' || o.status >= 500);
    expect(broken).toEqual([]);
    const shapeless = outcomes.filter(
      (o) => typeof o.status === 'number' && o.status >= 400 && !o.errorShape,
    );
    expect(shapeless).toEqual([]);
  });

  it('with the engine unreachable: only 502/503 among 5xx, no hang', async () => {
    const outcomes = await fuzz(unreachable, UNREACHABLE_CASES_PER_OPERATION, SEED + 1);
    console.log(`fuzz, engine unreachable: ${outcomes.length} requests`, summary(outcomes));
    const broken = outcomes.filter(
      (o) => typeof o.status !== 'number' || (o.status >= 500 && o.status !== 502 && o.status !== 503),
    );
    expect(broken).toEqual([]);
    expect(outcomes.filter((o) => typeof o.status === 'number' && o.status >= 400 && !o.errorShape)).toEqual(
      [],
    );
  });
});
