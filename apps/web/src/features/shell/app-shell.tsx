import { useEffect, useState, type ReactNode } from 'react';
import { Link, usePath } from '../../lib/router.js';
import { useCan, useSession } from '../../lib/session.js';
import { api } from '../../lib/api.js';
import { useTheme } from '../../lib/theme.js';
import { useLiveStatus } from '../../lib/use-live.js';
import { Icon } from '../../components/icon.js';
import { NAV_ITEMS, isActive } from './nav-items.js';

function Brand() {
  return (
    <span className="flex items-center gap-2 text-[15px] font-semibold tracking-tight">
      <img src="/icon.svg" alt="" className="size-6" /> Harbourmaster
    </span>
  );
}

/** Whether live updates flow; when they do not, the page may be showing old state. */
function LiveIndicator() {
  const status = useLiveStatus();
  const label = status === 'open' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Offline — retrying';
  const tone = status === 'open' ? 'bg-ok' : status === 'connecting' ? 'bg-warn animate-pulse' : 'bg-bad';
  return (
    <span
      className="flex items-center gap-1.5 text-xs text-muted"
      role="status"
      title="Live updates over the WebSocket"
    >
      <span className={`size-1.5 rounded-full ${tone}`} aria-hidden />
      {label}
    </span>
  );
}

/** The signed-in frame: sidebar navigation (a menu on phones), live status, theme toggle, sign-out. */
export function AppShell({ children, onSignedOut }: { children: ReactNode; onSignedOut: () => void }) {
  const path = usePath();
  const me = useSession();
  const isAdmin = useCan('admin');
  const [open, setOpen] = useState(false);
  const [theme, toggleTheme] = useTheme();
  const items = NAV_ITEMS.filter((i) => !i.adminOnly || isAdmin);
  const who = me.via === 'session' ? me.user.username : me.tokenName;

  // The phone menu closes on Escape and when a link in it is followed, like any menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="flex min-h-full flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-accent px-3 py-2 text-accent-fg focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex items-center justify-between border-b border-line bg-surface/90 px-4 py-2.5 backdrop-blur md:hidden">
        <Brand />
        <button
          className="flex items-center gap-1.5 rounded-md border border-line px-2.5 py-1 text-sm"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen(!open)}
        >
          <Icon name={open ? 'close' : 'menu'} />
          Menu
        </button>
      </header>
      <nav
        id="main-nav"
        aria-label="Main"
        className={`${open ? 'flex' : 'hidden'} z-20 w-full flex-col border-b border-line bg-surface p-3 max-md:fixed max-md:inset-x-0 max-md:top-[49px] max-md:max-h-[calc(100dvh-49px)] max-md:overflow-auto max-md:shadow-xl md:sticky md:top-0 md:flex md:h-screen md:w-56 md:shrink-0 md:border-r md:border-b-0`}
      >
        <div className="mb-5 hidden px-2 pt-1 md:block">
          <Brand />
        </div>
        <ul className="space-y-0.5" onClick={() => setOpen(false)}>
          {items.map((item) => {
            const active = isActive(path, item.to);
            return (
              <li key={item.to}>
                <Link
                  to={item.to}
                  {...(active ? { 'aria-current': 'page' as const } : {})}
                  className={`flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-[13px] transition-colors ${active ? 'bg-surface-2 font-medium text-fg shadow-[inset_2px_0_0_var(--accent)]' : 'text-muted hover:bg-surface-2 hover:text-fg'}`}
                >
                  <Icon name={item.icon} className={`size-4 ${active ? 'text-accent' : ''}`} />
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="mt-6 space-y-3 border-t border-line px-2 pt-3 md:mt-auto">
          <LiveIndicator />
          <p className="truncate text-xs text-muted">
            <span className="font-medium text-fg">{who}</span> · {me.role}
          </p>
          <div className="flex flex-wrap gap-1">
            <button
              className="flex items-center gap-1.5 rounded-md px-2 py-1 text-xs text-muted hover:bg-surface-2 hover:text-fg"
              onClick={toggleTheme}
            >
              <Icon name={theme === 'dark' ? 'sun' : 'moon'} className="size-3.5" />
              {theme === 'dark' ? 'Light theme' : 'Dark theme'}
            </button>
            <button
              className="flex items-center gap-1.5 rounded-md px-2 py-1 text-xs text-muted hover:bg-surface-2 hover:text-fg"
              // Signing out locally is right even when the daemon cannot be told.
              onClick={() =>
                void api
                  .logout()
                  .catch(() => undefined)
                  .then(onSignedOut)
              }
            >
              <Icon name="signOut" className="size-3.5" />
              Sign out
            </button>
          </div>
        </div>
      </nav>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 outline-none md:px-8 md:py-7">
        <div className="mx-auto max-w-[1400px]">{children}</div>
      </main>
    </div>
  );
}
