import { resolve } from 'node:path';
import { BusinessDate, businessDatesFromProblem, DEFAULT_BUSINESS_DATES_FROM } from '@casusregie/domain';
import { DashboardSettings, dashboardSettingsFrom } from './dashboard-settings';
import { NrcSettings, nrcSettingsFrom, publicBaseUrlFrom } from './notification-settings';
import { resolveSecretFiles } from './secret-files';

export type EventStoreKind = 'pglite' | 'postgres' | 'eventstoredb';
const EVENT_STORE_KINDS: readonly EventStoreKind[] = ['pglite', 'postgres', 'eventstoredb'];

/** pino's levels, most to least severe; `silent` writes nothing. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Everything the processes read from the environment, validated once at start-up. */
export interface AppConfig {
  eventStore: EventStoreKind;
  /** PostgreSQL for the event store (EVENT_STORE=postgres) and the read models; PGlite in `dataDir` when absent. */
  databaseUrl?: string;
  /** Redis for the BullMQ queues; without it projections run in-process (embedded mode). */
  redisUrl?: string;
  /**
   * The start of every key casusregie writes in Redis (REDIS_KEY_PREFIX): its queues and the processing log's anchor.
   * Deployments that share one Redis database, and test runs side by side, each take their own.
   */
  redisKeyPrefix: string;
  esdbConnectionString?: string;
  /** Absolute path of the directory for PGlite data and the generated development secret. */
  dataDir: string;
  port: number;
  /** Port of the projector's health endpoint. */
  projectorPort: number;
  /** Requests one client (one token, or one address without a token) may make per minute; 0 switches the limit off. */
  rateLimitPerMinute: number;
  /** The least severe log lines written. */
  logLevel: LogLevel;
  auth: {
    /** HS256 secret; absent in embedded mode until one is generated into `dataDir`. */
    jwtSecret?: string;
    /** RS256 keys from a JWKS endpoint, as an alternative to the shared secret. */
    jwksUrl?: string;
    /** The `iss` every token must carry (AUTH_ISSUER); not checked when absent. */
    issuer?: string;
    /** The audiences a token's `aud` must name one of (AUTH_AUDIENCE, comma-separated); not checked when absent. */
    audience?: string[];
    /**
     * Where the roles are in a token's claims, as a path (AUTH_ROLES_CLAIM `realm_access.roles` → ['realm_access',
     * 'roles']); loadConfig always sets it, a config built in code may leave it out for the default `roles`.
     */
    rolesClaim?: string[];
  };
  /** The browser origins allowed to call the API cross-origin (CORS_ORIGINS); none when empty: no CORS headers at all. */
  corsOrigins: string[];
  /**
   * Base64 of the 32-byte key that wraps every person's data key (PERSONAL_DATA_MASTER_KEY); absent in embedded mode
   * until one is generated into `dataDir`.
   */
  personalDataMasterKey?: string;
  /**
   * How long a process keeps a person's unwrapped data key (PERSONAL_DATA_KEY_CACHE_SECONDS, default 5; 0 = not at
   * all): an erasure in another process takes effect there within this time, in the erasing process at once.
   */
  personalDataKeyCacheSeconds: number;
  /**
   * The first business date the API records (BUSINESS_DATES_FROM): a melding, a step or a correction dated earlier
   * is refused. See libs/domain/src/calendar/date-range.ts.
   */
  businessDatesFrom: BusinessDate;
  /**
   * The projections split by household into partitions, each caught up (and rebuilt) on its own, and into how many
   * (PROJECTION_PARTITIONS, e.g. `household-read-models:2`); a projection not named runs whole.
   */
  projectionPartitions: Record<string, number>;
  /**
   * Where providers reach the API (PUBLIC_BASE_URL, without `/api/v1`, no trailing slash): notifications carry
   * absolute URLs made from it. `http://localhost:<port>` when not set.
   */
  publicBaseUrl: string;
  /** The Open Notificaties that notifications are published to instead of webhooks (NOTIFICATIONS_NRC_*); none when absent. */
  notificationsNrc?: NrcSettings;
  /** The dashboard's login and house style (DASHBOARD_*). */
  dashboard: DashboardSettings;
  /**
   * Small-cell suppression of the management figures (FIGURES_SMALL_CELL_THRESHOLD, default 5): a count from 1 to one
   * less shows as "<5" (libs/domain/src/figures/small-cell-suppression.ts). loadConfig always sets it; a config built
   * in code may leave it out for the default.
   */
  smallCellThreshold?: number;
}

/** The small-cell threshold when none is configured: the "< 5" of domain-research §5.2.2. */
export const DEFAULT_SMALL_CELL_THRESHOLD = 5;

