import { z } from 'zod';

export const roleSchema = z
  .enum(['admin', 'operator', 'viewer'])
  .meta({ description: 'A user or token role' });
export type Role = z.infer<typeof roleSchema>;

/** Higher ranks include every right of the lower ones. */
export const ROLE_RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

export const errorReplySchema = z.object({
  error: z.string().meta({ description: 'A stable code: validation, not_found, forbidden, …' }),
  message: z.string(),
  field: z.string().optional().meta({ description: 'The input field that is wrong, when one is' }),
});
export type ErrorReply = z.infer<typeof errorReplySchema>;

export const hostIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'host ids are lowercase letters, digits, - and _');

// Kept importable from here for the schemas that already use it; the grammar lives in docker-names.
export { containerRefSchema } from './docker-names.js';

export const okReplySchema = z.object({ ok: z.literal(true) });

export const timestampSchema = z.number().int().meta({ description: 'Unix milliseconds' });

/** A boolean in a query string: `true`/`false` or `1`/`0`. */
export const boolQuerySchema = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const SECRET_ENV_NAME = /pass|secret|token|key|credential|auth|private/i;

/** Whether an env variable's name looks like it holds a secret; its value is then masked for display. */
export function isSecretEnvName(name: string): boolean {
  return SECRET_ENV_NAME.test(name);
}
