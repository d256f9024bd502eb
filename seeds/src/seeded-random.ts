/**
 * A small deterministic random source for generated data (mulberry32): the same seed gives the same households.
 * Written here rather than taken from pure-rand, whose v8 exposes only subpath exports that this project's
 * TypeScript module resolution (node10, for CommonJS NestJS) cannot see.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * The source of item `index` of a run seeded with `seed`. Each household draws from its own source, so that
   * households written side by side (in any interleaving) come out the same as written one after another.
   */
  static forItem(seed: number, index: number): SeededRandom {
    // murmur3's finaliser spreads neighbouring (seed, index) pairs over unrelated starting states.
    let h = Math.imul(seed >>> 0, 0x9e3779b1) ^ (index >>> 0);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return new SeededRandom(h ^ (h >>> 16));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from `from` to `to`, both included. */
  int(from: number, to: number): number {
    return from + Math.floor(this.next() * (to - from + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(0, list.length - 1)];
  }

  /** True in `percent` out of 100 draws. */
  chance(percent: number): boolean {
    return this.int(1, 100) <= percent;
  }

  /** A version-4-shaped UUID drawn from this source, so that the same seed gives the same ids of people and cases. */
  uuid(): string {
    const hex = Array.from({ length: 8 }, () => this.int(0, 0xffff).toString(16).padStart(4, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