/** A setting that is missing or wrong. The message names the variable and never repeats a secret's value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

export const MIN_JWT_SECRET_LENGTH = 32;

/** The key prefix when REDIS_KEY_PREFIX is not set: the one casusregie always used, so deployments keep their keys. */
export const DEFAULT_REDIS_KEY_PREFIX = 'casusregie';
// BullMQ puts `:` between prefix, queue and key; `{…}` keeps a deployment's keys in one Redis Cluster slot.
const REDIS_KEY_PREFIX = /^[A-Za-z0-9_.:{}-]{1,64}$/;

/** Where the roles are when AUTH_ROLES_CLAIM is not set: a top-level `roles` claim (also Azure AD's app roles). */
export const DEFAULT_ROLES_CLAIM = 'roles';

/**
 * Reads and checks the environment. Throws a {@link ConfigError} for the first bad variable. Every secret may come
 * from a file instead (`AUTH_JWT_SECRET_FILE` and so on, see {@link resolveSecretFiles}).
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = resolveSecretFiles(environment);
  const value = (name: string): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };

  const eventStore = (value('EVENT_STORE') ?? 'pglite') as EventStoreKind;
  if (!EVENT_STORE_KINDS.includes(eventStore)) {
    throw new ConfigError('EVENT_STORE', `must be one of ${EVENT_STORE_KINDS.join(', ')}, got "${value('EVENT_STORE')}"`);
  }

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined) checkUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);
  if (eventStore === 'postgres' && databaseUrl === undefined) {
    throw new ConfigError('DATABASE_URL', 'is required when EVENT_STORE=postgres');
  }

  const redisUrl = value('REDIS_URL');
  if (redisUrl !== undefined) checkUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:']);
  const redisKeyPrefix = value('REDIS_KEY_PREFIX') ?? DEFAULT_REDIS_KEY_PREFIX;
  if (!REDIS_KEY_PREFIX.test(redisKeyPrefix)) {
    throw new ConfigError('REDIS_KEY_PREFIX', `must be 1 to 64 letters, digits or _ - . : { }, got "${redisKeyPrefix}"`);
  }

  const esdbConnectionString = value('ESDB_CONNECTION_STRING');
  if (esdbConnectionString !== undefined) {
    // Only the schemes @eventstore/db-client v6 parses: its `kurrentdb://` successor is another client, and a scheme it
    // cannot parse would fail at start-up as if the server were unreachable.
    checkUrl('ESDB_CONNECTION_STRING', esdbConnectionString, ['esdb:', 'esdb+discover:']);
  }
  if (eventStore === 'eventstoredb' && esdbConnectionString === undefined) {
    throw new ConfigError('ESDB_CONNECTION_STRING', 'is required when EVENT_STORE=eventstoredb');
  }

  const port = portNumber('PORT', value('PORT') ?? '3000');
  const projectorPort = portNumber('PROJECTOR_PORT', value('PROJECTOR_PORT') ?? '3001');
  const rateLimitRaw = value('RATE_LIMIT_PER_MINUTE') ?? '1200';
  if (!/^\d{1,7}$/.test(rateLimitRaw)) throw new ConfigError('RATE_LIMIT_PER_MINUTE', `must be a whole number (0 = off), got "${rateLimitRaw}"`);
  const rateLimitPerMinute = Number(rateLimitRaw);
  const keyCacheRaw = value('PERSONAL_DATA_KEY_CACHE_SECONDS') ?? '5';
  if (!/^\d{1,3}$/.test(keyCacheRaw)) throw new ConfigError('PERSONAL_DATA_KEY_CACHE_SECONDS', `must be a whole number of seconds (0 = off), got "${keyCacheRaw}"`);
  const logLevel = (value('LOG_LEVEL')?.toLowerCase() ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${value('LOG_LEVEL')}"`);

  const jwtSecret = value('AUTH_JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < MIN_JWT_SECRET_LENGTH) {
    throw new ConfigError('AUTH_JWT_SECRET', `must be at least ${MIN_JWT_SECRET_LENGTH} characters long`);
  }
  const jwksUrl = value('AUTH_JWKS_URL');
  if (jwksUrl !== undefined) checkUrl('AUTH_JWKS_URL', jwksUrl, ['https:', 'http:']);
  // Only the embedded default may invent its own secret: a server deployment must be told how tokens are checked.
  if (eventStore !== 'pglite' && jwtSecret === undefined && jwksUrl === undefined) {
    throw new ConfigError('AUTH_JWT_SECRET', `is required (or AUTH_JWKS_URL) when EVENT_STORE=${eventStore}`);
  }

  const issuer = value('AUTH_ISSUER');
  if (issuer !== undefined && /\s/.test(issuer)) throw new ConfigError('AUTH_ISSUER', 'must not contain spaces');
  const audience = listOf(value('AUTH_AUDIENCE'));
  if (audience?.some((entry) => entry === '' || /\s/.test(entry))) {
    throw new ConfigError('AUTH_AUDIENCE', 'must be one audience, or several separated by commas, without spaces or empty entries');
  }
  const rolesClaimRaw = value('AUTH_ROLES_CLAIM') ?? DEFAULT_ROLES_CLAIM;
  const rolesClaim = rolesClaimRaw.split('.');
  if (!rolesClaim.every((segment) => /^[A-Za-z0-9_$:/-]+$/.test(segment))) {
    throw new ConfigError('AUTH_ROLES_CLAIM', `must be a claim name or a dotted path such as realm_access.roles, got "${rolesClaimRaw}"`);
  }
  const corsOrigins = (listOf(value('CORS_ORIGINS')) ?? []).map((origin) => checkOrigin('CORS_ORIGINS', origin));

  const personalDataMasterKey = value('PERSONAL_DATA_MASTER_KEY');
  if (personalDataMasterKey !== undefined) {
    const problem = masterKeyProblem(personalDataMasterKey);
    if (problem !== undefined) throw new ConfigError('PERSONAL_DATA_MASTER_KEY', problem);
  }
  // As with the token secret: processes that share a server database must share the key, so none may invent one.
  if (eventStore !== 'pglite' && personalDataMasterKey === undefined) {
    throw new ConfigError('PERSONAL_DATA_MASTER_KEY', `is required when EVENT_STORE=${eventStore} (32 random bytes in base64: openssl rand -base64 32)`);
  }

  const businessDatesFrom = value('BUSINESS_DATES_FROM') ?? DEFAULT_BUSINESS_DATES_FROM;
  const businessDatesProblem = businessDatesFromProblem(businessDatesFrom);
  if (businessDatesProblem !== undefined) throw new ConfigError('BUSINESS_DATES_FROM', businessDatesProblem);

  // Below 3 the marker names the value ("<2" can only be 1); a whole number from 3 to 1000.
  const thresholdRaw = value('FIGURES_SMALL_CELL_THRESHOLD') ?? String(DEFAULT_SMALL_CELL_THRESHOLD);
  if (!/^\d{1,4}$/.test(thresholdRaw) || Number(thresholdRaw) < 3 || Number(thresholdRaw) > 1000) {
    throw new ConfigError('FIGURES_SMALL_CELL_THRESHOLD', `must be a whole number from 3 to 1000 (a count below it is shown as "<n"), got "${thresholdRaw}"`);
  }

  const projectionPartitions: Record<string, number> = {};
  for (const entry of listOf(value('PROJECTION_PARTITIONS')) ?? []) {
    const match = /^([a-z0-9-]+):([1-9]\d?)$/.exec(entry);
    if (match === null) throw new ConfigError('PROJECTION_PARTITIONS', `must be projection:count pairs separated by commas (count 1 to 99), got "${entry}"`);
    projectionPartitions[match[1]] = Number(match[2]);
  }

  return {
    eventStore,
    databaseUrl,
    redisUrl,
    redisKeyPrefix,
    esdbConnectionString,
    dataDir: resolve(value('DATA_DIR') ?? './data'),
    port,
    projectorPort,
    rateLimitPerMinute,
    logLevel,
    auth: { jwtSecret, jwksUrl, issuer, audience, rolesClaim },
    corsOrigins,
    personalDataMasterKey,
    personalDataKeyCacheSeconds: Number(keyCacheRaw),
    businessDatesFrom,
    projectionPartitions,
    publicBaseUrl: publicBaseUrlFrom(value('PUBLIC_BASE_URL'), port),
    notificationsNrc: nrcSettingsFrom(value),
    smallCellThreshold: Number(thresholdRaw),
    dashboard: dashboardSettingsFrom(value),
  };
}

export const MASTER_KEY_BYTES = 32;

/** Why a master key text is unusable, or undefined: it must be base64 of exactly 32 bytes (AES-256). */
export function masterKeyProblem(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || Buffer.from(text, 'base64').length !== MASTER_KEY_BYTES) {
    return `must be ${MASTER_KEY_BYTES} bytes in base64 (openssl rand -base64 32)`;
  }
  return undefined;
}

function portNumber(variable: string, raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new ConfigError(variable, `must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function checkUrl(variable: string, raw: string, protocols: readonly string[]): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value may hold a password: say what is wrong, not what it was.
    throw new ConfigError(variable, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(variable, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
}

/** The entries of a comma-separated list, trimmed; undefined when the variable is not set. */
function listOf(raw: string | undefined): string[] | undefined {
  return raw?.split(',').map((entry) => entry.trim());
}

/** An origin as browsers send it (`https://host[:port]`, no path or trailing slash), or a ConfigError naming the variable. */
function checkOrigin(variable: string, raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url === undefined || !['https:', 'http:'].includes(url.protocol) || url.origin !== raw) {
    throw new ConfigError(variable, `must be origins such as https://casusregie.example.nl separated by commas (scheme, host and port only), got "${raw}"`);
  }
  return raw;
}

/** host:port of a connection URL, without user or password, for error messages and logs. */
export function describeEndpoint(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}`;
  } catch {
    return 'the configured address';
  }
}
