/**
 * Runs tasks with the same key one after another, tasks with different keys side by side. Commands on one household
 * in this process queue up here instead of racing to the event store and retrying on every conflict; conflicts
 * with other processes are still caught by the store's expected version.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // The last task for a key removes the entry, so the map does not grow with every household ever touched.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
