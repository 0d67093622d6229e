import type { IconName } from '../../components/icon.js';

export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  /** Shown only to admins: an operator sees no admin pages at all. */
  adminOnly?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Dashboard', icon: 'dashboard' },
  { to: '/containers', label: 'Containers', icon: 'containers' },
  { to: '/stacks', label: 'Stacks', icon: 'layers' },
  { to: '/alerts', label: 'Alerts', icon: 'bell' },
  { to: '/images', label: 'Images', icon: 'images' },
  { to: '/networks', label: 'Networks', icon: 'networks' },
  { to: '/volumes', label: 'Volumes', icon: 'volumes' },
  { to: '/events', label: 'Events', icon: 'events' },
  { to: '/admin', label: 'Admin', icon: 'admin', adminOnly: true },
];

export function isActive(path: string, to: string): boolean {
  const p = path.split('?')[0] ?? '/';
  return to === '/' ? p === '/' : p === to || p.startsWith(`${to}/`);
}
