import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { SettingsStore } from '../settings/settings-store.js';
import { UserService } from './user.service.js';

let db: Db;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ db, close } = await openDatabase(':memory:'));
});
afterEach(() => close());

const users = () =>
  new UserService(
    db,
    { hash: (p) => Promise.resolve(`hashed:${p}`), verify: () => Promise.resolve(false) },
    {
      deleteForUser: () => Promise.resolve(),
    },
  );

describe('UserService.createFirstAdmin', () => {
  it('stores the admin and what belongs with it in one transaction', async () => {
    const settings = new SettingsStore(db);
    await users().createFirstAdmin('admin', 'long enough pw', (tx) =>
      settings.writeIn(tx, { appDataRoot: '/data/apps' }),
    );
    expect(await users().count()).toBe(1);
    expect(await settings.read()).toEqual({ appDataRoot: '/data/apps' });
  });

  it('stores neither when the rest fails: no admin without its settings', async () => {
    const settings = new SettingsStore(db);
    await expect(
      users().createFirstAdmin('admin', 'long enough pw', async (tx) => {
        await settings.writeIn(tx, { appDataRoot: '/data/apps' });
        throw new Error('the disk is full');
      }),
    ).rejects.toThrow('the disk is full');
    expect(await users().count()).toBe(0);
    expect(await settings.read()).toEqual({});
  });
});
