import { useEffect, useState } from 'react';

export type Theme = 'dark' | 'light';
const KEY = 'hm-theme';
const osTheme = (): Theme => (matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark');

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  // The browser's own chrome (address bar, PWA title bar) follows the page.
  document
    .querySelector('meta[name="theme-color"]')
    ?.setAttribute('content', theme === 'light' ? '#f6f7f9' : '#0b0c0f');
  window.dispatchEvent(new Event('hm:theme'));
}

export function setTheme(theme: Theme): void {
  localStorage.setItem(KEY, theme);
  apply(theme);
}

/**
 * The theme and its toggle. A person's choice is kept in localStorage; until they choose, the page
 * follows the operating system, also when it switches (e.g. at sunset).
 */
export function useTheme(): [Theme, () => void] {
  const [theme, setState] = useState<Theme>(currentTheme);
  useEffect(() => {
    const media = matchMedia('(prefers-color-scheme: light)');
    const follow = () => {
      if (!localStorage.getItem(KEY)) apply(osTheme());
    };
    const sync = () => setState(currentTheme());
    media.addEventListener('change', follow);
    window.addEventListener('hm:theme', sync);
    return () => {
      media.removeEventListener('change', follow);
      window.removeEventListener('hm:theme', sync);
    };
  }, []);
  return [theme, () => setTheme(theme === 'dark' ? 'light' : 'dark')];
}
