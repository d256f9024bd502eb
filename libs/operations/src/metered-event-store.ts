import { ConcurrencyConflictError, EventStore } from '@casusregie/event-store';
import { Metrics } from './metrics';

/**
 * The event store with its appends counted: events by type, and the appends that lost a race to another writer.
 * Everything else is forwarded untouched, so the port can grow without this wrapper having to know.
 */
export function meteredEventStore(store: EventStore, metrics: Metrics): EventStore {
  const appendToStream: EventStore['appendToStream'] = async (streamId, events, options) => {
    try {
      const result = await store.appendToStream(streamId, events, options);
      for (const event of result.events) metrics.eventsAppended.inc({ type: event.type });
      return result;
    } catch (error) {
      if (error instanceof ConcurrencyConflictError) metrics.concurrencyConflicts.inc();
      throw error;
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') return appendToStream;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
