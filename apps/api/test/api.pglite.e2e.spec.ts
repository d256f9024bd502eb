import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { AppConfig, loadConfig } from '@casusregie/config';
import { DEV_JWT_SECRET_FILE, resolveJwtSecret } from '@casusregie/auth';
import { openStorage } from '@casusregie/storage';
import { createTempDir, TempDir } from '@casusregie/test-support';
import { createApiApp } from '../src/create-api-app';
import { itBehavesAsTheApi } from './api-behaviour';

/** The embedded default: no configuration but a data directory; PGlite, in-process queue, generated secret. */
describe('API on embedded PGlite', () => {
  let dataDir: TempDir;
  let config: AppConfig;
  let app: INestApplication;
  let secret: string;

  beforeAll(async () => {
    dataDir = createTempDir();
    config = loadConfig({ DATA_DIR: dataDir.path });
    app = await createApiApp(config, await openStorage(config), { logger: false });
    // The same function the token CLI uses: it must find the secret the app generated.
    secret = resolveJwtSecret(config);
  });

  afterAll(async () => {
    await app?.close();
    dataDir?.remove();
  });

  it('generated the development secret into the data directory', () => {
    expect(existsSync(join(dataDir.path, DEV_JWT_SECRET_FILE))).toBe(true);
  });

  itBehavesAsTheApi(() => ({ app, config, secret }), { eventStore: 'pglite', readModels: 'pglite' });
});
