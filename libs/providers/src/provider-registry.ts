import { Migration, runMigrations, SqlDatabase } from '@casusregie/sql';

/**
 * The regional care providers (zorgaanbieders) the municipalities contract, by AGB code. Configuration kept by
 * admins, not a fact of a case: a plain table, with who changed it last.
 */
export interface Provider {
  agbCode: string;
  name: string;
  /** CBS codes of the municipalities that contract it. */
  municipalities: string[];
  /** Referral categories it is contracted for (e.g. maatwerk, lichtere-zorg). */
  productCategories: string[];
  /** Where notifications about its referrals go; none when absent. */
  webhookUrl: string | null;
  /** Whether a webhook secret is set; the secret itself is never read back. */
  hasWebhookSecret: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProviderChanges {
  name?: string;
  municipalities?: string[];
  productCategories?: string[];
  webhookUrl?: string | null;
  webhookSecret?: string | null;
}

const migrations: Migration[] = [
  {
    version: 1,
    name: 'providers',
    sql: `
      CREATE TABLE providers (
        agb_code           text        PRIMARY KEY,
        name               text        NOT NULL,
        municipalities     text[]      NOT NULL,
        product_categories text[]      NOT NULL,
        webhook_url        text,
        webhook_secret     text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        updated_by         text        NOT NULL
      );
    `,
  },
];

interface ProviderRow {
  agb_code: string;
  name: string;
  municipalities: string[];
  product_categories: string[];
  webhook_url: string | null;
  has_secret: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `agb_code, name, municipalities, product_categories, webhook_url, webhook_secret IS NOT NULL AS has_secret,
  created_at, updated_at`;

export class ProviderAlreadyRegisteredError extends Error {}

export class ProviderRegistry {
  constructor(private readonly db: SqlDatabase) {}

  async prepare(): Promise<void> {
    await runMigrations(this.db, 'providers', migrations);
  }

  async register(provider: Required<Omit<ProviderChanges, 'webhookUrl' | 'webhookSecret'>> & ProviderChanges & { agbCode: string }, by: string): Promise<Provider> {
    const { rows } = await this.db.query<ProviderRow>(
      `INSERT INTO providers (agb_code, name, municipalities, product_categories, webhook_url, webhook_secret, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [provider.agbCode, provider.name, provider.municipalities, provider.productCategories, provider.webhookUrl ?? null, provider.webhookSecret ?? null, by],
    );
    if (rows.length === 0) throw new ProviderAlreadyRegisteredError(`Provider ${provider.agbCode} is already registered`);
    return toProvider(rows[0]);
  }

  async update(agbCode: string, changes: ProviderChanges, by: string): Promise<Provider | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [agbCode, by];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.name !== undefined) set('name', changes.name);
    if (changes.municipalities !== undefined) set('municipalities', changes.municipalities);
    if (changes.productCategories !== undefined) set('product_categories', changes.productCategories);
    if (changes.webhookUrl !== undefined) set('webhook_url', changes.webhookUrl);
    if (changes.webhookSecret !== undefined) set('webhook_secret', changes.webhookSecret);
    const { rows } = await this.db.query<ProviderRow>(
      `UPDATE providers SET ${[...sets, 'updated_at = now()', 'updated_by = $2'].join(', ')} WHERE agb_code = $1 RETURNING ${COLUMNS}`,
      params,
    );
    return rows[0] === undefined ? undefined : toProvider(rows[0]);
  }

  async get(agbCode: string): Promise<Provider | undefined> {
    const { rows } = await this.db.query<ProviderRow>(`SELECT ${COLUMNS} FROM providers WHERE agb_code = $1`, [agbCode]);
    return rows[0] === undefined ? undefined : toProvider(rows[0]);
  }

  async list(municipality?: string): Promise<Provider[]> {
    const { rows } = await this.db.query<ProviderRow>(
      `SELECT ${COLUMNS} FROM providers WHERE $1::text IS NULL OR $1 = ANY(municipalities) ORDER BY name, agb_code`,
      [municipality ?? null],
    );
    return rows.map(toProvider);
  }

  /** The webhook of a provider with its secret, for signing notifications; never for API answers. */
  async webhookOf(agbCode: string): Promise<{ url: string; secret: string | null } | undefined> {
    const { rows } = await this.db.query<{ webhook_url: string | null; webhook_secret: string | null }>(
      'SELECT webhook_url, webhook_secret FROM providers WHERE agb_code = $1',
      [agbCode],
    );
    const row = rows[0];
    return row?.webhook_url ? { url: row.webhook_url, secret: row.webhook_secret } : undefined;
  }
}

function toProvider(row: ProviderRow): Provider {
  return {
    agbCode: row.agb_code,
    name: row.name,
    municipalities: row.municipalities,
    productCategories: row.product_categories,
    webhookUrl: row.webhook_url,
    hasWebhookSecret: row.has_secret,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
