import { PGliteDatabase } from '@casusregie/sql';
import { eventStoreContract } from '../testing/event-store-contract';
import { SqlEventStore } from './sql-event-store';

let db: PGliteDatabase;

eventStoreContract('PGlite (embedded)', {
  async open() {
    db = await PGliteDatabase.open();
    return SqlEventStore.open(db);
  },
  async close() {
    await db.close();
  },
});
