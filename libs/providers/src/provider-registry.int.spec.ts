import { MasterKey } from '@casusregie/config';
import { PostgresDatabase, runMigrations } from '@casusregie/sql';
import { createTestDatabase, TEST_MASTER_KEY, TestDatabase } from '@casusregie/test-support';
import { ProviderRegistry } from './provider-registry';

/** Version 1 of the schema as it was deployed: one row per provider for all its municipalities, the secret in clear. */
const VERSION_1 = {
  version: 1,
  name: 'providers',
  sql: `
    CREATE TABLE providers (
      agb_code text PRIMARY KEY, name text NOT NULL, municipalities text[] NOT NULL, product_categories text[] NOT NULL,
      webhook_url text, webhook_secret text, created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(), updated_by text NOT NULL
    );`,
};

const CLEAR_SECRET = 'the-clear-webhook-secret-of-version-1';

describe('ProviderRegistry on PostgreSQL: contracts per municipality, secrets sealed', () => {
  let database: TestDatabase;
  let db: PostgresDatabase;
  let registry: ProviderRegistry;

  const dump = async () => JSON.stringify((await db.query('SELECT * FROM provider_contracts')).rows);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: database.url });
    await runMigrations(db, 'providers', [VERSION_1]);
    await db.query(
      `INSERT INTO providers (agb_code, name, municipalities, product_categories, webhook_url, webhook_secret, updated_by)
       VALUES ('98765432', 'GGNet', '{GM0299,GM0300}', '{maatwerk}', 'https://ggnet.example/hook', $1, 'beheer'),
              ('98765433', 'Jeugdhulp Oost', '{GM0299}', '{maatwerk,lichtere-zorg}', NULL, NULL, 'beheer')`,
      [CLEAR_SECRET],
    );
    registry = new ProviderRegistry(db, MasterKey.fromBase64(TEST_MASTER_KEY));
    await registry.prepare();
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('gives every municipality of a version-1 provider a contract of its own, as it was', async () => {
    expect(await registry.list('GM0299')).toEqual([
      expect.objectContaining({ agbCode: '98765432', municipality: 'GM0299', name: 'GGNet', webhookUrl: 'https://ggnet.example/hook', hasWebhookSecret: true }),
      expect.objectContaining({ agbCode: '98765433', municipality: 'GM0299', productCategories: ['maatwerk', 'lichtere-zorg'], hasWebhookSecret: false }),
    ]);
    expect(await registry.list('GM0300')).toEqual([
      expect.objectContaining({ agbCode: '98765432', municipality: 'GM0300', productCategories: ['maatwerk'], hasWebhookSecret: true }),
    ]);
    const { rows } = await db.query<{ table: string | null }>(`SELECT to_regclass('providers')::text AS table`);
    expect(rows[0].table).toBeNull();
  });

  it('seals the clear secrets at start-up: the table no longer shows them, and each contract still signs with it', async () => {
    expect(await dump()).not.toContain(CLEAR_SECRET);
    expect(await registry.webhookOf('98765432', 'GM0299')).toEqual({ url: 'https://ggnet.example/hook', secret: CLEAR_SECRET, auth: null });
    expect(await registry.webhookOf('98765432', 'GM0300')).toEqual({ url: 'https://ggnet.example/hook', secret: CLEAR_SECRET, auth: null });
    // Starting again changes nothing.
    const before = await dump();
    await registry.prepare();
    expect(await dump()).toBe(before);
  });

  it('seals a new secret, bound to its contract: copied into another municipality’s row it does not open', async () => {
    const secret = 'a-new-secret-of-at-least-thirty-two-characters';
    await registry.register({ agbCode: '98765434', municipality: 'GM0300', name: 'Thuiszorg', productCategories: ['maatwerk'] }, 'beheer');
    await registry.update('98765432', 'GM0299', { webhookSecret: secret }, 'beheer');
    expect(await dump()).not.toContain(secret);
    expect((await registry.webhookOf('98765432', 'GM0299'))?.secret).toBe(secret);

    await db.query(
      `UPDATE provider_contracts SET webhook_url = 'https://x.example', webhook_secret =
         (SELECT webhook_secret FROM provider_contracts WHERE agb_code = '98765432' AND municipality = 'GM0299')
        WHERE agb_code = '98765434' AND municipality = 'GM0300'`,
    );
    await expect(registry.webhookOf('98765434', 'GM0300')).rejects.toThrow();
  });

  it('seals the webhook auth value as well, bound to its field: moved into the secret column it does not open', async () => {
    const auth = 'Bearer zgw-abonnement-auth-of-ggnet-0123';
    expect(await registry.update('98765432', 'GM0300', { webhookAuth: auth }, 'beheer')).toMatchObject({ hasWebhookAuth: true });
    expect(await dump()).not.toContain('zgw-abonnement-auth');
    expect(await registry.webhookOf('98765432', 'GM0300')).toEqual({ url: 'https://ggnet.example/hook', secret: CLEAR_SECRET, auth });

    await db.query(`UPDATE provider_contracts SET webhook_secret = webhook_auth WHERE agb_code = '98765432' AND municipality = 'GM0300'`);
    await expect(registry.webhookOf('98765432', 'GM0300')).rejects.toThrow();
    expect(await registry.update('98765432', 'GM0300', { webhookSecret: null, webhookAuth: null }, 'beheer')).toMatchObject({
      hasWebhookSecret: false,
      hasWebhookAuth: false,
    });
  });

  it('forgets the secret and the auth value when the webhook moves to another URL, unless the change gives them anew', async () => {
    const auth = 'Bearer zgw-abonnement-auth-0123';
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    await registry.register(
      { agbCode: '98765434', municipality: 'GM0299', name: 'Zorggroep Voorbeeld', productCategories: ['maatwerk'], webhookUrl: 'https://zorg.example/hook', webhookSecret: secret, webhookAuth: auth },
      'beheer',
    );
    // The same URL again, or another field: both kept.
    await registry.update('98765434', 'GM0299', { webhookUrl: 'https://zorg.example/hook', name: 'Zorggroep Voorbeeld BV' }, 'beheer');
    expect(await registry.webhookOf('98765434', 'GM0299')).toEqual({ url: 'https://zorg.example/hook', secret, auth });
    // Elsewhere, with a new secret only: the auth value, given for the old address, is not sent to the new one.
    const newSecret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
    await registry.update('98765434', 'GM0299', { webhookUrl: 'https://elders.example/hook', webhookSecret: newSecret }, 'beheer');
    expect(await registry.webhookOf('98765434', 'GM0299')).toEqual({ url: 'https://elders.example/hook', secret: newSecret, auth: null });
    // Elsewhere again with neither: nothing of either goes along.
    await registry.update('98765434', 'GM0299', { webhookAuth: auth }, 'beheer');
    expect(await registry.update('98765434', 'GM0299', { webhookUrl: 'https://attacker.example/hook' }, 'other')).toMatchObject({
      hasWebhookSecret: false,
      hasWebhookAuth: false,
    });
    expect(await registry.webhookOf('98765434', 'GM0299')).toMatchObject({ url: 'https://attacker.example/hook', secret: null, auth: null });
  });

  it('reads and changes a contract only together with its municipality', async () => {
    expect(await registry.get('98765433', 'GM0300')).toBeUndefined();
    expect(await registry.update('98765433', 'GM0300', { webhookUrl: 'https://evil.example' }, 'other')).toBeUndefined();
    expect(await registry.end('98765433', 'GM0300')).toBe(false);
    expect(await registry.webhookOf('98765433', 'GM0300')).toBeUndefined();
    expect(await registry.get('98765433', 'GM0299')).toMatchObject({ webhookUrl: null, productCategories: ['maatwerk', 'lichtere-zorg'] });
    expect(await registry.end('98765433', 'GM0299')).toBe(true);
    expect(await registry.get('98765433', 'GM0299')).toBeUndefined();
  });
});
