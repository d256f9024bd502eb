import { SqlExecutor } from '@casusregie/sql';

/** column name → SQL type, in table order */
export type Columns = Record<string, string>;

/**
 * Many rows in one statement: the rows travel as one JSON parameter and jsonb_to_recordset types them, so a batch
 * costs one round trip per table instead of one per row. `suffix` is appended to the statement (e.g. `ON CONFLICT DO
 * NOTHING`). Rows are inserted in the order given.
 */
export async function insertRows(tx: SqlExecutor, table: string, rows: readonly object[], columns: Columns, suffix = ''): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const definition = names.map((name) => `${name} ${columns[name]}`).join(', ');
  await tx.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${definition}) ${suffix}`,
    [JSON.stringify(rows)],
  );
}
