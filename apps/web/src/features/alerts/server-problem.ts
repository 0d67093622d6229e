import { ApiError } from '@harbourmaster/client';

/** A refused save: the form field it belongs to (null: the whole form) and what to do, as a sentence. */
export interface SaveProblem {
  field: string | null;
  message: string;
}

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

/**
 * The form field a server error names: `body.name` and `name` are `name`; inside `config` and
 * `match` the key under them (`config.headers.X-Token` is `config.headers`, `config.to.0` is
 * `config.to`); anything else its first part (`channelIds.0` is `channelIds`).
 */
export function formFieldOf(serverField: string): string {
  const parts = serverField.replace(/^body\./, '').split('.');
  const [first = '', second] = parts;
  return (first === 'config' || first === 'match') && second ? `${first}.${second}` : first;
}

/**
 * What to show for a failed save. A 400 that names a field goes under that field, its message
 * without the path the server put in front (`body.name: `, `webhook channel: url: `).
 */
export function problemOfSave(err: unknown): SaveProblem {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof ApiError) || err.status !== 400 || !err.field)
    return { field: null, message: sentence(message) };
  const path = err.field.replace(/^body\./, '');
  const prefixes = [err.field, path, path.replace(/^config\./, '')].map((p) => `${p}: `);
  let text = message.replace(/^\w+ channel: /, '');
  const prefix = prefixes.find((p) => text.startsWith(p));
  if (prefix) text = text.slice(prefix.length);
  // The contract names what it wants ("an http:// or https:// URL"): under a field, that is an instruction.
  if (/^an? /.test(text)) text = `enter ${text}`;
  return { field: formFieldOf(err.field), message: sentence(text) };
}
