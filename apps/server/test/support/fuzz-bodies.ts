import { WRONG_TYPES, HOSTILE_STRINGS, type Random } from './fuzz-values.js';

/** The subset of JSON Schema the OpenAPI document uses for request bodies. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
}

/** A plausible value for a schema: enums, right types, our names; the fuzzer then spoils one part. */
export function plausible(schema: JsonSchema, rnd: Random, prefix: string, depth = 0): unknown {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return plausible(rnd.pick(alternatives), rnd, prefix, depth);
  if (schema.allOf?.length) return plausible(schema.allOf[0]!, rnd, prefix, depth);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return rnd.pick(schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (depth < 4 && (schema.required?.includes(key) || rnd.chance(0.5))) {
          out[key] = plausible(prop, rnd, prefix, depth + 1);
        }
      }
      return out;
    }
    case 'array':
      return depth < 4 && schema.items && rnd.chance(0.5)
        ? [plausible(schema.items, rnd, prefix, depth + 1)]
        : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return rnd.chance(0.5);
    case 'string':
      if (schema.format === 'uuid') return rnd.uuid();
      if (schema.format === 'uri') return 'http://127.0.0.1:9/icon.png';
      return `${prefix}${rnd.word()}`;
    case undefined:
    default:
      return null;
  }
}

/** Spoils one field of a plausible body (or the whole body) with a wrong type or hostile string. */
export function spoil(body: unknown, rnd: Random): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || rnd.chance(0.15)) {
    return rnd.chance(0.5) ? rnd.pick(WRONG_TYPES) : rnd.pick(HOSTILE_STRINGS);
  }
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const keys = Object.keys(out);
  const roll = rnd.next();
  if (keys.length > 0 && roll < 0.35) out[rnd.pick(keys)] = rnd.pick(WRONG_TYPES);
  else if (keys.length > 0 && roll < 0.6) out[rnd.pick(keys)] = rnd.pick(HOSTILE_STRINGS);
  else if (keys.length > 0 && roll < 0.75) delete out[rnd.pick(keys)];
  else if (keys.length > 0 && roll < 0.85) out[rnd.pick(keys)] = spoil(out[rnd.pick(keys)], rnd);
  else out[rnd.pick(['extra', '__proto__', 'constructor', 'ü'])] = rnd.pick(WRONG_TYPES);
  return out;
}

/** Whole request bodies that are not JSON objects at all, with the content type they go under. */
export function rawBodies(): Array<{ contentType: string | undefined; body: string }> {
  return [
    { contentType: 'application/json', body: '' },
    { contentType: 'application/json', body: '{"a":' },
    { contentType: 'application/json', body: '\u00ff\u00fe' },
    { contentType: 'application/json', body: '[]' },
    { contentType: 'application/json', body: 'null' },
    { contentType: 'application/json', body: '"string"' },
    { contentType: 'application/json', body: '{"__proto__":{"admin":true}}' },
    { contentType: 'application/json', body: '{"constructor":{"prototype":{"admin":true}}}' },
    { contentType: 'application/json', body: '['.repeat(50_000) + ']'.repeat(50_000) },
    { contentType: 'application/json', body: '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000) },
    { contentType: 'application/json', body: `{"a":"${'x'.repeat(5 * 1024 * 1024)}"}` },
    { contentType: 'application/json; charset=utf-16', body: '{}' },
    { contentType: 'text/plain', body: 'hello' },
    { contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=2' },
    {
      contentType: 'multipart/form-data; boundary=x',
      body: '--x\r\nContent-Disposition: form-data\r\n\r\n1\r\n--x--',
    },
    { contentType: 'application/xml', body: '<a/>' },
    { contentType: 'not a media type', body: '{}' },
    { contentType: undefined, body: '{}' },
  ];
}
