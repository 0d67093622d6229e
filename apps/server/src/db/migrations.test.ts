import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { misplacedMigration, SCHEMA_VERSION } from './migrations.js';

describe('migrations', () => {
  it('finds a migration named to sort before one written earlier', () => {
    expect(misplacedMigration(['0001_initial', '0002_icons', '0003_auth'])).toBeUndefined();
    expect(misplacedMigration(['0001_initial', '0002_icons', '0002_auth'])).toBe('0002_auth');
    expect(misplacedMigration(['0001_initial', '0003_auth', '0003_audit'])).toBe('0003_audit');
  });

  it('apply in the order written, ending at the schema version this build expects', async () => {
    const { schemaVersion, close } = await openDatabase(':memory:');
    await close();
    expect(schemaVersion).toBe(SCHEMA_VERSION);
  });
});
