import { EmptyState, PageHeader } from '../../components/feedback.js';

/** Pages the panel will have; the API for them already exists (see /api/docs). */
export function ComingSoon({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title={`${title} are on their way`}>
        This page arrives in the next release. Everything it will show is already in the API at{' '}
        <a className="text-accent" href="/api/docs">
          /api/docs
        </a>
        .
      </EmptyState>
    </>
  );
}
