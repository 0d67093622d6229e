import { roleSchema, type Role, type User } from '@harbourmaster/contracts';
import type { UsersTable } from '../../db/schema.js';

/** A role read from the database; null for a value this build does not know, which grants nothing. */
export function storedRole(value: string): Role | null {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The wire form of a user row: everything but the password hash. */
export function toUser(row: UsersTable): User {
  return {
    id: row.id,
    username: row.username,
    role: roleSchema.parse(row.role),
    disabled: row.disabled !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}
