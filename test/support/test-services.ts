import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Where the tests find the machine's services. Point them elsewhere with TEST_DATABASE_URL and TEST_REDIS_URL;
 * the database named there is only used to create and drop one throw-away database per test file.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  /** Connection URL of a database that exists only for this test file. */
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty PostgreSQL database, so every test file starts from nothing and files can run in any order. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `casusregie_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A transaction that wrote (so it has a transaction id) and stays open until its client ends: what another
 * application on a shared server, or a long read-model transaction, looks like to PostgreSQL.
 */
export async function openWriteTransaction(url: string, write: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  await client.query('BEGIN');
  await client.query(write);
  return client;
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TempDir {
  path: string;
  remove(): void;
}

/** A fresh directory for PGlite data or generated secrets. */
export function createTempDir(prefix = 'casusregie-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * The PERSONAL_DATA_MASTER_KEY of server-mode tests (32 bytes, base64): every process a test starts on one database
 * must wrap and unwrap data keys with the same key.
 */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/** A port free on 127.0.0.1 a moment ago, for a process that must be told its port before it starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
