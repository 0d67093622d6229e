/** The newest Engine API version this code knows; newer engines are spoken to in this version. */
export const MAX_API_VERSION = '1.51';

/** Compares Engine API versions (`1.9` < `1.41`): negative, zero or positive like a sort comparator. */
export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/**
 * The version to speak with an engine that reports `engineVersion`: ours at most, and the engine's
 * own when it is older (20.10 speaks 1.41; asking it for 1.51 is refused with 400).
 */
export function negotiateApiVersion(engineVersion: string): string {
  if (!/^\d+\.\d+$/.test(engineVersion)) {
    throw new Error(`The engine reported an unreadable API version "${engineVersion}"`);
  }
  return compareApiVersions(engineVersion, MAX_API_VERSION) < 0 ? engineVersion : MAX_API_VERSION;
}
