import { randomBytes } from 'node:crypto';
import { ConfigError, decrypt, encrypt } from '@casusregie/config';
import { ERASED } from '@casusregie/domain';
import { PGliteDatabase, PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, openInMemoryPGlite, TestDatabase, waitFor } from '@casusregie/test-support';
import { Keyring } from './keyring';
import { KeyCacheOptions, PersonalDataVault } from './personal-data-vault';

const MASTER_KEY = randomBytes(32).toString('base64');
const HOUSEHOLD = '5f1c8a2e-3b7d-4c1a-9e52-6d0f8b4a7c31';
const YUSUF = 'member:2d36d254-8a66-4116-b5f5-db71245d2c05';
const RANIA = 'member:76b37f7b-0be3-43e6-9862-319e19612935';
const subjects = (...names: string[]) => new Map(names.map((name) => [name, undefined]));

describe('PersonalDataVault (AES-256-GCM data keys per subject, wrapped by the master key)', () => {
  let db: PGliteDatabase;
  let vault: PersonalDataVault;

  beforeAll(async () => {
    db = await openInMemoryPGlite();
    vault = await PersonalDataVault.open(db, MASTER_KEY);
  });
  afterAll(async () => {
    await db.close();
  });

  it('seals a value so that it does not show, and opens it again with a keyring fetched later', async () => {
    const sealed = (await vault.keyringToWrite(HOUSEHOLD, subjects(YUSUF))).seal('Yusuf Haddad', YUSUF, 'givenName');
    expect(sealed).toMatch(/^pd2:member:2d36d254-8a66-4116-b5f5-db71245d2c05:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('Yusuf');
    expect((await vault.keyringToRead([YUSUF])).open(sealed, 'givenName')).toBe('Yusuf Haddad');
  });

  it('seals the same value differently each time (random IV), under one key per subject', async () => {
    const first = await vault.keyringToWrite(HOUSEHOLD, subjects(YUSUF));
    const second = await vault.keyringToWrite(HOUSEHOLD, subjects(YUSUF));
    const a = first.seal('111222333', YUSUF, 'bsn');
    const b = second.seal('111222333', YUSUF, 'bsn');
    expect(a).not.toBe(b);
    expect(second.open(a, 'bsn')).toBe('111222333');
    expect(first.open(b, 'bsn')).toBe('111222333');
  });

  it('passes values that were never sealed through unchanged', async () => {
    expect((await vault.keyringToRead([])).open('2026-04-15', 'birthDate')).toBe('2026-04-15');
  });

  it('refuses a value that was altered or moved to another person', async () => {
    const keyring = await vault.keyringToWrite(HOUSEHOLD, subjects(YUSUF, RANIA));
    const sealed = keyring.seal('Yusuf', YUSUF, 'givenName');
    const payload = sealed.slice(sealed.lastIndexOf(':') + 1);
    const altered = `${sealed.slice(0, sealed.lastIndexOf(':') + 1)}${payload.slice(0, -2)}${payload.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => keyring.open(altered, 'givenName')).toThrow();
    expect(() => keyring.open(`pd2:${RANIA}:${payload}`, 'givenName')).toThrow();
  });

  it('refuses a value copied into another field: the family name, or a field of another event', async () => {
    const keyring = await vault.keyringToWrite(HOUSEHOLD, subjects(YUSUF));
    const givenName = keyring.seal('Yusuf', YUSUF, 'givenName');
    expect(keyring.open(givenName, 'givenName')).toBe('Yusuf');
    expect(() => keyring.open(givenName, 'familyName')).toThrow();
    expect(() => keyring.open(givenName, 'plan.goal')).toThrow();
    expect(() => keyring.open(givenName, 'ReferralDeclined.reason')).toThrow();
  });

  it('LEGACY: opens values sealed before fields were bound (pd1, the subject alone as authenticated data), in any field', async () => {
    await vault.keyringToWrite(HOUSEHOLD, subjects(YUSUF));
    // What the code before issue 14 stored: the data key as the vault keeps it, the subject alone as authenticated data.
    const { rows } = await db.query<{ wrapped_key: string }>('SELECT wrapped_key FROM personal_data_keys WHERE subject = $1', [YUSUF]);
    const dataKey = decrypt(Buffer.from(rows[0].wrapped_key, 'base64'), YUSUF, Buffer.from(MASTER_KEY, 'base64'));
    const legacy = `pd1:${YUSUF}:${encrypt(Buffer.from('Haddad', 'utf8'), YUSUF, dataKey).toString('base64url')}`;
    const keyring = await vault.keyringToRead([YUSUF]);
    expect(keyring.open(legacy, 'familyName')).toBe('Haddad');
    // Relabelled as a new value, it does not open.
    expect(() => keyring.open(legacy.replace('pd1:', 'pd2:'), 'familyName')).toThrow();
  });

  it('after erasure reads ERASED, and refuses to seal anything new for that subject', async () => {
    const subject = 'residence:0b6f3a55-6f7e-4f55-8d62-3a4f0c7d9e11';
    const sealed = (await vault.keyringToWrite(HOUSEHOLD, subjects(subject))).seal('6901 AB', subject, 'residence.postcode');
    await vault.erase(HOUSEHOLD, 'm-nobody', [subject]);
    await vault.erase(HOUSEHOLD, 'm-nobody', [subject]); // idempotent
    const keyring = await vault.keyringToWrite(HOUSEHOLD, subjects(subject));
    expect(keyring.open(sealed, 'residence.postcode')).toBe(ERASED);
    expect(() => keyring.seal('6902 CD', subject, 'residence.postcode')).toThrow(expect.objectContaining({ code: 'member-erased' }));
    const { rows } = await db.query<{ wrapped_key: string | null }>('SELECT wrapped_key FROM personal_data_keys WHERE subject = $1', [subject]);
    expect(rows).toEqual([{ wrapped_key: null }]);
  });

  it("destroys every key the member owns, also one no longer named (a withdrawn melding's trajectory)", async () => {
    const member = '0f9b4c1e-1111-4000-8000-000000000001';
    const withdrawnTrajectory = 'trajectory:0f9b4c1e-2222-4000-8000-000000000002';
    const keyring = await vault.keyringToWrite(HOUSEHOLD, new Map([[withdrawnTrajectory, member], [RANIA, undefined]]));
    const question = keyring.seal('Schulden', withdrawnTrajectory, 'trajectory.question');
    const rania = keyring.seal('Rania', RANIA, 'givenName');
    await vault.erase(HOUSEHOLD, member, [`member:${member}`]);
    const after = await vault.keyringToRead([withdrawnTrajectory, RANIA]);
    expect(after.open(question, 'trajectory.question')).toBe(ERASED);
    expect(after.open(rania, 'givenName')).toBe('Rania');
  });

  it('fails loudly when a sealed value has no key row (keys not restored with the events)', async () => {
    const subject = 'member:9a1d7c2e-0000-4000-8000-000000000001';
    const sealed = (await vault.keyringToWrite(HOUSEHOLD, subjects(subject))).seal('Lina', subject, 'givenName');
    await db.query('DELETE FROM personal_data_keys WHERE subject = $1', [subject]);
    // A process that did not make the key (this one keeps it for a few seconds: see the key cache below).
    const elsewhere = await PersonalDataVault.open(db, MASTER_KEY);
    await expect(elsewhere.keyringToRead([subject]).then((k) => k.open(sealed, 'givenName'))).rejects.toThrow(/No data key for subject member:/);
  });

  it('takes the keys a household was read with as they are, and makes or fetches only the others', async () => {
    const trajectory = 'trajectory:7c1e2d3f-0000-4000-8000-000000000001';
    const known = await vault.keyringToRead([YUSUF]);
    const yusufsName = known.seal('Yusuf', YUSUF, 'givenName');
    // Erased after the household was read: the keys in hand are used anyway, as this command's data is sealed under
    // a key that no longer exists either way.
    await vault.erase(HOUSEHOLD, 'm-later', [YUSUF]);
    const keyring = await vault.keyringToWrite(HOUSEHOLD, subjects(YUSUF, trajectory, RANIA), known);
    expect(keyring.open(yusufsName, 'givenName')).toBe('Yusuf');
    const question = keyring.seal('Schulden', trajectory, 'trajectory.question');
    const rania = keyring.seal('Rania', RANIA, 'givenName');
    const later = await vault.keyringToRead([YUSUF, trajectory, RANIA]);
    expect([later.open(yusufsName, 'givenName'), later.open(question, 'trajectory.question'), later.open(rania, 'givenName')]).toEqual([ERASED, 'Schulden', 'Rania']);
    expect(await vault.keyringToWrite(HOUSEHOLD, subjects(trajectory), keyring)).toBe(keyring);
  });

  it('refuses to start with another master key than the one the data keys were made with', async () => {
    await expect(PersonalDataVault.open(db, randomBytes(32).toString('base64'))).rejects.toThrow(ConfigError);
    await expect(PersonalDataVault.open(db, randomBytes(32).toString('base64'))).rejects.toThrow(/^PERSONAL_DATA_MASTER_KEY: /);
  });
});

describe('PersonalDataVault on PostgreSQL, with writers racing to make a subject\'s first key', () => {
  let testDb: TestDatabase;
  const databases: PostgresDatabase[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.close()));
    await testDb?.drop();
  });

  it('gives every writer the same key, whichever made it', async () => {
    const vaults = await Promise.all(
      [1, 2].map(async () => {
        const db = new PostgresDatabase({ connectionString: testDb.url, maxConnections: 10 });
        databases.push(db);
        return PersonalDataVault.open(db, MASTER_KEY);
      }),
    );
    for (let round = 0; round < 20; round++) {
      const subject = `trajectory:7c1e2d3f-0000-4000-8000-${String(round).padStart(12, '0')}`;
      const keyrings: Keyring[] = await Promise.all(
        Array.from({ length: 10 }, (_, i) => vaults[i % 2].keyringToWrite(HOUSEHOLD, subjects(subject))),
      );
      const sealed = keyrings.map((keyring, i) => keyring.seal(`vraag ${i}`, subject, 'trajectory.question'));
      const reader = await vaults[0].keyringToRead([subject]);
      expect(sealed.map((value) => reader.open(value, 'trajectory.question'))).toEqual(keyrings.map((_, i) => `vraag ${i}`));
    }
  });
});

describe('PersonalDataVault keeps unwrapped keys for a bounded time (two processes on one database)', () => {
  let testDb: TestDatabase;
  const databases: PostgresDatabase[] = [];
  const process = async (cache: KeyCacheOptions) => {
    const db = new PostgresDatabase({ connectionString: testDb.url, maxConnections: 2 });
    databases.push(db);
    return { db, vault: await PersonalDataVault.open(db, MASTER_KEY, cache) };
  };
  const member = (n: number) => `7d2e9c41-0000-4000-8000-${String(n).padStart(12, '0')}`;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.close()));
    await testDb?.drop();
  });

  it('reads a key it holds from memory, not from the database, and the least recently used one again', async () => {
    const { db, vault } = await process({ ttlMs: 60_000, maxEntries: 2 });
    const [a, b, c] = [1, 2, 3].map((n) => `member:${member(n)}`);
    await vault.keyringToWrite(HOUSEHOLD, subjects(a, b, c));
    const reads = jest.spyOn(db, 'query');
    await vault.keyringToRead([b, c]);
    expect(reads).not.toHaveBeenCalled();
    await vault.keyringToRead([a]);
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
  });

  it('takes an erasure at once in the process that erases, and within the bound in another', async () => {
    const bound = 300;
    const erasing = await process({ ttlMs: 60_000, maxEntries: 100 });
    const other = await process({ ttlMs: bound, maxEntries: 100 });
    const subject = `member:${member(4)}`;
    const sealed = (await erasing.vault.keyringToWrite(HOUSEHOLD, subjects(subject))).seal('Yusuf', subject, 'givenName');
    expect((await other.vault.keyringToRead([subject])).open(sealed, 'givenName')).toBe('Yusuf');

    await erasing.vault.erase(HOUSEHOLD, member(4), [subject]);
    expect((await erasing.vault.keyringToRead([subject])).open(sealed, 'givenName')).toBe(ERASED);
    // The other process learns it when its key expires: no later than `bound` after the erasure, which the deadline
    // leaves ample room for on a busy machine.
    await waitFor(async () => (await other.vault.keyringToRead([subject])).open(sealed, 'givenName') === ERASED, 10_000, 'the erasure in the other process');
    const keyring = await other.vault.keyringToRead([subject]);
    expect(() => keyring.seal('Yusuf', subject, 'givenName')).toThrow(expect.objectContaining({ code: 'member-erased' }));
  });
});
