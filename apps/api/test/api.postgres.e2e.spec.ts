import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { AppConfig, loadConfig } from '@casusregie/config';
import { DEV_JWT_SECRET_FILE } from '@casusregie/auth';
import { openStorage } from '@casusregie/storage';
import { createTempDir, createTestDatabase, TempDir, TEST_MASTER_KEY, TestDatabase } from '@casusregie/test-support';
import { createApiApp } from '../src/create-api-app';
import { itBehavesAsTheApi } from './api-behaviour';

const SECRET = 'e2e-secret-for-the-postgres-deployment-0123';

/** A server deployment: events and read models in PostgreSQL, tokens checked with AUTH_JWT_SECRET. */
describe('API on PostgreSQL', () => {
  let database: TestDatabase;
  let dataDir: TempDir;
  let config: AppConfig;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = createTempDir();
    config = loadConfig({
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      AUTH_JWT_SECRET: SECRET,
      PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY,
      DATA_DIR: dataDir.path,
    });
    app = await createApiApp(config, await openStorage(config), { logger: false });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    dataDir?.remove();
  });

  it('uses the configured secret and generates none', () => {
    expect(existsSync(join(dataDir.path, DEV_JWT_SECRET_FILE))).toBe(false);
  });

  itBehavesAsTheApi(() => ({ app, config, secret: SECRET }), { eventStore: 'postgres', readModels: 'postgres' });
});
