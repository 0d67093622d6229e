import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelTestReply } from '@harbourmaster/client';
import type { Channel } from '@harbourmaster/contracts';
import { api, errorHint, errorText } from '../../lib/api.js';
import { fullTime, timeAgo } from '../../lib/format-time.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { DataTable } from '../../components/data-table.js';
import { EmptyState, ErrorNote, Skeleton } from '../../components/feedback.js';
import { StateBadge } from '../../components/state-badge.js';
import { sinceText } from './alert-text.js';
import { CHANNEL_TYPE_LABELS } from './channel-fields.js';
import { ChannelEditor } from './channel-editor.js';

export const CHANNELS_KEY = ['notification-channels'];

type TestState = { busy: true } | ({ busy: false } & ChannelTestReply);

function Health({ channel: c }: { channel: Channel }) {
  if (c.health === 'ok') return <StateBadge state="ok" tone="ok" />;
  return (
    <div className="space-y-1">
      <StateBadge state="failing" tone="bad" />
      <p className="text-xs text-muted">
        {c.failingSince !== null && (
          <span title={fullTime(c.failingSince)}>since {sinceText(c.failingSince)}: </span>
        )}
        <span className="break-words text-bad">{c.lastError ?? 'no error recorded'}</span>
      </p>
    </div>
  );
}

function TestOutcome({ test }: { test: TestState | undefined }) {
  if (!test || test.busy) return null;
  return test.ok ? (
    <span className="text-xs text-ok">Test sent in {Math.round(test.ms)} ms</span>
  ) : (
    <span className="text-xs break-words text-bad">Test failed: {test.error ?? 'no reason given'}</span>
  );
}

/** Where alerts can be sent: each channel's health, a test send, add, edit, switch off, delete. */
export function ChannelsSection() {
  const qc = useQueryClient();
  const { data, error, isPending, refetch } = useQuery({
    queryKey: CHANNELS_KEY,
    queryFn: () => api.channels(),
  });
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Channel | null>(null);
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: CHANNELS_KEY });

  const attempt = async (run: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await run();
      setActionError(null);
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(false);
      await refresh();
    }
  };
  const test = async (c: Channel) => {
    setTests((t) => ({ ...t, [c.id]: { busy: true } }));
    try {
      const reply = await api.testChannel(c.id);
      setTests((t) => ({ ...t, [c.id]: { busy: false, ...reply } }));
    } catch (err) {
      setTests((t) => ({ ...t, [c.id]: { busy: false, ok: false, error: errorText(err), ms: 0 } }));
    }
    await refresh();
  };
  // The masked config goes back as it came: masked secrets keep their stored values.
  const toggle = (c: Channel) =>
    attempt(() =>
      api.updateChannel(c.id, { name: c.name, type: c.type, config: c.config, enabled: !c.enabled }),
    );

  const channels = data?.channels ?? [];
  return (
    <section aria-labelledby="channels-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="channels-heading" className="text-sm font-semibold">
          Channels
        </h3>
        {editing === null && (
          <Button variant="primary" onClick={() => setEditing('new')}>
            Add channel
          </Button>
        )}
      </div>
      {editing !== null && (
        <ChannelEditor
          key={editing === 'new' ? 'new' : editing.id}
          stored={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
      {error && <ErrorNote error={errorText(error)} hint={errorHint(error)} onRetry={() => void refetch()} />}
      {actionError && <ErrorNote error={actionError} />}
      {isPending ? (
        <Skeleton rows={2} />
      ) : channels.length === 0 ? (
        <EmptyState title="No channels yet">
          A channel is where alerts go: a webhook, a chat (Telegram, Discord, Slack), a push service or email.
          Add one, then a rule that sends alerts to it.
        </EmptyState>
      ) : (
        <DataTable
          rows={channels}
          rowKey={(c) => c.id}
          columns={[
            {
              label: 'Name',
              cell: (c) => (
                <span className="font-medium">
                  {c.name}
                  {!c.enabled && <span className="ml-2 text-xs font-normal text-muted">(disabled)</span>}
                </span>
              ),
            },
            { label: 'Type', cell: (c) => CHANNEL_TYPE_LABELS[c.type] },
            { label: 'Health', cell: (c) => <Health channel={c} />, className: 'max-w-80' },
            {
              label: 'Last sent',
              cell: (c) =>
                c.lastSentAt === null ? (
                  'never'
                ) : (
                  <span title={fullTime(c.lastSentAt)}>{timeAgo(c.lastSentAt)}</span>
                ),
              className: 'text-muted whitespace-nowrap',
            },
            {
              label: 'Actions',
              cell: (c) => (
                <div className="space-y-1">
                  <div className="flex flex-wrap gap-1">
                    <Button
                      busy={tests[c.id]?.busy}
                      onClick={() => void test(c)}
                      aria-label={`Send test to ${c.name}`}
                    >
                      Send test
                    </Button>
                    <Button variant="ghost" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                      Edit
                    </Button>
                    <Button
                      variant="ghost"
                      disabled={busy}
                      onClick={() => void toggle(c)}
                      aria-label={`${c.enabled ? 'Disable' : 'Enable'} ${c.name}`}
                    >
                      {c.enabled ? 'Disable' : 'Enable'}
                    </Button>
                    <Button variant="ghost" onClick={() => setDeleting(c)} aria-label={`Delete ${c.name}`}>
                      Delete
                    </Button>
                  </div>
                  <div role="status">
                    <TestOutcome test={tests[c.id]} />
                  </div>
                </div>
              ),
            },
          ]}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the channel ${deleting?.name ?? ''}?`}
        confirmLabel="Delete channel"
        busy={busy}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          void attempt(async () => {
            if (deleting) await api.deleteChannel(deleting.id);
            setDeleting(null);
          })
        }
      >
        Rules that send to it stop sending there; alerts still queued for it are not sent.
      </ConfirmDialog>
    </section>
  );
}
