/**
 * The one shape in which the rest of the code talks SQL, whether the database is a PostgreSQL server (`pg`) or the
 * embedded PGlite. Both speak the same dialect, so the event store and the read models are written once.
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted by the statement (0 for a SELECT on some drivers). */
  affectedRows: number;
}

export interface SqlDatabase extends SqlExecutor {
  /** Which engine is behind this handle: used in health output and benchmark tables, never to branch SQL. */
  readonly kind: 'postgres' | 'pglite';
  /**
   * Whether several transactions can really run at once. PGlite runs one at a time, so tests of concurrent
   * writers only mean something where this is true.
   */
  readonly supportsConcurrentTransactions: boolean;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
