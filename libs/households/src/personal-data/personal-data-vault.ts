import { createHmac, randomBytes } from 'node:crypto';
import { ConfigError, decrypt, encrypt, MASTER_KEY_BYTES, MasterKey } from '@casusregie/config';
import { Migration, runMigrations, SqlDatabase, SqlExecutor } from '@casusregie/sql';
import { Keyring } from './keyring';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'personal data keys',
    // Not a read model: a rebuild never touches it, and it must be backed up and restored with the events.
    // wrapped_key is NULL once the subject's data is erased; the row stays, so that erased reads as erased and
    // nothing new is ever sealed for that subject.
    sql: `
      CREATE TABLE personal_data_keys (
        subject         text PRIMARY KEY,
        household_id    uuid NOT NULL,
        owner_member_id text,
        wrapped_key     text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        erased_at    timestamptz
      );
      CREATE INDEX personal_data_keys_household ON personal_data_keys (household_id, owner_member_id);
      CREATE TABLE personal_data_master_key (
        id          int PRIMARY KEY CHECK (id = 1),
        fingerprint text NOT NULL
      );
    `,
  },
];

/**
 * Crypto-shredding (issue 6): every person's personal data in events is sealed with a data key of its own
 * (AES-256-GCM); data keys are kept wrapped by the master key from configuration. Erasing a person destroys their
 * keys, after which the events still hold every fact but no longer yield the person's data — without rewriting the
 * append-only log.
 *
 * Unwrapped keys are kept per process for a bounded time ({@link KeyCacheOptions}, default 5 s): a command on a
 * household whose keys this process read or made in the last seconds does not read them again, nor unwrap them. The
 * price is the bound on erasure: an erasure takes effect at once in the process that erases (it drops the household's
 * keys), and in every other process within `ttlMs`, when its cached key expires and the next read finds it destroyed.
 */
export class PersonalDataVault {
  /** The keyed digest of {@link searchKey}: its key is derived from the master key, so the database does not hold it either. */
  private readonly searchDigest: (data: string) => string;

  private readonly cache: KeyCache;

  private constructor(
    private readonly db: SqlDatabase,
    private readonly masterKey: Buffer,
    cache: KeyCacheOptions,
  ) {
    this.searchDigest = MasterKey.fromBase64(masterKey.toString('base64')).digester('search index');
    this.cache = new KeyCache(cache);
  }

