import { ConfigError, loadConfig } from './app-config';

const SERVER = { EVENT_STORE: 'postgres', DATABASE_URL: 'postgresql://localhost/x', AUTH_JWT_SECRET: 'x'.repeat(40) };

describe('PERSONAL_DATA_MASTER_KEY', () => {
  it('is required outside embedded mode, where every process must share it', () => {
    expect(() => loadConfig(SERVER)).toThrow(ConfigError);
    expect(() => loadConfig(SERVER)).toThrow(/^PERSONAL_DATA_MASTER_KEY: is required when EVENT_STORE=postgres/);
  });

  it('may be absent in embedded mode (a key is generated into DATA_DIR)', () => {
    expect(loadConfig({}).personalDataMasterKey).toBeUndefined();
  });

  it('must be 32 bytes in base64, and a wrong one is not repeated in the message', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    expect(() => loadConfig({ ...SERVER, PERSONAL_DATA_MASTER_KEY: short })).toThrow(/^PERSONAL_DATA_MASTER_KEY: must be 32 bytes in base64/);
    expect(() => loadConfig({ ...SERVER, PERSONAL_DATA_MASTER_KEY: 'not base64 at all!' })).toThrow(/must be 32 bytes/);
    try {
      loadConfig({ ...SERVER, PERSONAL_DATA_MASTER_KEY: short });
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ ...SERVER, PERSONAL_DATA_MASTER_KEY: key }).personalDataMasterKey).toBe(key);
  });
});
