import { SqlExecutor, SqlResult } from '@casusregie/sql';

/** column name → SQL type, in table order */
export type Columns = Record<string, string>;

/**
 * Many rows in one statement: the rows travel as one JSON parameter and jsonb_to_recordset types them, so a batch
 * costs one round trip per table instead of one per row. `suffix` is appended to the statement (e.g. `ON CONFLICT DO
 * NOTHING`, `RETURNING …`). Rows are inserted in the order given.
 */
export async function insertRows<Row = Record<string, unknown>>(
  tx: SqlExecutor,
  table: string,
  rows: readonly object[],
  columns: Columns,
  suffix = '',
): Promise<SqlResult<Row>> {
  if (rows.length === 0) return { rows: [], affectedRows: 0 };
  const names = Object.keys(columns);
  const definition = names.map((name) => `${name} ${columns[name]}`).join(', ');
  return tx.query<Row>(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${definition}) ${suffix}`,
    [JSON.stringify(rows)],
  );
}

/**
 * `insertRows` that replaces the row of the same primary key (`key`, its columns) where there is one. A key may occur
 * only once among `rows`.
 */
export function upsertRows<Row = Record<string, unknown>>(
  tx: SqlExecutor,
  table: string,
  rows: readonly object[],
  columns: Columns,
  key: readonly string[],
  suffix = '',
): Promise<SqlResult<Row>> {
  const updated = Object.keys(columns).filter((name) => !key.includes(name));
  const set = updated.map((name) => `${name} = EXCLUDED.${name}`).join(', ');
  return insertRows<Row>(tx, table, rows, columns, `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set} ${suffix}`);
}

/** Deletes the rows whose key columns (`key`: column name → SQL type) equal one of `keys`, in one statement. */
export async function deleteRows(tx: SqlExecutor, table: string, keys: readonly object[], key: Columns): Promise<void> {
  if (keys.length === 0) return;
  const names = Object.keys(key);
  const definition = names.map((name) => `${name} ${key[name]}`).join(', ');
  await tx.query(
    `DELETE FROM ${table} WHERE (${names.join(', ')}) IN (SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${definition}))`,
    [JSON.stringify(keys)],
  );
}
