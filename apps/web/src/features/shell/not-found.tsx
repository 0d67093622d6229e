import { EmptyState, PageHeader } from '../../components/feedback.js';
import { Link } from '../../lib/router.js';

export function NotFound() {
  return (
    <>
      <PageHeader title="Not found" />
      <EmptyState title="There is no page at this address">
        <Link to="/" className="text-accent">
          Go to the dashboard
        </Link>
      </EmptyState>
    </>
  );
}
