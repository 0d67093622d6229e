import { ApiError, LiveSocket, createClient } from '@harbourmaster/client';
import { QueryClient } from '@tanstack/react-query';

/** Where to go after the next sign-in: the page a person was on when the session ended. */
export const RETURN_KEY = 'hm-return-to';
/** Fired on window when any call answers 401: the app shows sign-in and keeps the address. */
export const SIGNED_OUT_EVENT = 'hm:signed-out';

export const api = createClient({
  onUnauthorized: () => {
    sessionStorage.setItem(RETURN_KEY, location.pathname + location.search);
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  },
});

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not change by asking again; a 5xx or a dropped connection may.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
export const live = new LiveSocket(wsUrl);

// Events sent while the socket was down are lost; whatever they would have patched is fetched again.
live.onStatus((_status, { reconnected }) => {
  if (reconnected) void queryClient.invalidateQueries();
});

/** Turns a WebSocket path from the client (`/api/…`) into an absolute ws(s):// URL on this origin. */
export function socketUrl(path: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}

/** The message of an error, for people: what went wrong, in the server's words when it said. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

/** What to do next about an error, when its kind says it. */
export function errorHint(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  if (err.status === 0) return 'Check that the Harbourmaster daemon is running, then try again.';
  if (err.status === 403) return 'Your role does not allow this; an admin can change it.';
  if (err.status === 404) return 'It may have been removed meanwhile; go back to the list.';
  if (err.status >= 500)
    return 'The daemon or its Docker engine failed; its log says why. Try again shortly.';
  return undefined;
}
