export * from './event-store';
export * from './errors';
export * from './sql/sql-event-store';
export * from './eventstoredb/eventstoredb-event-store';
