import { errorHint, errorText } from '../../lib/api.js';
import { Link, navigate, usePath } from '../../lib/router.js';
import { useCan } from '../../lib/session.js';
import { Button } from '../../components/button.js';
import { EmptyState, ErrorNote, PageHeader, Skeleton } from '../../components/feedback.js';
import { AlertCard } from './alert-card.js';
import { AlertFilterBar } from './alert-filter-bar.js';
import {
  filtersFromSearch,
  filtersToSearch,
  isFiltered,
  NO_FILTERS,
  type AlertFilters,
} from './alert-filters.js';
import { useAlertHistory } from './use-alert-history.js';

/** How alerts get here, and how to be told of them too. */
function NoAlertsYet() {
  const isAdmin = useCan('admin');
  return (
    <EmptyState title="No alerts yet">
      Crashed or unhealthy containers, unreachable hosts and alerts sent in by other tools are recorded here.
      To be told as well, add a channel and a rule under{' '}
      {isAdmin ? (
        <Link to="/admin#notifications" className="text-accent underline underline-offset-2">
          Admin → Notifications
        </Link>
      ) : (
        'Admin → Notifications (an admin can)'
      )}
      .
    </EmptyState>
  );
}

/** The alert history, newest first, filtered, live; operators acknowledge from here. */
export function AlertsPage() {
  const path = usePath();
  const filters = filtersFromSearch(path.split('?')[1] ?? '');
  const setFilters = (next: AlertFilters) => navigate(`/alerts${filtersToSearch(next)}`, true);
  const history = useAlertHistory(filters);
  const { alerts, error, isPending, refetch } = history;

  return (
    <>
      <PageHeader title="Alerts" subtitle="Newest first; new alerts appear as they are recorded.">
        <AlertFilterBar filters={filters} onChange={setFilters} />
      </PageHeader>
      {error && <ErrorNote error={errorText(error)} hint={errorHint(error)} onRetry={() => void refetch()} />}
      {isPending ? (
        <Skeleton rows={4} className="h-24" />
      ) : alerts.length === 0 ? (
        isFiltered(filters) ? (
          <EmptyState title="No alerts match these filters">
            <Button variant="ghost" onClick={() => setFilters(NO_FILTERS)}>
              Clear the filters
            </Button>
          </EmptyState>
        ) : (
          !error && <NoAlertsYet />
        )
      ) : (
        <div className="space-y-3" data-testid="alert-history">
          {alerts.map((a) => (
            <AlertCard key={a.id} alert={a} />
          ))}
          {history.hasNextPage && (
            <div className="flex justify-center pt-1">
              <Button busy={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
                Load older
              </Button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
