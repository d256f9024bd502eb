import { setImmediate as nextTurn } from 'node:timers/promises';
import { CatchUpRunner } from './catch-up-runner';
import { ProjectionTrigger } from './projection-trigger';

/**
 * Embedded mode (no REDIS_URL): the projections run in the API process, on the same checkpoints the projector
 * would use. A notification starts a catch-up soon; one arriving while a catch-up runs starts another after it;
 * a sweep every few seconds covers anything else.
 *
 * The API's commands share the process, and in embedded mode also the one PGlite connection: a catch-up goes in small
 * batches and gives the event loop a turn after each, so that commands get in between instead of waiting for the
 * whole catch-up.
 */
export class InProcessProjections<P extends { readonly name: string } = { readonly name: string }> implements ProjectionTrigger {
  private running: Promise<void> | undefined;
  private again = false;
  private sweep: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly runner: CatchUpRunner<P>,
    private readonly projections: readonly P[],
    private readonly onError: (projection: string, error: unknown) => void,
    private readonly sweepMs = 2000,
    private readonly batchSize = 100,
  ) {}

  start(): void {
    this.sweep = setInterval(() => this.notify(), this.sweepMs);
    this.sweep.unref();
    this.notify();
  }

  notify(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.catchUpAll().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.notify();
      }
    });
  }

  /** Waits until every projection has applied everything appended so far (used by tests and by shutdown). */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    await this.settle();
  }

  private async catchUpAll(): Promise<void> {
    for (const projection of this.projections) {
      try {
        // A short batch means the end of the log as far as can be read now (on PostgreSQL, events of transactions
        // younger than one still open wait); whatever is left comes with the next notification or sweep.
        for (;;) {
          const { processed } = await this.runner.catchUp(projection, this.batchSize, 1);
          await nextTurn();
          if (processed < this.batchSize) break;
        }
      } catch (error) {
        this.onError(projection.name, error);
      }
    }
  }
}
