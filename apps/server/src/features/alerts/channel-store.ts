import { randomUUID } from 'node:crypto';
import {
  channelTypeSchema,
  type Channel,
  type ChannelBody,
  type ChannelConfig,
  type ChannelType,
} from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { NotificationChannelsTable } from '../../db/schema.js';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import { maskChannelConfig, mergeChannelConfig } from './channel-secrets.js';

/** A stored channel with its config open (in memory only, for sending). */
export type OpenChannel = ChannelConfig & { id: string; name: string; enabled: boolean };

/**
 * Notification channels. The whole config is sealed with the SecretBox at rest (it holds tokens and
 * webhook URLs); replies show it with every secret masked.
 */
export class ChannelStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<Channel[]> {
    const rows = await this.db.selectFrom('notification_channels').selectAll().orderBy('name').execute();
    return rows.map((r) => this.reply(r));
  }

  async get(id: string): Promise<Channel | null> {
    const row = await this.row(id);
    return row ? this.reply(row) : null;
  }

  /** The channel with its secrets, for the sender; null when gone. */
  async open(id: string): Promise<OpenChannel | null> {
    const row = await this.row(id);
    if (!row) return null;
    return { id: row.id, name: row.name, enabled: row.enabled === 1, ...this.config(row) };
  }

  async create(body: ChannelBody): Promise<Channel> {
    const type = channelTypeSchema.parse(body.type);
    const config = mergeChannelConfig(type, body.config, null);
    const now = this.now();
    const row: NotificationChannelsTable = {
      id: randomUUID(),
      name: body.name,
      type,
      config_sealed: this.box.encrypt(JSON.stringify(config.config)),
      enabled: body.enabled === false ? 0 : 1,
      last_error: null,
      failing_since: null,
      last_sent_at: null,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('notification_channels').values(row).execute();
    return this.reply(row);
  }

  /** Replaces a channel; secrets left out or sent masked keep their stored values. Null when gone. */
  async update(id: string, body: ChannelBody): Promise<Channel | null> {
    const row = await this.row(id);
    if (!row) return null;
    const type = channelTypeSchema.parse(body.type);
    const stored = row.type === type ? this.config(row).config : null;
    const config = mergeChannelConfig(type, body.config, stored);
    await this.db
      .updateTable('notification_channels')
      .set({
        name: body.name,
        type,
        config_sealed: this.box.encrypt(JSON.stringify(config.config)),
        enabled: body.enabled === false ? 0 : 1,
        updated_at: this.now(),
      })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('notification_channels').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Notes a send's outcome: a success clears the failing state, a failure starts or extends it. */
  async noteOutcome(id: string, error: string | null): Promise<void> {
    const now = this.now();
    await this.db
      .updateTable('notification_channels')
      .set(
        error === null
          ? { last_error: null, failing_since: null, last_sent_at: now }
          : (eb) => ({ last_error: error, failing_since: eb.fn.coalesce('failing_since', eb.val(now)) }),
      )
      .where('id', '=', id)
      .execute();
  }

  private row(id: string) {
    return this.db.selectFrom('notification_channels').selectAll().where('id', '=', id).executeTakeFirst();
  }

  private config(row: NotificationChannelsTable): ChannelConfig {
    const type = row.type as ChannelType;
    return { type, config: JSON.parse(this.box.decrypt(row.config_sealed)) as never };
  }

  private reply(row: NotificationChannelsTable): Channel {
    const type = row.type as ChannelType;
    return {
      id: row.id,
      name: row.name,
      type,
      config: maskChannelConfig(type, this.config(row).config),
      enabled: row.enabled === 1,
      health: row.failing_since === null ? 'ok' : 'failing',
      lastError: row.last_error,
      failingSince: row.failing_since,
      lastSentAt: row.last_sent_at,
      createdAt: row.created_at,
    };
  }
}
