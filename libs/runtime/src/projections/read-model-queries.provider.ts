import { Provider } from '@nestjs/common';
import { SqlDatabase } from '@casusregie/sql';
import { READ_MODELS } from '../runtime.tokens';

/**
 * Nest providers for the queries of read models (plain classes over the read models' database, kept in
 * libs/projections beside their tables): each injectable by its class.
 */
export function readModelQueries(...queries: (new (db: SqlDatabase) => object)[]): Provider[] {
  return queries.map((query) => ({ provide: query, useFactory: (db: SqlDatabase) => new query(db), inject: [READ_MODELS] }));
}
