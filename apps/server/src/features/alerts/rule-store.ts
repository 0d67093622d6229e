import { randomUUID } from 'node:crypto';
import { alertMatchSchema, ruleBodySchema, type Rule, type RuleBody } from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { NotificationRulesTable } from '../../db/schema.js';

/** Routing rules: which alerts go to which channels, with a cooldown per rule. */
export class RuleStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<Rule[]> {
    const rows = await this.db.selectFrom('notification_rules').selectAll().orderBy('name').execute();
    return rows.map(toRule);
  }

  async get(id: string): Promise<Rule | null> {
    const row = await this.db
      .selectFrom('notification_rules')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRule(row) : null;
  }

  async create(body: RuleBody): Promise<Rule> {
    const r = ruleBodySchema.parse(body);
    const now = this.now();
    const row: NotificationRulesTable = {
      id: randomUUID(),
      name: r.name,
      channel_ids: JSON.stringify(r.channelIds),
      match: JSON.stringify(r.match),
      cooldown_seconds: r.cooldownSeconds,
      send_resolved: r.sendResolved ? 1 : 0,
      enabled: r.enabled ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('notification_rules').values(row).execute();
    return toRule(row);
  }

  async update(id: string, body: RuleBody): Promise<Rule | null> {
    const r = ruleBodySchema.parse(body);
    const res = await this.db
      .updateTable('notification_rules')
      .set({
        name: r.name,
        channel_ids: JSON.stringify(r.channelIds),
        match: JSON.stringify(r.match),
        cooldown_seconds: r.cooldownSeconds,
        send_resolved: r.sendResolved ? 1 : 0,
        enabled: r.enabled ? 1 : 0,
        updated_at: this.now(),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0 ? this.get(id) : null;
  }

  /** Takes a deleted channel out of every rule that named it. */
  async dropChannel(channelId: string): Promise<void> {
    for (const rule of await this.list())
      if (rule.channelIds.includes(channelId))
        await this.db
          .updateTable('notification_rules')
          .set({
            channel_ids: JSON.stringify(rule.channelIds.filter((c) => c !== channelId)),
            updated_at: this.now(),
          })
          .where('id', '=', rule.id)
          .execute();
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('notification_rules').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}

function toRule(row: NotificationRulesTable): Rule {
  return {
    id: row.id,
    name: row.name,
    channelIds: JSON.parse(row.channel_ids) as string[],
    // A match edited by hand into something else matches nothing rather than everything.
    match: alertMatchSchema.catch({ kinds: ['(unreadable match)'] }).parse(JSON.parse(row.match)),
    cooldownSeconds: row.cooldown_seconds,
    sendResolved: row.send_resolved === 1,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
  };
}
