import type { z } from 'zod';
import type { alertListQuerySchema } from '@harbourmaster/contracts';
import {
  type Alert,
  type AlertHistoryItem,
  type AlertSeverity,
  type AlertSource,
} from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import type { AlertsTable } from '../../db/schema.js';

type AlertQuery = z.infer<typeof alertListQuerySchema>;

/** A queued delivery the worker is about to send. */
export interface DueDelivery {
  id: number;
  alertId: string;
  channelId: string;
  attempts: number;
  createdAt: number;
}

/** The alert history and its outbox (one delivery per alert and channel). */
export class AlertStore {
  constructor(private readonly db: Db) {}

  /** The newest alert with this key, for dedupe and recovery. */
  latestByKey(key: string) {
    return this.db
      .selectFrom('alerts')
      .select(['id', 'status', 'last_at', 'at'])
      .where('key', '=', key)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insert(alert: Alert, muted: string | null): Promise<void> {
    await this.db
      .insertInto('alerts')
      .values({
        id: alert.id,
        key: alert.key,
        source: alert.source,
        kind: alert.kind,
        severity: alert.severity,
        status: alert.status,
        title: alert.title,
        message: alert.message,
        host_id: alert.hostId,
        container_id: alert.container?.id ?? null,
        container_name: alert.container?.name ?? null,
        stack: alert.stack,
        labels: JSON.stringify(alert.labels),
        detail: JSON.stringify(alert.detail),
        url: alert.url,
        at: alert.at,
        last_at: alert.at,
        repeats: 0,
        muted,
        acked_at: null,
        acked_by: null,
      })
      .execute();
  }

  /** Folds an identical alert into the one already recorded. */
  async repeat(id: string, at: number): Promise<void> {
    await this.db
      .updateTable('alerts')
      .set((eb) => ({ repeats: eb('repeats', '+', 1), last_at: at }))
      .where('id', '=', id)
      .execute();
  }

  async get(id: string): Promise<Alert | null> {
    const row = await this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAlert(row) : null;
  }

  async ack(id: string, by: string, at: number): Promise<boolean> {
    const res = await this.db
      .updateTable('alerts')
      .set({ acked_at: at, acked_by: by })
      .where('id', '=', id)
      .where('acked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) return true;
    return (
      (await this.db.selectFrom('alerts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
    );
  }

  async list(q: AlertQuery): Promise<AlertHistoryItem[]> {
    let query = this.db.selectFrom('alerts').selectAll();
    if (q.source) query = query.where('source', '=', q.source);
    if (q.severity) query = query.where('severity', '=', q.severity);
    if (q.status) query = query.where('status', '=', q.status);
    if (q.host) query = query.where('host_id', '=', q.host);
    if (q.acked) query = query.where('acked_at', q.acked === 'true' ? 'is not' : 'is', null);
    if (q.before !== undefined) query = query.where('at', '<', q.before);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('title', 'like', eb.val(like)),
          eb('message', 'like', eb.val(like)),
          eb('container_name', 'like', eb.val(like)),
        ]),
      );
    }
    const rows = await query.orderBy('at', 'desc').limit(q.limit).execute();
    if (rows.length === 0) return [];
    const deliveries = await this.db
      .selectFrom('alert_deliveries as d')
      .leftJoin('notification_channels as c', 'c.id', 'd.channel_id')
      .select(['d.alert_id', 'd.channel_id', 'c.name', 'd.state', 'd.attempts', 'd.last_error', 'd.sent_at'])
      .where(
        'd.alert_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('d.id')
      .execute();
    return rows.map((r) => ({
      ...toAlert(r),
      repeats: r.repeats,
      ackedAt: r.acked_at,
      ackedBy: r.acked_by,
      muted: r.muted,
      deliveries: deliveries
        .filter((d) => d.alert_id === r.id)
        .map((d) => ({
          channelId: d.channel_id,
          channelName: d.name ?? '(deleted channel)',
          state: d.state as 'queued' | 'sent' | 'failed',
          attempts: d.attempts,
          lastError: d.last_error,
          sentAt: d.sent_at,
        })),
    }));
  }

  // ---- the outbox ----

  async enqueue(alertId: string, channelId: string, ruleId: string, at: number): Promise<void> {
    await this.db
      .insertInto('alert_deliveries')
      .values({
        alert_id: alertId,
        channel_id: channelId,
        rule_id: ruleId,
        state: 'queued',
        attempts: 0,
        next_at: at,
        last_error: null,
        sent_at: null,
        created_at: at,
      })
      .execute();
  }

  /** Whether this rule sent an alert of this key since `since` (its cooldown). */
  async sentRecently(ruleId: string, key: string, since: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('alert_deliveries as d')
      .innerJoin('alerts as a', 'a.id', 'd.alert_id')
      .select('d.id')
      .where('d.rule_id', '=', ruleId)
      .where('a.key', '=', key)
      .where('a.status', '=', 'firing')
      .where('d.created_at', '>=', since)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async due(now: number, limit: number): Promise<DueDelivery[]> {
    const rows = await this.db
      .selectFrom('alert_deliveries')
      .select(['id', 'alert_id', 'channel_id', 'attempts', 'created_at'])
      .where('state', '=', 'queued')
      .where('next_at', '<=', now)
      .orderBy('next_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      alertId: r.alert_id,
      channelId: r.channel_id,
      attempts: r.attempts,
      createdAt: r.created_at,
    }));
  }

  /** When the next queued delivery is due, or null when none is queued. */
  async nextDueAt(): Promise<number | null> {
    const row = await this.db
      .selectFrom('alert_deliveries')
      .select((eb) => eb.fn.min('next_at').as('next'))
      .where('state', '=', 'queued')
      .executeTakeFirst();
    return row?.next ?? null;
  }

  async sent(id: number, at: number, attempts: number): Promise<void> {
    await this.db
      .updateTable('alert_deliveries')
      .set({ state: 'sent', sent_at: at, attempts, last_error: null })
      .where('id', '=', id)
      .execute();
  }

  async retry(id: number, attempts: number, nextAt: number, error: string): Promise<void> {
    await this.db
      .updateTable('alert_deliveries')
      .set({ attempts, next_at: nextAt, last_error: error })
      .where('id', '=', id)
      .execute();
  }

  async failed(id: number, attempts: number, error: string): Promise<void> {
    await this.db
      .updateTable('alert_deliveries')
      .set({ state: 'failed', attempts, last_error: error })
      .where('id', '=', id)
      .execute();
  }
}

function toAlert(r: AlertsTable): Alert {
  return {
    id: r.id,
    key: r.key,
    source: r.source as AlertSource,
    kind: r.kind,
    severity: r.severity as AlertSeverity,
    status: r.status as Alert['status'],
    title: r.title,
    message: r.message,
    hostId: r.host_id,
    container: r.container_id ? { id: r.container_id, name: r.container_name ?? r.container_id } : null,
    stack: r.stack,
    labels: JSON.parse(r.labels) as Record<string, string>,
    detail: JSON.parse(r.detail) as Alert['detail'],
    at: r.at,
    url: r.url,
  };
}
