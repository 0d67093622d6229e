import { useState, type ReactNode } from 'react';
import { Link, usePath } from '../../lib/router.js';
import { useCan, useSession } from '../../lib/session.js';
import { api } from '../../lib/api.js';
import { currentTheme, setTheme, type Theme } from '../../lib/theme.js';

const NAV = [
  { to: '/', label: 'Dashboard' },
  { to: '/containers', label: 'Containers' },
  { to: '/images', label: 'Images' },
  { to: '/networks', label: 'Networks' },
  { to: '/volumes', label: 'Volumes' },
  { to: '/events', label: 'Events' },
];

function isActive(path: string, to: string): boolean {
  const p = path.split('?')[0] ?? '/';
  return to === '/' ? p === '/' : p.startsWith(to);
}

/** The signed-in frame: sidebar navigation (a menu on phones), theme toggle and sign-out. */
export function AppShell({ children, onSignedOut }: { children: ReactNode; onSignedOut: () => void }) {
  const path = usePath();
  const me = useSession();
  const isAdmin = useCan('admin');
  const [open, setOpen] = useState(false);
  const [theme, setThemeState] = useState<Theme>(currentTheme());
  const items = isAdmin ? [...NAV, { to: '/admin', label: 'Admin' }] : NAV;
  const who = me.via === 'session' ? me.user.username : me.tokenName;

  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    setTheme(next);
    setThemeState(next);
  };

  return (
    <div className="flex min-h-full flex-col md:flex-row">
      <header className="flex items-center justify-between border-b border-line bg-surface px-4 py-3 md:hidden">
        <span className="flex items-center gap-2 font-semibold">
          <img src="/icon.svg" alt="" className="size-6" /> Harbourmaster
        </span>
        <button
          className="rounded-md border border-line px-2 py-1 text-sm"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          Menu
        </button>
      </header>
      <nav
        aria-label="Main"
        className={`${open ? 'flex' : 'hidden'} w-full flex-col border-b border-line bg-surface p-3 md:sticky md:top-0 md:flex md:h-screen md:w-56 md:border-r md:border-b-0`}
      >
        <div className="mb-6 hidden items-center gap-2 px-2 pt-1 font-semibold md:flex">
          <img src="/icon.svg" alt="" className="size-6" /> Harbourmaster
        </div>
        <ul className="space-y-0.5">
          {items.map((item) => {
            const active = isActive(path, item.to);
            return (
              <li key={item.to} onClick={() => setOpen(false)}>
                <Link
                  to={item.to}
                  {...(active ? { 'aria-current': 'page' as const } : {})}
                  className={`block rounded-md px-3 py-1.5 text-[13px] ${active ? 'bg-surface-2 font-medium text-fg' : 'text-muted hover:bg-surface-2 hover:text-fg'}`}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="mt-auto space-y-2 border-t border-line px-2 pt-3 text-xs text-muted">
          <p>
            <span className="font-medium text-fg">{who}</span> · {me.role}
          </p>
          <div className="flex gap-3">
            <button className="hover:text-fg" onClick={toggleTheme}>
              {theme === 'dark' ? 'Light theme' : 'Dark theme'}
            </button>
            <button className="hover:text-fg" onClick={() => void api.logout().finally(onSignedOut)}>
              Sign out
            </button>
          </div>
        </div>
      </nav>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8">{children}</main>
    </div>
  );
}
