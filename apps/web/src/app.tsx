import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { MeReply } from '@harbourmaster/contracts';
import { ApiError } from '@harbourmaster/client';
import { api, errorText, live, queryClient, RETURN_KEY, SIGNED_OUT_EVENT } from './lib/api.js';
import { match, navigate, usePath } from './lib/router.js';
import { SessionProvider } from './lib/session.js';
import { SignInPage } from './features/auth/sign-in-page.js';
import { SetupPage } from './features/auth/setup-page.js';
import { AppShell } from './features/shell/app-shell.js';
import { NotFound } from './features/shell/not-found.js';
import { DashboardPage } from './features/dashboard/dashboard-page.js';
import { resetEngineFeed, startEngineFeed } from './features/dashboard/engine-feed.js';
import { ContainersPage } from './features/containers/containers-page.js';
import { ContainerDetailPage } from './features/containers/container-detail-page.js';
import { ErrorNote, Skeleton } from './components/feedback.js';
import { ImagesPage } from './features/images/images-page.js';
import { NetworksPage } from './features/resources/networks-page.js';
import { VolumesPage } from './features/resources/volumes-page.js';
import { EventsPage } from './features/events/events-page.js';
import { AdminPage } from './features/admin/admin-page.js';
import { CreatePage } from './features/create/create-page.js';
import { metricsStore } from './features/metrics/metrics-live.js';
import { StacksPage } from './features/stacks/stacks-page.js';
import { StackPage } from './features/stacks/stack-page.js';
import { StackNewPage } from './features/stacks/stack-new-page.js';

// The host page is charts (uPlot): it loads when someone opens it.
const HostPage = lazy(() => import('./features/hosts/host-page.js'));
// The alert history loads when someone opens it, keeping the first load under the chunk budget.
const AlertsPage = lazy(() =>
  import('./features/alerts/alerts-page.js').then((m) => ({ default: m.AlertsPage })),
);

type Gate =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'login'; expired: boolean }
  | { kind: 'in'; me: MeReply }
  | { kind: 'down'; error: string };

function Page({ path }: { path: string }) {
  const detail = match('/containers/:host/:id', path);
  if (detail?.host && detail.id) return <ContainerDetailPage key={path} host={detail.host} id={detail.id} />;
  const stack = match('/stacks/:host/:name', path);
  if (stack?.host && stack.name) return <StackPage key={path} host={stack.host} name={stack.name} />;
  const host = match('/hosts/:host', path);
  if (host?.host)
    return (
      <Suspense fallback={<Skeleton rows={4} className="h-48" />}>
        <HostPage key={path} host={host.host} />
      </Suspense>
    );
  const p = path.split('?')[0];
  if (p === '/') return <DashboardPage />;
  if (p === '/containers') return <ContainersPage />;
  if (p === '/containers/new') return <CreatePage />;
  if (p === '/stacks') return <StacksPage />;
  if (p === '/stacks/new') return <StackNewPage />;
  if (p === '/alerts')
    return (
      <Suspense fallback={<Skeleton rows={4} className="h-24" />}>
        <AlertsPage />
      </Suspense>
    );
  if (p === '/images') return <ImagesPage />;
  if (p === '/networks') return <NetworksPage />;
  if (p === '/volumes') return <VolumesPage />;
  if (p === '/events') return <EventsPage />;
  if (p === '/admin') return <AdminPage />;
  return <NotFound />;
}

/** Decides between first-run setup, sign-in and the panel; a lost session returns to sign-in. */
export function App() {
  const path = usePath();
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });

  const check = useCallback(async () => {
    try {
      const { setupRequired } = await api.authStatus();
      if (setupRequired) return setGate({ kind: 'setup' });
      setGate({ kind: 'in', me: await api.me() });
    } catch (err) {
      // Only "not signed in" leads to the form; an unreachable daemon says so instead.
      if (err instanceof ApiError && err.status === 401) setGate({ kind: 'login', expired: false });
      else setGate({ kind: 'down', error: errorText(err) });
    }
  }, []);

  useEffect(() => {
    void check();
    const out = () => setGate((g) => ({ kind: 'login', expired: g.kind === 'in' }));
    window.addEventListener(SIGNED_OUT_EVENT, out);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, out);
  }, [check]);

  // A daemon that is restarting answers again in a moment; no one should have to reload by hand.
  useEffect(() => {
    if (gate.kind !== 'down') return;
    const t = setTimeout(() => void check(), 3000);
    return () => clearTimeout(t);
  }, [gate, check]);

  // The live socket and the cache belong to one signed-in person; the next one starts clean.
  const signedIn = gate.kind === 'in';
  useEffect(() => {
    if (!signedIn) return;
    live.connect();
    startEngineFeed();
    return () => {
      live.disconnect();
      queryClient.clear();
      resetEngineFeed();
      metricsStore.clear();
    };
  }, [signedIn]);

  const onSignedIn = () => {
    const back = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    if (back) navigate(back, true);
    void check();
  };

  switch (gate.kind) {
    case 'loading':
      return (
        <div className="mx-auto max-w-md p-8">
          <Skeleton rows={4} />
        </div>
      );
    case 'down':
      return (
        <main className="mx-auto max-w-md p-8">
          <ErrorNote
            error={`Harbourmaster does not answer: ${gate.error}`}
            hint="Check that the daemon is running (npm start); this page tries again every few seconds."
          />
        </main>
      );
    case 'setup':
      return <SetupPage onSignedIn={onSignedIn} />;
    case 'login':
      return <SignInPage expired={gate.expired} onSignedIn={onSignedIn} />;
    case 'in':
      return (
        <SessionProvider me={gate.me}>
          <AppShell onSignedOut={() => setGate({ kind: 'login', expired: false })}>
            <Page path={path} />
          </AppShell>
        </SessionProvider>
      );
  }
}
