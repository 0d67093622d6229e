import { errorHint, errorText } from '../../lib/api.js';
import { ErrorNote, Skeleton } from '../../components/feedback.js';

/** A metrics series that failed to load (with a retry) or is still loading; nothing once it has. */
export function SeriesStatus({
  series,
}: {
  series: { error: unknown; isPending: boolean; refetch: () => Promise<unknown> };
}) {
  if (series.error)
    return (
      <ErrorNote
        error={errorText(series.error)}
        hint={errorHint(series.error)}
        onRetry={() => void series.refetch()}
      />
    );
  return series.isPending ? <Skeleton rows={2} className="h-48" /> : null;
}
