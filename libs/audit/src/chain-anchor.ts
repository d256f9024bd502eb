import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Redis from 'ioredis';
import { AppConfig } from '@casusregie/config';
import { redisOptions, RedisTarget } from '@casusregie/queue';
import { ChainLink } from './chain-link';

/** A chain link kept apart from the database, with a tag that only a holder of the key can make (see ProcessingLogKey). */
export interface ChainAnchor extends ChainLink {
  tag: string;
}

const ANCHOR = /^(\d{1,15}):([0-9a-f]{64}):([0-9a-f]{64})$/;

function parseAnchor(text: string): ChainAnchor | undefined {
  const match = ANCHOR.exec(text.trim());
  return match === null ? undefined : { seq: Number(match[1]), mac: match[2], tag: match[3] };
}

function formatAnchor(anchor: ChainAnchor): string {
  return `${anchor.seq}:${anchor.mac}:${anchor.tag}`;
}

/**
 * Where the head of the chain is kept apart from the database, one anchor per slot (a chain: see
 * ProcessingLogKey.anchorSlot). `advance` only ever moves an anchor forward, so writers that finish out of order
 * leave the latest.
 */
export interface ChainAnchorStore {
  /** For messages: where the anchor is kept (never a password). */
  readonly description: string;
  /** The anchor, or undefined when there is none; a stored text that is no anchor reads as one with an empty tag. */
  read(slot: string): Promise<ChainAnchor | undefined>;
  advance(slot: string, anchor: ChainAnchor): Promise<void>;
  /** Sets the anchor whatever it was: for an operator who accepted the table as it is (verify --reanchor). */
  replace(slot: string, anchor: ChainAnchor): Promise<void>;
  close(): Promise<void>;
}

/** Redis when the deployment has it (REDIS_URL), else a file in DATA_DIR. */
export function openChainAnchorStore(config: Pick<AppConfig, 'redisUrl' | 'redisKeyPrefix' | 'dataDir'>): ChainAnchorStore {
  return config.redisUrl !== undefined
    ? new RedisAnchorStore({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix })
    : new FileAnchorStore(config.dataDir);
}

// Compare and set in one step: the anchor only moves to a later record.
const ADVANCE = `
local current = redis.call('GET', KEYS[1])
if current then
  local seq = tonumber(string.match(current, '^(%d+):'))
  if seq and seq >= tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

export class RedisAnchorStore implements ChainAnchorStore {
  readonly description = 'Redis (REDIS_URL)';
  private readonly redis: Redis;
  private readonly connected: Promise<void>;

  constructor(private readonly target: RedisTarget) {
    // As a producer: a command fails at once while Redis is away, and writing the log never waits for it.
    this.redis = new Redis({ ...redisOptions(target.url, 'producer'), lazyConnect: true });
    // Without a listener ioredis reports every reconnect on stderr; the callers report failed commands.
    this.redis.on('error', () => undefined);
    this.connected = this.redis.connect().catch(() => undefined);
  }

  async read(slot: string): Promise<ChainAnchor | undefined> {
    await this.connected;
    const text = await this.redis.get(anchorRedisKey(this.target.keyPrefix, slot));
    return text === null ? undefined : (parseAnchor(text) ?? { seq: 0, mac: '', tag: '' });
  }

  async advance(slot: string, anchor: ChainAnchor): Promise<void> {
    await this.connected;
    await this.redis.eval(ADVANCE, 1, anchorRedisKey(this.target.keyPrefix, slot), anchor.seq, formatAnchor(anchor));
  }

  async replace(slot: string, anchor: ChainAnchor): Promise<void> {
    await this.connected;
    await this.redis.set(anchorRedisKey(this.target.keyPrefix, slot), formatAnchor(anchor));
  }

  async close(): Promise<void> {
    await this.connected;
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The Redis key of a slot's anchor, beside the queues (under the same REDIS_KEY_PREFIX). */
export function anchorRedisKey(keyPrefix: string, slot: string): string {
  return `${keyPrefix}:processing-log-anchor:${slot}`;
}

/**
 * A file per slot in DATA_DIR, for deployments without Redis. One process writes it (the embedded database allows no
 * other); it is replaced whole (write, then rename), so a reader never sees half an anchor.
 */
export class FileAnchorStore implements ChainAnchorStore {
  readonly description: string;

  constructor(private readonly directory: string) {
    this.description = `the file processing-log-anchor-<slot> in DATA_DIR (${directory})`;
  }

  async read(slot: string): Promise<ChainAnchor | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(slot), 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
    return parseAnchor(text) ?? { seq: 0, mac: '', tag: '' };
  }

  async advance(slot: string, anchor: ChainAnchor): Promise<void> {
    const current = await this.read(slot);
    if (current !== undefined && current.seq >= anchor.seq) return;
    await this.replace(slot, anchor);
  }

  async replace(slot: string, anchor: ChainAnchor): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const path = this.pathOf(slot);
    const partial = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(partial, `${formatAnchor(anchor)}\n`, { mode: 0o600 });
    await rename(partial, path);
  }

  async close(): Promise<void> {}

  private pathOf(slot: string): string {
    return join(this.directory, `processing-log-anchor-${slot}`);
  }
}
