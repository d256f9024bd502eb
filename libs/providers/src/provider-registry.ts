import { MasterKey, SecretBox } from '@casusregie/config';
import { Migration, runMigrations, SqlDatabase } from '@casusregie/sql';

/**
 * One municipality's contract with a care provider (zorgaanbieder), known by AGB code. Everything in it is the
 * municipality's own: the name it knows the provider by, what it buys, and where notifications about its referrals
 * go. Another municipality contracting the same provider has a contract of its own, which this one never sees or
 * changes. Configuration kept by the municipality's admins, not a fact of a case: a plain table, with who changed it
 * last.
 */
export interface ProviderContract {
  agbCode: string;
  /** CBS code of the contracting municipality. */
  municipality: string;
  name: string;
  /** Referral categories it is contracted for (e.g. maatwerk, lichtere-zorg). */
  productCategories: string[];
  /** Where notifications about this municipality's referrals go; none when absent. */
  webhookUrl: string | null;
  /** Whether a webhook secret is set; the secret itself is never read back. */
  hasWebhookSecret: boolean;
  /** Whether a webhook `auth` value (the Authorization header of each delivery) is set; never read back either. */
  hasWebhookAuth: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ContractChanges {
  name?: string;
  productCategories?: string[];
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  webhookAuth?: string | null;
}

export type ContractTerms = Required<Pick<ContractChanges, 'name' | 'productCategories'>> &
  ContractChanges & { agbCode: string; municipality: string };

/** The webhook of one contract, its secret and auth opened: for sending notifications, never for API answers. */
export interface ContractWebhook {
  url: string;
  secret: string | null;
  auth: string | null;
}

const MIGRATIONS: readonly Migration[] = [
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
  {
    version: 2,
    name: 'a contract per municipality, webhook secrets sealed',
    // Version 1 kept one row per provider for every municipality, so any admin changed every municipality's terms.
    // Each municipality that contracted a provider gets a contract with the provider's name, categories and webhook
    // as they were. The clear-text secret waits in clear_webhook_secret until prepare() seals it (SQL has no key).
    sql: `
      CREATE TABLE provider_contracts (
        agb_code            text        NOT NULL,
        municipality        text        NOT NULL,
        name                text        NOT NULL,
        product_categories  text[]      NOT NULL,
        webhook_url         text,
        webhook_secret      text,
        clear_webhook_secret text,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        updated_by          text        NOT NULL,
        PRIMARY KEY (municipality, agb_code)
      );
      INSERT INTO provider_contracts
        (agb_code, municipality, name, product_categories, webhook_url, clear_webhook_secret, created_at, updated_at, updated_by)
        SELECT p.agb_code, m.municipality, p.name, p.product_categories, p.webhook_url, p.webhook_secret, p.created_at, p.updated_at, p.updated_by
          FROM providers p CROSS JOIN LATERAL unnest(p.municipalities) AS m(municipality)
        ON CONFLICT DO NOTHING;
      DROP TABLE providers;
    `,
  },
  {
    version: 3,
    name: 'a webhook auth value, sealed',
    // The Authorization header a ZGW notificaties receiver expects (its abonnement's `auth`), sealed like the secret.
    sql: `ALTER TABLE provider_contracts ADD COLUMN webhook_auth text;`,
  },
];

interface ContractRow {
  agb_code: string;
  municipality: string;
  name: string;
  product_categories: string[];
  webhook_url: string | null;
  has_secret: boolean;
  has_auth: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `agb_code, municipality, name, product_categories, webhook_url, webhook_secret IS NOT NULL AS has_secret,
  webhook_auth IS NOT NULL AS has_auth, created_at, updated_at`;

export class ProviderAlreadyRegisteredError extends Error {}

/**
 * The municipalities' contracts with care providers. Every read and write names the municipality, so an admin's
 * query can only ever reach their own municipality's contracts. Webhook secrets are sealed under a key derived from
 * the master key, bound to their contract and field: a dump of the table shows none. So are the webhooks' `auth`
 * values.
 */
export class ProviderRegistry {
  private readonly secrets: SecretBox;

  constructor(
    private readonly db: SqlDatabase,
    masterKey: MasterKey,
  ) {
    this.secrets = masterKey.secretBox('provider-webhook-secrets');
  }

  async prepare(): Promise<void> {
    await runMigrations(this.db, 'providers', MIGRATIONS);
    await this.sealClearSecrets();
  }

