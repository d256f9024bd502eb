import { PostgresDatabase, SqlDatabase } from '@casusregie/sql';
import { openInMemoryPGlite } from './in-memory-pglite';
import { createTestDatabase, TestDatabase } from './test-services';

/**
 * The throw-away databases of a test file that needs several (an event log, read models built in different ways):
 * made as the tests ask for them, and all closed and dropped by `dispose` (in `afterAll`).
 */
export class ThrowAwayDatabases {
  private readonly created: TestDatabase[] = [];
  private readonly connections: PostgresDatabase[] = [];

  /** A new empty database, with a connection to it. */
  async open(): Promise<PostgresDatabase> {
    const connection = new PostgresDatabase({ connectionString: (await this.create()).url });
    this.connections.push(connection);
    return connection;
  }

  /** A new empty database for a caller that connects to it itself (e.g. dumpOfRebuild). */
  async create(): Promise<TestDatabase> {
    const database = await createTestDatabase();
    this.created.push(database);
    return database;
  }

  async dispose(): Promise<void> {
    for (const connection of this.connections) await connection.close();
    for (const database of this.created) await database.drop();
  }
}

/** For `describe.each`: an empty database of each kind the projections run on (the name first), and how to drop it. */
export const EACH_SQL_DATABASE: [string, () => Promise<{ db: SqlDatabase; drop: () => Promise<void> }>][] = [
  ['PGlite', async () => ({ db: await openInMemoryPGlite(), drop: async () => undefined })],
  [
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase();
      return { db: new PostgresDatabase({ connectionString: database.url }), drop: () => database.drop() };
    },
  ],
];
