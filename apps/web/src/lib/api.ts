import { ApiError, LiveSocket, createClient } from '@harbourmaster/client';
import { QueryClient } from '@tanstack/react-query';

/** Where to go after the next sign-in: the page a person was on when the session ended. */
export const RETURN_KEY = 'hm-return-to';

export const api = createClient({
  onUnauthorized: () => {
    const here = location.pathname + location.search;
    if (!here.startsWith('/login') && !here.startsWith('/setup')) {
      sessionStorage.setItem(RETURN_KEY, here);
      window.dispatchEvent(new Event('hm:signed-out'));
    }
  },
});

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
export const live = new LiveSocket(wsUrl);

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
