/** Parses a WebSocket text frame; null when it is not JSON (the schema check then reports it). */
export function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
