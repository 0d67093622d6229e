import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { SettingsStore } from './settings-store.js';

let db: Db;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ db, close } = await openDatabase(':memory:'));
});
afterEach(() => close());

describe('SettingsStore', () => {
  it('keeps each value as JSON, replacing it on a second write', async () => {
    const store = new SettingsStore(db, () => 1000);
    await store.write({
      appDataRoot: '/srv/apps',
      tls: { mode: 'acme', domain: 'a.example.com', email: 'me@example.com' },
    });
    await store.write({ appDataRoot: '/data' });
    expect(await store.read()).toEqual({
      appDataRoot: '/data',
      tls: { mode: 'acme', domain: 'a.example.com', email: 'me@example.com' },
    });
    const rows = await db.selectFrom('settings').selectAll().orderBy('key').execute();
    expect(rows).toEqual([
      { key: 'appDataRoot', value: '"/data"', updated_at: 1000 },
      {
        key: 'tls',
        value: '{"mode":"acme","domain":"a.example.com","email":"me@example.com"}',
        updated_at: 1000,
      },
    ]);
  });

  it('leaves out a value that no longer passes its schema, and keys it does not know', async () => {
    await db
      .insertInto('settings')
      .values([
        { key: 'appDataRoot', value: '"/srv/../etc"', updated_at: 1 },
        { key: 'timezone', value: 'not json', updated_at: 1 },
        { key: 'tls', value: '{"mode":"internal"}', updated_at: 1 },
        { key: 'somethingElse', value: '1', updated_at: 1 },
      ])
      .execute();
    expect(await new SettingsStore(db).read()).toEqual({ tls: { mode: 'internal' } });
  });
});
