/** A query value as a caller may give it; the server's schemas coerce strings back. */
export type QueryValue = string | number | boolean | undefined | null;

type Loose<V> = unknown extends V
  ? string | number
  : V extends 'true' | 'false' | '1' | '0'
    ? V | boolean
    : V;

/**
 * The query-string form of a schema's input: `'true' | 'false'` flags also take booleans, and
 * coerced numbers (whose zod input type is `unknown`) take numbers or strings.
 */
export type QueryOf<T> = { [K in keyof T]?: Loose<Exclude<T[K], undefined>> };

/**
 * Builds `?a=1&b=true` from an object, leaving out undefined and null.
 * @example
 * toQuery({ state: 'running', all: true, q: undefined }) // '?state=running&all=true'
 */
export function toQuery(params: Record<string, QueryValue> | object = {}): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as Array<[string, QueryValue]>) {
    if (value === undefined || value === null) continue;
    qs.append(key, String(value));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}
