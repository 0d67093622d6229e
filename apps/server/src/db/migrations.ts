import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

// Migrations live in code so the bundled daemon carries them. Append only; never edit a shipped one.
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('hosts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addColumn('last_login_at', 'integer')
        .execute();
      await sql`CREATE UNIQUE INDEX users_username ON users (username COLLATE NOCASE)`.execute(db);
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .addColumn('last_seen_at', 'integer', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('last_used_at', 'integer')
        .addColumn('expires_at', 'integer')
        .execute();
      await db.schema
        .createTable('audit')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('ts', 'integer', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('host_id', 'text')
        .addColumn('target', 'text')
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('ip', 'text')
        .execute();
      await db.schema.createIndex('audit_ts').on('audit').column('ts').execute();
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('host_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('progress', 'text')
        .addColumn('result', 'text')
        .addColumn('error', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addColumn('finished_at', 'integer')
        .execute();
      await db.schema.createIndex('jobs_state').on('jobs').column('state').execute();
      await db.schema
        .createTable('tags')
        .addColumn('host_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('tags_pk', ['host_id', 'kind', 'target', 'tag'])
        .execute();
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002_container_icons': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('container_icons')
        .addColumn('host_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('icon', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('container_icons_pk', ['host_id', 'name'])
        .execute();
    },
  },
  '0003_auth_hardening': {
    async up(db: Kysely<unknown>) {
      // Failed sign-ins per username and per IP, so a lockout survives a restart of the daemon.
      await db.schema
        .createTable('login_failures')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_failure_at', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('login_failures_pk', ['scope', 'key'])
        .execute();
      await db.schema
        .createIndex('login_failures_age')
        .on('login_failures')
        .columns(['scope', 'last_failure_at'])
        .execute();
    },
  },
  // 0004, not 0003: 0003_audit_intents would sort before 0003_auth_hardening.
  '0004_audit_intents': {
    async up(db: Kysely<unknown>) {
      // Changes are audited as an intent before they are made and a result after (see audited.ts).
      await db.schema.alterTable('audit').addColumn('finished_at', 'integer').execute();
      await db.schema.alterTable('audit').addColumn('resume', 'text').execute();
      await sql`UPDATE audit SET finished_at = ts`.execute(db);
      // Start-up looks for unfinished intents; a partial index keeps that cheap on a long log.
      await sql`CREATE INDEX audit_unfinished ON audit (id) WHERE result = 'pending' OR resume IS NOT NULL`.execute(
        db,
      );
    },
  },
  '0005_settings': {
    async up(db: Kysely<unknown>) {
      // 0001 made a key/value settings table that nothing wrote; from here each value is JSON
      // (see SettingsStore), and each row says when it last changed.
      await db.schema
        .alterTable('settings')
        .addColumn('updated_at', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0006_alerts': {
    async up(db: Kysely<unknown>) {
      // Channels keep their whole config sealed (it holds tokens and webhook URLs); the name and type
      // stay readable for lists.
      await db.schema
        .createTable('notification_channels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('config_sealed', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('last_error', 'text')
        .addColumn('failing_since', 'integer')
        .addColumn('last_sent_at', 'integer')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('notification_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('channel_ids', 'text', (c) => c.notNull())
        .addColumn('match', 'text', (c) => c.notNull())
        .addColumn('cooldown_seconds', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('send_resolved', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('host_id', 'text')
        .addColumn('container_id', 'text')
        .addColumn('container_name', 'text')
        .addColumn('stack', 'text')
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('at', 'integer', (c) => c.notNull())
        .addColumn('last_at', 'integer', (c) => c.notNull())
        .addColumn('repeats', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('muted', 'text')
        .addColumn('acked_at', 'integer')
        .addColumn('acked_by', 'text')
        .execute();
      await db.schema.createIndex('alerts_at').on('alerts').column('at').execute();
      await db.schema.createIndex('alerts_key').on('alerts').columns(['key', 'at']).execute();
      // The outbox: one row per alert and channel, sent by the delivery worker, kept across restarts.
      await db.schema
        .createTable('alert_deliveries')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('rule_id', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_at', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('sent_at', 'integer')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();
      await sql`CREATE INDEX alert_deliveries_due ON alert_deliveries (next_at) WHERE state = 'queued'`.execute(
        db,
      );
      await db.schema
        .createIndex('alert_deliveries_alert')
        .on('alert_deliveries')
        .column('alert_id')
        .execute();
    },
  },
  '0007_maintenance_windows': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('maintenance_windows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('match', 'text', (c) => c.notNull())
        .addColumn('schedule', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '0008_thresholds': {
    async up(db: Kysely<unknown>) {
      // Threshold rules keep their whole definition as JSON: one row per rule, read on each change.
      await db.schema
        .createTable('alert_thresholds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '0009_log_rules': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('alert_log_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};

/**
 * The first migration whose name does not sort after the one before it. Kysely applies migrations
 * sorted by name and refuses to start on a database where a new name sorts before one already
 * applied, so such a name would strand every existing installation.
 */
export function misplacedMigration(names: readonly string[]): string | undefined {
  return names.find((name, i) => i > 0 && name.localeCompare(names[i - 1] ?? '') <= 0);
}

const misplaced = misplacedMigration(Object.keys(migrations));
if (misplaced) throw new Error(`migration ${misplaced} must be named to sort after the one before it`);

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** The schema version this build expects: the name of its newest migration. */
export const SCHEMA_VERSION = Object.keys(migrations).at(-1) ?? 'none';