  /** Applies the keys table's migrations and refuses a master key other than the one the keys were wrapped with. */
  static async open(db: SqlDatabase, masterKeyBase64: string, cache: KeyCacheOptions = DEFAULT_KEY_CACHE): Promise<PersonalDataVault> {
    const masterKey = Buffer.from(masterKeyBase64, 'base64');
    if (masterKey.length !== MASTER_KEY_BYTES) throw new ConfigError('PERSONAL_DATA_MASTER_KEY', `must be ${MASTER_KEY_BYTES} bytes in base64`);
    await runMigrations(db, 'personal-data-keys', MIGRATIONS);
    const fingerprint = createHmac('sha256', masterKey).update('casusregie personal data master key').digest('hex').slice(0, 16);
    await db.query('INSERT INTO personal_data_master_key (id, fingerprint) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [fingerprint]);
    const { rows } = await db.query<{ fingerprint: string }>('SELECT fingerprint FROM personal_data_master_key WHERE id = 1');
    if (rows[0].fingerprint !== fingerprint) {
      throw new ConfigError('PERSONAL_DATA_MASTER_KEY', 'is not the key this database\'s personal data keys were made with');
    }
    return new PersonalDataVault(db, masterKey, cache);
  }

  /**
   * What a person is found by (a BSN, a name as the directory compares it, a birth date) as a keyed hash
   * (HMAC-SHA256, the kind of value in the message), for the search directory to match on without holding the
   * value. Equal values give equal hashes; which BSN a hash stands for cannot be worked out without the master key,
   * not even by trying every BSN.
   */
  searchKey(kind: 'bsn' | 'givenName' | 'familyName' | 'birthDate', value: string): string {
    return this.searchDigest(`${kind}|${value}`);
  }

  /**
   * The keys to read values sealed for `subjects`. `transaction`: the one the caller is in (a projection batch) —
   * used where the database has a single connection (PGlite), which that transaction holds. Elsewhere keys are read
   * over the vault's own pool, so a rebuild into another database still finds them.
   */
  async keyringToRead(subjects: Iterable<string>, transaction?: SqlExecutor): Promise<Keyring> {
    const executor = transaction !== undefined && !this.db.supportsConcurrentTransactions ? transaction : this.db;
    const keys = new Map<string, Buffer | null>();
    const missing: string[] = [];
    for (const subject of new Set(subjects)) {
      const cached = this.cache.get(subject);
      if (cached === undefined) missing.push(subject);
      else keys.set(subject, cached);
    }
    for (const [subject, key] of await this.fetch(missing, executor)) keys.set(subject, key);
    return new Keyring(keys);
  }

  /**
   * The keys of a household as rows read by the caller, in the statement that read its stream (see
   * HouseholdRepository.load): `subject` and `wrapped_key` of {@link householdKeysQuery}.
   */
  keyringOf(rows: readonly KeyRow[]): Keyring {
    return new Keyring(this.unwrap(rows));
  }

  /** The statement that reads a household's wrapped keys, for a caller that reads them together with its stream. */
  householdKeysQuery(householdId: string): { database: SqlDatabase; sql: string; params: unknown[] } {
    return { database: this.db, sql: 'SELECT subject, wrapped_key, household_id::text AS household_id FROM personal_data_keys WHERE household_id = $1::uuid', params: [householdId] };
  }

  /**
   * The keys to seal values for `subjects` of a household (subject → the member who owns it, where known), made for
   * subjects that have none yet. `known`: the keys the household was just read with; subjects it holds are not
   * fetched again (a key destroyed meanwhile seals nothing readable, so this is safe), which leaves one query — and
   * none when every subject is known.
   */
  async keyringToWrite(householdId: string, subjects: ReadonlyMap<string, string | undefined>, known = new Keyring()): Promise<Keyring> {
    const missing = [...subjects.keys()].filter((subject) => !known.has(subject));
    if (missing.length === 0) return known;
    const wrapped = missing.map((subject) => encrypt(randomBytes(32), subject, this.masterKey).toString('base64'));
    // Makes the keys that do not exist and returns every wanted one, in one statement. Two writers may race to make a
    // subject's first key: the row that lands first is the key both use; the loser's statement cannot see that row
    // (its snapshot is older), so it fetches once more.
    const { rows } = await this.db.query<KeyRow>(
      `WITH made AS (
         INSERT INTO personal_data_keys (subject, household_id, owner_member_id, wrapped_key)
         SELECT subject, $2::uuid, owner, wrapped_key FROM unnest($1::text[], $3::text[], $4::text[]) AS k(subject, owner, wrapped_key)
         ON CONFLICT (subject) DO NOTHING
         RETURNING subject, wrapped_key)
       SELECT subject, wrapped_key FROM made
       UNION ALL
       SELECT subject, wrapped_key FROM personal_data_keys WHERE subject = ANY($1::text[]) AND subject NOT IN (SELECT subject FROM made)`,
      [missing, householdId, missing.map((subject) => subjects.get(subject) ?? null), wrapped],
    );
    let keys = this.unwrap(rows, householdId);
    if (keys.size < missing.length) keys = await this.fetch(missing, this.db);
    return known.with(new Keyring(keys));
  }

  /**
   * Destroys every key the member owns in the household, and those of `subjects` (idempotent). A subject without a
   * key yet gets an erased row, so that nothing is sealed for it afterwards either.
   */
  async erase(householdId: string, memberId: string, subjects: readonly string[]): Promise<void> {
    // This process forgets the household's keys first, so that nothing here opens or seals with them from now on.
    this.cache.forgetHousehold(householdId);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE personal_data_keys SET wrapped_key = NULL, erased_at = COALESCE(erased_at, now())
          WHERE household_id = $1::uuid AND owner_member_id = $2`,
        [householdId, memberId],
      );
      await tx.query(
        `INSERT INTO personal_data_keys (subject, household_id, owner_member_id, wrapped_key, erased_at)
         SELECT subject, $2::uuid, $3, NULL, now() FROM unnest($1::text[]) AS k(subject)
         ON CONFLICT (subject) DO UPDATE SET wrapped_key = NULL, erased_at = COALESCE(personal_data_keys.erased_at, now())`,
        [subjects, householdId, memberId],
      );
    });
    // And again once the keys are destroyed: a read in this process while the erasure ran may have cached them anew.
    this.cache.forgetHousehold(householdId);
  }

  private async fetch(subjects: string[], executor: SqlExecutor): Promise<Map<string, Buffer | null>> {
    if (subjects.length === 0) return new Map();
    const { rows } = await executor.query<KeyRow>('SELECT subject, wrapped_key, household_id::text AS household_id FROM personal_data_keys WHERE subject = ANY($1::text[])', [subjects]);
    return this.unwrap(rows);
  }

  /** Unwraps what the rows hold (a key this process unwrapped before from the same wrapped text is reused) and caches it. */
  private unwrap(rows: readonly KeyRow[], householdId?: string): Map<string, Buffer | null> {
    const keys = new Map<string, Buffer | null>();
    for (const row of rows) {
      const key = row.wrapped_key === null ? null : this.cache.unwrapped(row.subject, row.wrapped_key) ?? decrypt(Buffer.from(row.wrapped_key, 'base64'), row.subject, this.masterKey);
      this.cache.set(row.subject, row.wrapped_key, key, row.household_id ?? householdId);
      keys.set(row.subject, key);
    }
    return keys;
  }
}

export interface KeyRow {
  subject: string;
  wrapped_key: string | null;
  household_id?: string;
}

/** How many data keys a process keeps unwrapped, and for how long (see PersonalDataVault). */
export interface KeyCacheOptions {
  /** 0: every piece of work reads its keys. */
  ttlMs: number;
  /** The least recently used key goes first when there are more. */
  maxEntries: number;
}

export const DEFAULT_KEY_CACHE: KeyCacheOptions = { ttlMs: 5_000, maxEntries: 10_000 };

interface CachedKey {
  wrapped: string | null;
  key: Buffer | null;
  householdId: string | undefined;
  /** performance.now() after which the key is read again. */
  expires: number;
}

/** Unwrapped data keys by subject for a bounded time, least recently used out first (a Map keeps insertion order). */
class KeyCache {
  private readonly entries = new Map<string, CachedKey>();

  constructor(private readonly options: KeyCacheOptions) {}

  /** The subject's key (null: destroyed) while it is fresh, else undefined. */
  get(subject: string): Buffer | null | undefined {
    const entry = this.entries.get(subject);
    if (entry === undefined) return undefined;
    this.entries.delete(subject);
    if (entry.expires <= performance.now()) return undefined;
    this.entries.set(subject, entry);
    return entry.key;
  }

  /** The key unwrapped before from this very wrapped text, whether or not it is still fresh: saves the unwrap. */
  unwrapped(subject: string, wrapped: string): Buffer | undefined {
    const entry = this.entries.get(subject);
    return entry?.wrapped === wrapped && entry.key !== null ? entry.key : undefined;
  }

  set(subject: string, wrapped: string | null, key: Buffer | null, householdId: string | undefined): void {
    if (this.options.ttlMs <= 0) return;
    this.entries.delete(subject);
    this.entries.set(subject, { wrapped, key, householdId, expires: performance.now() + this.options.ttlMs });
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  forgetHousehold(householdId: string): void {
    for (const [subject, entry] of this.entries) if (entry.householdId === householdId) this.entries.delete(subject);
  }
}
