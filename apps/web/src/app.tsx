import { useCallback, useEffect, useState } from 'react';
import type { MeReply } from '@harbourmaster/contracts';
import { api, live, RETURN_KEY } from './lib/api.js';
import { match, navigate, usePath } from './lib/router.js';
import { SessionProvider } from './lib/session.js';
import { SignInPage } from './features/auth/sign-in-page.js';
import { AppShell } from './features/shell/app-shell.js';
import { NotFound } from './features/shell/not-found.js';
import { DashboardPage } from './features/dashboard/dashboard-page.js';
import { ContainersPage } from './features/containers/containers-page.js';
import { ContainerDetailPage } from './features/containers/container-detail-page.js';
import { Skeleton } from './components/feedback.js';
import { ImagesPage } from './features/images/images-page.js';
import { NetworksPage } from './features/resources/networks-page.js';
import { VolumesPage } from './features/resources/volumes-page.js';
import { EventsPage } from './features/events/events-page.js';
import { AdminPage } from './features/admin/admin-page.js';

type Gate = { kind: 'loading' } | { kind: 'setup' } | { kind: 'login' } | { kind: 'in'; me: MeReply };

function Page({ path }: { path: string }) {
  const detail = match('/containers/:host/:id', path);
  if (detail?.host && detail.id) return <ContainerDetailPage key={path} host={detail.host} id={detail.id} />;
  const p = path.split('?')[0];
  if (p === '/') return <DashboardPage />;
  if (p === '/containers') return <ContainersPage />;
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
      const me = await api.me();
      setGate({ kind: 'in', me });
      live.connect();
    } catch {
      setGate({ kind: 'login' });
    }
  }, []);

  useEffect(() => {
    void check();
    const out = () => setGate({ kind: 'login' });
    window.addEventListener('hm:signed-out', out);
    return () => window.removeEventListener('hm:signed-out', out);
  }, [check]);

  const signedIn = () => {
    const back = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    if (back) navigate(back, true);
    void check();
  };

  switch (gate.kind) {
    case 'loading':
      return (
        <div className="p-8">
          <Skeleton rows={4} />
        </div>
      );
    case 'setup':
      return <SignInPage mode="setup" onSignedIn={signedIn} />;
    case 'login':
      return <SignInPage mode="login" onSignedIn={signedIn} />;
    case 'in':
      return (
        <SessionProvider me={gate.me}>
          <AppShell onSignedOut={() => setGate({ kind: 'login' })}>
            <Page path={path} />
          </AppShell>
        </SessionProvider>
      );
  }
}
