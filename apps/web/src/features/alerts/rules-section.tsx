import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Rule } from '@harbourmaster/contracts';
import { api, errorHint, errorText } from '../../lib/api.js';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { DataTable } from '../../components/data-table.js';
import { EmptyState, ErrorNote, Skeleton } from '../../components/feedback.js';
import { StateBadge } from '../../components/state-badge.js';
import { CHANNELS_KEY } from './channels-section.js';
import { describeMatch } from './rule-form.js';
import { RuleEditor } from './rule-editor.js';

const RULES_KEY = ['notification-rules'];

/** Which alerts go to which channels: list, add, edit, delete. */
export function RulesSection() {
  const qc = useQueryClient();
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: () => api.routingRules() });
  const channels = useQuery({ queryKey: CHANNELS_KEY, queryFn: () => api.channels() });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: RULES_KEY });
  const channelList = channels.data?.channels ?? [];
  const channelName = (id: string) => channelList.find((c) => c.id === id)?.name ?? '(deleted channel)';

  const remove = async (rule: Rule) => {
    setBusy(true);
    try {
      await api.deleteRoutingRule(rule.id);
      setActionError(null);
      setDeleting(null);
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const list = rules.data?.rules ?? [];
  const noChannels = channels.isSuccess && channelList.length === 0;
  return (
    <section aria-labelledby="rules-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="rules-heading" className="text-sm font-semibold">
          Rules
        </h3>
        {editing === null && (
          <Button
            variant="primary"
            disabled={!channels.isSuccess || noChannels}
            onClick={() => setEditing('new')}
          >
            Add rule
          </Button>
        )}
      </div>
      {noChannels && (
        <p className="text-sm text-muted">Add a channel first: a rule sends alerts to channels.</p>
      )}
      {editing !== null && (
        <RuleEditor
          key={editing === 'new' ? 'new' : editing.id}
          stored={editing === 'new' ? null : editing}
          channels={channelList}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
      {rules.error && (
        <ErrorNote
          error={errorText(rules.error)}
          hint={errorHint(rules.error)}
          onRetry={() => void rules.refetch()}
        />
      )}
      {actionError && <ErrorNote error={actionError} />}
      {rules.isPending ? (
        <Skeleton rows={2} />
      ) : list.length === 0 ? (
        <EmptyState title="No rules yet">
          Without a rule, alerts are recorded on the Alerts page but sent nowhere.
        </EmptyState>
      ) : (
        <DataTable
          rows={list}
          rowKey={(r) => r.id}
          columns={[
            { label: 'Name', cell: (r) => <span className="font-medium">{r.name}</span> },
            { label: 'Matches', cell: (r) => describeMatch(r.match), className: 'max-w-96' },
            { label: 'Sends to', cell: (r) => r.channelIds.map(channelName).join(', ') },
            {
              label: 'Cooldown',
              cell: (r) => (r.cooldownSeconds === 0 ? 'none' : `${r.cooldownSeconds} s`),
              className: 'text-muted whitespace-nowrap',
            },
            {
              label: 'Recovery message',
              cell: (r) => (r.sendResolved ? 'yes' : 'no'),
              className: 'text-muted whitespace-nowrap',
            },
            {
              label: 'State',
              cell: (r) =>
                r.enabled ? (
                  <StateBadge state="enabled" tone="ok" />
                ) : (
                  <StateBadge state="disabled" tone="idle" />
                ),
            },
            {
              label: 'Actions',
              cell: (r) => (
                <div className="flex gap-1">
                  <Button variant="ghost" onClick={() => setEditing(r)} aria-label={`Edit rule ${r.name}`}>
                    Edit
                  </Button>
                  <Button variant="ghost" onClick={() => setDeleting(r)} aria-label={`Delete rule ${r.name}`}>
                    Delete
                  </Button>
                </div>
              ),
            },
          ]}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the rule ${deleting?.name ?? ''}?`}
        confirmLabel="Delete rule"
        busy={busy}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
      >
        Alerts it matched are no longer sent to its channels (other rules still apply).
      </ConfirmDialog>
    </section>
  );
}
