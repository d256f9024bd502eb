import { INestApplication, LoggerService } from '@nestjs/common';
import request from 'supertest';
import { Principal, signAccessToken } from '@casusregie/auth';
import { loadConfig } from '@casusregie/config';
import { fixedClock } from '@casusregie/runtime';
import { openStorage, Storage } from '@casusregie/storage';
import { createTempDir, createTestDatabase, TempDir, TEST_MASTER_KEY, TestDatabase } from '@casusregie/test-support';
import { createApiApp } from '../../src/create-api-app';

export type StoreKind = 'pglite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['pglite', 'postgres'];

const SECRET = 'e2e-secret-for-household-tests-0123456789';

/** The consultant most tests act as: team T1 of Zevenaar (GM0299). */
export const consultant: Principal = { sub: 'consultant-1', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };

export interface ApiHarness {
  app: INestApplication;
  storage: Storage;
  /** The environment the app was configured from: for a CLI (`startProcess`) on the same stores. */
  env: Record<string, string>;
  /** A supertest client for the app's server. */
  http(): ReturnType<typeof request>;
  /** A bearer header value for a principal (the consultant by default). */
  bearer(principal?: Principal): string;
  /** How many events the store holds: for checking that a refused request recorded nothing. */
  eventCount(): Promise<number>;
  /** Errors the app logged as unexpected (they answered 500). Every test suite expects none. */
  serverErrors: string[];
  close(): Promise<void>;
}

/**
 * Starts the real API (createApiApp, so every global pipe, filter and guard) on the chosen store, with "today"
 * pinned so that dated scenarios pass whatever the real date.
 */
export async function startApi(kind: StoreKind, today = '2026-11-23', extraEnv: Record<string, string> = {}): Promise<ApiHarness> {
  let database: TestDatabase | undefined;
  // PGlite's data, and on either store the processing log's anchor file (without REDIS_URL).
  const dataDir: TempDir = createTempDir();
  const env: Record<string, string> = { AUTH_JWT_SECRET: SECRET, DATA_DIR: dataDir.path };
  if (kind === 'postgres') {
    database = await createTestDatabase();
    Object.assign(env, { EVENT_STORE: 'postgres', DATABASE_URL: database.url, PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY });
  } else {
    Object.assign(env, { EVENT_STORE: 'pglite' });
  }
  Object.assign(env, extraEnv);
  const config = loadConfig(env);
  const storage = await openStorage(config);
  const serverErrors: string[] = [];
  const app = await createApiApp(config, storage, { logger: new ErrorRecorder(serverErrors), clock: fixedClock(today) });

  return {
    app,
    storage,
    env,
    serverErrors,
    http: () => request(app.getHttpServer()),
    bearer: (principal = consultant) => `Bearer ${signAccessToken(principal, SECRET, { expiresIn: '10m' })}`,
    async eventCount() {
      const { rows } = await storage.readModels.query<{ count: string }>('SELECT count(*)::text AS count FROM events');
      return Number(rows[0].count);
    },
    async close() {
      await app.close();
      await database?.drop();
      dataDir.remove();
    },
  };
}

class ErrorRecorder implements LoggerService {
  constructor(private readonly errors: string[]) {}
  error(message: unknown) {
    this.errors.push(String(message));
  }
  log() {}
  warn() {}
  debug() {}
  verbose() {}
}