  async register(terms: ContractTerms, by: string): Promise<ProviderContract> {
    const { agbCode, municipality } = terms;
    const { rows } = await this.db.query<ContractRow>(
      `INSERT INTO provider_contracts (agb_code, municipality, name, product_categories, webhook_url, webhook_secret, webhook_auth, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        agbCode,
        municipality,
        terms.name,
        terms.productCategories,
        terms.webhookUrl ?? null,
        this.sealed(agbCode, municipality, terms.webhookSecret),
        this.sealed(agbCode, municipality, terms.webhookAuth, 'webhook_auth'),
        by,
      ],
    );
    if (rows.length === 0) throw new ProviderAlreadyRegisteredError(`Provider ${agbCode} is already registered for ${municipality}`);
    return toContract(rows[0]);
  }

  /** Changes the municipality's contract; undefined when it has none with this provider. */
  async update(agbCode: string, municipality: string, changes: ContractChanges, by: string): Promise<ProviderContract | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [agbCode, municipality, by];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.name !== undefined) set('name', changes.name);
    if (changes.productCategories !== undefined) set('product_categories', changes.productCategories);
    if (changes.webhookUrl !== undefined) {
      set('webhook_url', changes.webhookUrl);
      // A credential goes only to the address it was given for: moving the webhook elsewhere (or removing it) forgets
      // the secret and the auth value unless this same change gives them anew. Otherwise whoever may change the URL
      // could have the provider's Authorization value sent to a server of their own. (SET sees the old row.)
      const moved = `webhook_url IS DISTINCT FROM $${params.length}`;
      if (changes.webhookSecret === undefined) {
        sets.push(`webhook_secret = CASE WHEN ${moved} THEN NULL ELSE webhook_secret END`);
        sets.push(`clear_webhook_secret = CASE WHEN ${moved} THEN NULL ELSE clear_webhook_secret END`);
      }
      if (changes.webhookAuth === undefined) sets.push(`webhook_auth = CASE WHEN ${moved} THEN NULL ELSE webhook_auth END`);
    }
    if (changes.webhookSecret !== undefined) {
      set('webhook_secret', this.sealed(agbCode, municipality, changes.webhookSecret));
      sets.push('clear_webhook_secret = NULL');
    }
    if (changes.webhookAuth !== undefined) set('webhook_auth', this.sealed(agbCode, municipality, changes.webhookAuth, 'webhook_auth'));
    const { rows } = await this.db.query<ContractRow>(
      `UPDATE provider_contracts SET ${[...sets, 'updated_at = now()', 'updated_by = $3'].join(', ')}
        WHERE agb_code = $1 AND municipality = $2 RETURNING ${COLUMNS}`,
      params,
    );
    return rows[0] === undefined ? undefined : toContract(rows[0]);
  }

  /** Ends the municipality's contract; false when it had none with this provider. */
  async end(agbCode: string, municipality: string): Promise<boolean> {
    const { affectedRows } = await this.db.query('DELETE FROM provider_contracts WHERE agb_code = $1 AND municipality = $2', [agbCode, municipality]);
    return affectedRows === 1;
  }

  async get(agbCode: string, municipality: string): Promise<ProviderContract | undefined> {
    const { rows } = await this.db.query<ContractRow>(`SELECT ${COLUMNS} FROM provider_contracts WHERE agb_code = $1 AND municipality = $2`, [
      agbCode,
      municipality,
    ]);
    return rows[0] === undefined ? undefined : toContract(rows[0]);
  }

  /** The municipality's contracts by name (then AGB code): `limit` of them after `after` when given, else all. */
  async list(municipality: string, page?: { after?: { name: string; agbCode: string }; limit: number }): Promise<ProviderContract[]> {
    const after = page?.after;
    const { rows } = await this.db.query<ContractRow>(
      `SELECT ${COLUMNS} FROM provider_contracts
        WHERE municipality = $1 AND ($2::text IS NULL OR (name, agb_code) > ($2::text, $3::text))
        ORDER BY name, agb_code LIMIT $4`,
      [municipality, after?.name ?? null, after?.agbCode ?? null, page?.limit ?? null],
    );
    return rows.map(toContract);
  }

  /**
   * The webhook of the municipality's contract with the provider, for notifications about that municipality's
   * referrals; undefined without a contract or a webhook. Another municipality's webhook for the same provider is
   * never used.
   */
  async webhookOf(agbCode: string, municipality: string): Promise<ContractWebhook | undefined> {
    const { rows } = await this.db.query<{ webhook_url: string | null; webhook_secret: string | null; webhook_auth: string | null }>(
      'SELECT webhook_url, webhook_secret, webhook_auth FROM provider_contracts WHERE agb_code = $1 AND municipality = $2',
      [agbCode, municipality],
    );
    const row = rows[0];
    if (!row?.webhook_url) return undefined;
    const open = (sealed: string | null, field: SealedField) => (sealed === null ? null : this.secrets.open(sealed, secretContext(agbCode, municipality, field)));
    return { url: row.webhook_url, secret: open(row.webhook_secret, 'webhook_secret'), auth: open(row.webhook_auth, 'webhook_auth') };
  }

  private sealed(agbCode: string, municipality: string, secret: string | null | undefined, field: SealedField = 'webhook_secret'): string | null {
    return secret === undefined || secret === null ? null : this.secrets.seal(secret, secretContext(agbCode, municipality, field));
  }

  /**
   * Seals what migration 2 brought over in clear text. Idempotent, and safe when several processes start at once:
   * a row is only changed while its clear secret is still there.
   */
  private async sealClearSecrets(): Promise<void> {
    const { rows } = await this.db.query<{ agb_code: string; municipality: string; clear_webhook_secret: string }>(
      'SELECT agb_code, municipality, clear_webhook_secret FROM provider_contracts WHERE clear_webhook_secret IS NOT NULL',
    );
    for (const row of rows) {
      await this.db.query(
        `UPDATE provider_contracts SET webhook_secret = $3, clear_webhook_secret = NULL
          WHERE agb_code = $1 AND municipality = $2 AND clear_webhook_secret IS NOT NULL`,
        [row.agb_code, row.municipality, this.sealed(row.agb_code, row.municipality, row.clear_webhook_secret)],
      );
    }
  }
}

type SealedField = 'webhook_secret' | 'webhook_auth';

/** The authenticated data of a sealed webhook secret or auth value: it opens only as this field of this contract. */
function secretContext(agbCode: string, municipality: string, field: SealedField): string {
  return `provider_contracts:${municipality}:${agbCode}:${field}`;
}

function toContract(row: ContractRow): ProviderContract {
  return {
    agbCode: row.agb_code,
    municipality: row.municipality,
    name: row.name,
    productCategories: row.product_categories,
    webhookUrl: row.webhook_url,
    hasWebhookSecret: row.has_secret,
    hasWebhookAuth: row.has_auth,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
