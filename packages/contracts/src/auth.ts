import { z } from 'zod';
import { roleSchema, timestampSchema } from './common.js';
import {
  appDataRootSchema,
  hostChangesSchema,
  hostnameSchema,
  timezoneSchema,
  tlsSettingsSchema,
} from './settings.js';

export const usernameSchema = z
  .string()
  .min(3, 'a username has at least 3 characters')
  .max(64, 'a username has at most 64 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'a username is letters, digits, . _ and -');

export const passwordSchema = z
  .string()
  .min(8, 'a password has at least 8 characters')
  .max(256, 'a password has at most 256 characters');

/**
 * The one-time code the daemon prints to its log and console at start while no admin exists:
 * 12 letters and digits, typed with or without dashes and spaces, in any case.
 */
export const setupCodeSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? "enter the setup code from the daemon's log or console"
        : 'the setup code is text',
  })
  .regex(/^[\s-]*(?:[0-9a-z][\s-]*){12}$/i, 'the setup code is 12 letters and digits, like K7QZ-2M9D-XW4T')
  .meta({
    description:
      'The one-time code the daemon prints to its log and console at start while no admin exists (e.g. K7QZ-2M9D-XW4T); a restart prints a new one',
  });

/**
 * The body of the first-boot setup: the first admin, and optionally what the wizard asked about the
 * machine and the panel. All of it is applied together or not at all.
 */
export const setupBodySchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  setupCode: setupCodeSchema,
  hostname: hostnameSchema.optional().meta({
    description:
      "A new hostname for the machine; only when the daemon manages it (HM_MANAGE_HOST), otherwise it must be the machine's own",
  }),
  timezone: timezoneSchema.optional(),
  appDataRoot: appDataRootSchema.optional(),
  tls: tlsSettingsSchema.optional(),
});
export type SetupRequest = z.infer<typeof setupBodySchema>;

/**
 * The body of a sign-in. Looser than the policy on purpose: a user whose password predates a
 * stricter policy must still be able to sign in and change it.
 */
export const loginBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginBodySchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  lastLoginAt: timestampSchema.nullable(),
});
export type User = z.infer<typeof userSchema>;

export const loginReplySchema = z.object({
  csrfToken: z.string().meta({ description: 'Send it as the x-csrf-token header on every mutating request' }),
  user: userSchema,
});
export type LoginReply = z.infer<typeof loginReplySchema>;

/** The first admin's session, and what setup changed on the machine itself. */
export const setupReplySchema = loginReplySchema.extend({ host: hostChangesSchema });
export type SetupReply = z.infer<typeof setupReplySchema>;

export const meReplySchema = z.discriminatedUnion('via', [
  z.object({
    via: z.literal('session'),
    role: roleSchema,
    user: userSchema,
    csrfToken: z.string(),
  }),
  z.object({
    via: z.literal('token'),
    role: roleSchema,
    tokenName: z.string(),
  }),
]);
export type MeReply = z.infer<typeof meReplySchema>;

export const authStatusReplySchema = z.object({
  setupRequired: z.boolean().meta({
    description:
      "No user exists yet: POST /api/auth/setup creates the first admin, with the setup code from the daemon's log",
  }),
});
export type AuthStatusReply = z.infer<typeof authStatusReplySchema>;

export const userIdParamsSchema = z.object({ id: z.uuid() });
export const userListReplySchema = z.object({ users: z.array(userSchema) });
export const userReplySchema = z.object({ user: userSchema });

export const userCreateBodySchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
});
export type UserCreateRequest = z.infer<typeof userCreateBodySchema>;

export const userUpdateBodySchema = z
  .object({
    role: roleSchema.optional(),
    password: passwordSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => b.role !== undefined || b.password !== undefined || b.disabled !== undefined, {
    message: 'change at least one of role, password, disabled',
  });
export type UserUpdateRequest = z.infer<typeof userUpdateBodySchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdBy: z
    .string()
    .nullable()
    .meta({ description: 'The user who created it; null once that user is deleted' }),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  expiresAt: timestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const tokenCreateBodySchema = z.object({
  name: z.string().trim().min(1).max(64),
  role: roleSchema,
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .meta({ description: 'Omit for a token that never expires' }),
});
export type TokenCreateRequest = z.infer<typeof tokenCreateBodySchema>;

export const tokenCreateReplySchema = apiTokenSchema.extend({
  token: z.string().meta({ description: 'Shown this once; send it as `Authorization: Bearer <token>`' }),
});
export type TokenCreateReply = z.infer<typeof tokenCreateReplySchema>;

export const tokenIdParamsSchema = z.object({ id: z.uuid() });
export const tokenListReplySchema = z.object({ tokens: z.array(apiTokenSchema) });
