import { PGliteDatabase } from '@casusregie/sql';
import { openInMemoryPGlite } from '@casusregie/test-support';
import { eventStoreContract } from '../testing/event-store-contract';
import { SqlEventStore } from './sql-event-store';

let db: PGliteDatabase;

eventStoreContract('PGlite (embedded)', {
  refusesReusedEventIds: true,
  async open() {
    db = await openInMemoryPGlite();
    return SqlEventStore.open(db);
  },
  async close() {
    await db.close();
  },
});
