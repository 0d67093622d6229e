import type { Generated } from 'kysely';

// Row types of the SQLite database. Every table that describes something on a host has host_id.

export interface HostsTable {
  id: string;
  name: string;
  /** How the daemon reaches the engine: 'socket' | 'tcp' (later: 'agent'). */
  kind: string;
  url: string;
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  disabled: number;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  role: string;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
}

export interface AuditTable {
  id: Generated<number>;
  ts: number;
  actor: string;
  actor_id: string | null;
  via: string;
  action: string;
  host_id: string | null;
  target: string | null;
  /** 'ok' | 'error' | 'denied', or 'pending' while the change is under way, 'interrupted' after a crash. */
  result: string;
  detail: string | null;
  ip: string | null;
  /** When the result was written; null while pending. */
  finished_at: number | null;
  /**
   * JSON: what the start-up reconcile needs to finish an interrupted change (e.g. a create's name
   * and tags); cleared once the change has a result. Never a secret.
   */
  resume: string | null;
}

export interface JobsTable {
  id: string;
  host_id: string | null;
  kind: string;
  state: string;
  params: string;
  progress: string | null;
  result: string | null;
  error: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface TagsTable {
  host_id: string;
  /** 'container' | 'stack' | 'host' */
  kind: string;
  /** The object's name (a container name survives a recreate, its id does not). */
  target: string;
  tag: string;
  created_at: number;
}

/** A container's icon, kept by name like tags: an http(s) URL or an uploaded image as a data URL. */
export interface ContainerIconsTable {
  host_id: string;
  name: string;
  icon: string;
  updated_at: number;
}

/** Failed sign-ins of one username or one IP, and its lockout; kept so a restart does not unlock. */
export interface LoginFailuresTable {
  /** 'user' (a lowercased username) | 'ip' */
  scope: string;
  key: string;
  /** Failures since the last lockout or since they went stale. */
  failures: number;
  last_failure_at: number;
  /** Unix ms; 0 or in the past when not locked. */
  locked_until: number;
}

/** Panel settings (app-data root, time zone, TLS choice), one row per key. */
export interface SettingsTable {
  key: string;
  /** JSON; never a secret (secrets go through the SecretBox into their own columns). */
  value: string;
  updated_at: number;
}

/** A notification channel; `config_sealed` is its whole config, sealed by the SecretBox. */
export interface NotificationChannelsTable {
  id: string;
  name: string;
  type: string;
  config_sealed: string;
  enabled: number;
  last_error: string | null;
  failing_since: number | null;
  last_sent_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface NotificationRulesTable {
  id: string;
  name: string;
  /** JSON array of channel ids. */
  channel_ids: string;
  /** JSON AlertMatch. */
  match: string;
  cooldown_seconds: number;
  send_resolved: number;
  enabled: number;
  created_at: number;
  updated_at: number;
}

/** The alert history; an alert deduplicated within the window counts in `repeats`. */
export interface AlertsTable {
  id: string;
  key: string;
  source: string;
  kind: string;
  severity: string;
  status: string;
  title: string;
  message: string;
  host_id: string | null;
  container_id: string | null;
  container_name: string | null;
  stack: string | null;
  /** JSON object. */
  labels: string;
  /** JSON object. */
  detail: string;
  url: string | null;
  at: number;
  /** The latest repeat's time. */
  last_at: number;
  repeats: number;
  muted: string | null;
  acked_at: number | null;
  acked_by: string | null;
}

/** The outbox: one alert to one channel; `queued` rows are due at `next_at`. */
export interface AlertDeliveriesTable {
  id: Generated<number>;
  alert_id: string;
  channel_id: string;
  rule_id: string | null;
  state: string;
  attempts: number;
  next_at: number;
  last_error: string | null;
  sent_at: number | null;
  created_at: number;
}

/** Maintenance windows: alerts they match are recorded but not sent while they are active. */
export interface MaintenanceWindowsTable {
  id: string;
  name: string;
  /** JSON AlertMatch. */
  match: string;
  /** JSON MaintenanceSchedule. */
  schedule: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

/** A threshold rule over metrics; `definition` is its JSON body. */
export interface AlertThresholdsTable {
  id: string;
  definition: string;
  created_at: number;
  updated_at: number;
}

/** A log-pattern rule; `definition` is its JSON body. */
export interface AlertLogRulesTable {
  id: string;
  definition: string;
  created_at: number;
  updated_at: number;
}

export interface Database {
  hosts: HostsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit: AuditTable;
  jobs: JobsTable;
  tags: TagsTable;
  settings: SettingsTable;
  container_icons: ContainerIconsTable;
  login_failures: LoginFailuresTable;
  notification_channels: NotificationChannelsTable;
  notification_rules: NotificationRulesTable;
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
  maintenance_windows: MaintenanceWindowsTable;
  alert_thresholds: AlertThresholdsTable;
  alert_log_rules: AlertLogRulesTable;
}
