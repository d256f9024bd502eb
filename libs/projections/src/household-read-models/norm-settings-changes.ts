import { MunicipalityNorms, NormSettingsChange } from '@casusregie/domain';
import { SqlExecutor } from '@casusregie/sql';

/**
 * rm_norm_settings: every recorded change of a municipality's norm settings (the NormSettingsChanged events of the
 * `norm-settings-<CBS code>` streams), by municipality and stream version, kept by the household read models'
 * projection in the same transactions as the norm items they changed. rm_norm_settings_applied says which
 * partition of the projection (`slot`) has applied which change: each recomputes its own households, and until it
 * reaches a change in the log it projects its households' facts under the settings before it. (The log's order is
 * not the order of global positions, so "before" cannot be told from a position.)
 */
export const NORM_SETTINGS_MIGRATION_SQL = `
  CREATE TABLE rm_norm_settings (
    municipality   text        NOT NULL,
    version        integer     NOT NULL,
    position       bigint      NOT NULL,
    norm_id        text        NOT NULL,
    effective_from date        NOT NULL,
    settings       jsonb       NOT NULL,
    reason         text        NOT NULL,
    author         text        NOT NULL,
    recorded_at    timestamptz NOT NULL,
    PRIMARY KEY (municipality, version)
  );
  CREATE TABLE rm_norm_settings_applied (
    slot         text    NOT NULL,
    municipality text    NOT NULL,
    version      integer NOT NULL,
    PRIMARY KEY (slot, municipality, version)
  );`;

/** The name under which a partition of the projection records what it applied; the whole projection is one slot. */
export function settingsSlot(scope: { index: number; count: number } | undefined): string {
  return scope === undefined ? 'whole' : `${scope.index}/${scope.count}`;
}

interface ChangeRow {
  municipality: string;
  version: number;
  position: string;
  norm_id: string;
  effective_from: string;
  settings: NormSettingsChange['settings'];
  reason: string;
  author: string;
  recorded_at: Date | string;
}

const CHANGE_COLUMNS = `s.municipality, s.version, s.position::text, s.norm_id, to_char(s.effective_from, 'YYYY-MM-DD') AS effective_from,
  s.settings, s.reason, s.author, s.recorded_at`;

/** The changes one slot of the projection has applied, of every municipality, in the order they were made. */
export async function appliedNormSettingsChanges(db: SqlExecutor, slot: string): Promise<NormSettingsChange[]> {
  const { rows } = await db.query<ChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM rm_norm_settings s JOIN rm_norm_settings_applied a USING (municipality, version)
      WHERE a.slot = $1 ORDER BY s.municipality, s.version`,
    [slot],
  );
  return rows.map(fromRow);
}

/** Records that a slot applied a change (and the change itself, when no other slot did before). */
export async function recordAppliedChange(db: SqlExecutor, slot: string, change: NormSettingsChange): Promise<void> {
  await db.query(
    `INSERT INTO rm_norm_settings (municipality, version, position, norm_id, effective_from, settings, reason, author, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (municipality, version) DO NOTHING`,
    [change.municipality, change.version, change.position, change.normId, change.effectiveFrom, JSON.stringify(change.settings), change.reason, change.author, change.recordedAt],
  );
  await db.query(`INSERT INTO rm_norm_settings_applied (slot, municipality, version) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    slot,
    change.municipality,
    change.version,
  ]);
}

function fromRow(row: ChangeRow): NormSettingsChange {
  return {
    municipality: row.municipality,
    normId: row.norm_id,
    effectiveFrom: row.effective_from,
    settings: row.settings,
    reason: row.reason,
    author: row.author,
    recordedAt: new Date(row.recorded_at).toISOString(),
    version: row.version,
    position: row.position,
  };
}

/** The norms of a municipality with its changes, read for a request (supervisors' figures, the admin's settings). */
export class NormSettingsChanges {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * With every change the projection has applied (by any of its partitions), or only those recorded on or before
   * `knownAt`.
   */
  async municipalityNorms(municipality: string, knownAt?: Date): Promise<MunicipalityNorms> {
    const { rows } = await this.db.query<ChangeRow>(
      `SELECT ${CHANGE_COLUMNS} FROM rm_norm_settings s
        WHERE s.municipality = $1 AND ($2::timestamptz IS NULL OR s.recorded_at <= $2) ORDER BY s.version`,
      [municipality, knownAt?.toISOString() ?? null],
    );
    return new MunicipalityNorms(municipality, rows.map(fromRow));
  }
}
