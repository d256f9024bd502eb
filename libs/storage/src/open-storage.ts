import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppConfig, ConfigError, describeEndpoint, MasterKey, masterKeyProblem, readOrCreateSecretFile } from '@casusregie/config';
import { EventStore, EventStoreDBEventStore, SqlEventStore } from '@casusregie/event-store';
import { DEFAULT_KEY_CACHE, PersonalDataVault } from '@casusregie/households';
import { DataDirectoryInUseError, PGliteDatabase, PostgresDatabase, SqlDatabase } from '@casusregie/sql';

/** The two stores a process works with: the event log and the database of read models. */
export interface Storage {
  eventStore: EventStore;
  /** PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in DATA_DIR. */
  readModels: SqlDatabase;
  /** The per-person data keys, kept beside the read models (but never rebuilt: see PersonalDataVault). */
  personalData: PersonalDataVault;
  /** The master key, for the few secrets kept at rest besides personal data (e.g. providers' webhook secrets). */
  masterKey: MasterKey;
  close(): Promise<void>;
}

/**
 * The embedded database in DATA_DIR is open in another process (the API, most often): PGlite allows one process at a
 * time. A ConfigError like any other, so a process says it in one line; a CLI may add what to do instead.
 */
export class EmbeddedStoreInUseError extends ConfigError {
  constructor(readonly dataDir: string) {
    super('DATA_DIR', `the embedded database in ${dataDir} is already open in another process`);
  }
}

/** Where embedded mode keeps the master key it generated, beside dev-jwt-secret. */
export const DEV_MASTER_KEY_FILE = 'personal-data-master-key';

/**
 * Opens the configured stores, checks that they answer and applies the event store's schema migrations.
 * An unreachable store is reported as a {@link ConfigError} naming the variable, so start-up can print one line.
 */
export async function openStorage(config: AppConfig): Promise<Storage> {
  const readModels = await openReadModelDatabase(config);
  try {
    const masterKey = masterKeyOf(config);
    // The vault first: it refuses a master key other than the one this database's secrets were made with.
    const personalData = await PersonalDataVault.open(readModels, masterKey, {
      ttlMs: config.personalDataKeyCacheSeconds * 1000,
      maxEntries: DEFAULT_KEY_CACHE.maxEntries,
    });
    const { eventStore, ownDatabase } = await openEventStore(config, readModels);
    return {
      eventStore,
      readModels,
      personalData,
      masterKey: MasterKey.fromBase64(masterKey),
      async close() {
        await eventStore.close();
        await ownDatabase?.close();
        await readModels.close();
      },
    };
  } catch (error) {
    await readModels.close().catch(() => undefined);
    throw error;
  }
}

/** PERSONAL_DATA_MASTER_KEY, or in embedded mode (where loadConfig lets it be absent) one generated into DATA_DIR. */
function masterKeyOf(config: AppConfig): string {
  return (
    config.personalDataMasterKey ??
    readOrCreateSecretFile(config.dataDir, DEV_MASTER_KEY_FILE, () => randomBytes(32).toString('base64'), masterKeyProblem)
  );
}

async function openReadModelDatabase(config: AppConfig): Promise<SqlDatabase> {
  if (config.databaseUrl === undefined) return openEmbedded(config, 'pglite');
  const db = new PostgresDatabase({ connectionString: config.databaseUrl });
  try {
    await db.query('SELECT 1');
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new ConfigError(
      'DATABASE_URL',
      `${postgresRefusal(errorCode(error))} at ${describeEndpoint(config.databaseUrl)} (${errorCode(error)})`,
    );
  }
  return db;
}

async function openEventStore(
  config: AppConfig,
  readModels: SqlDatabase,
): Promise<{ eventStore: EventStore; ownDatabase?: SqlDatabase }> {
  switch (config.eventStore) {
    case 'postgres':
      return { eventStore: await SqlEventStore.open(readModels) };
    case 'pglite': {
      if (readModels.kind === 'pglite') return { eventStore: await SqlEventStore.open(readModels) };
      // Events stay embedded as asked, while DATABASE_URL holds the read models.
      const ownDatabase = await openEmbedded(config, 'pglite-events');
      return { eventStore: await SqlEventStore.open(ownDatabase), ownDatabase };
    }
    case 'eventstoredb': {
      const connectionString = config.esdbConnectionString as string;
      try {
        return { eventStore: await EventStoreDBEventStore.connect(connectionString) };
      } catch (error) {
        throw new ConfigError(
          'ESDB_CONNECTION_STRING',
          `cannot reach EventStoreDB at ${describeEndpoint(connectionString)} (${errorCode(error)})`,
        );
      }
    }
  }
}

async function openEmbedded(config: AppConfig, directory: string): Promise<PGliteDatabase> {
  try {
    return await PGliteDatabase.open(join(config.dataDir, directory));
  } catch (error) {
    if (error instanceof DataDirectoryInUseError) throw new EmbeddedStoreInUseError(config.dataDir);
    throw error;
  }
}

/**
 * A short, data-free reason: driver error codes such as ECONNREFUSED or 28P01 (pg), or the error's class such as
 * UnavailableError (EventStoreDB gRPC, whose `code` is a number) — never the message, which may hold the URL.
 */
/** What PostgreSQL's refusal means: a server that answers but has no such database is not unreachable. */
function postgresRefusal(code: string): string {
  if (code === '3D000') return 'no such database on PostgreSQL (create it first)';
  if (code === '28P01' || code === '28000') return 'PostgreSQL refused the user or password';
  return 'cannot reach PostgreSQL';
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && code.length > 0) return code;
  if (error instanceof Error) return error.name !== 'Error' ? error.name : error.constructor.name;
  return 'unknown error';
}
