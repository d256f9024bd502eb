import { createTempDir, TempDir } from '@casusregie/test-support';
import { DataDirectoryInUseError, PGliteDatabase } from './pglite-database';

// Each case starts PGlite on a directory (initdb in WebAssembly) once or twice: some 4 s on a quiet machine, but over
// 30 s seen in CI while the other jest worker and PostgreSQL held both cores. The limit guards against a hang, not speed.
jest.setTimeout(180_000);

describe('PGliteDatabase in a data directory', () => {
  let dir: TempDir;
  beforeEach(() => (dir = createTempDir()));
  afterEach(() => dir.remove());

  it('keeps its data across close and open', async () => {
    const first = await PGliteDatabase.open(dir.path);
    await first.exec('CREATE TABLE notes (text text); INSERT INTO notes VALUES ($$kept$$);');
    await first.close();

    const second = await PGliteDatabase.open(dir.path);
    expect((await second.query<{ text: string }>('SELECT text FROM notes')).rows).toEqual([{ text: 'kept' }]);
    await second.close();
  });

  it('refuses a second opener while the first has it open, and admits one after close', async () => {
    const first = await PGliteDatabase.open(dir.path);
    await expect(PGliteDatabase.open(dir.path)).rejects.toBeInstanceOf(DataDirectoryInUseError);
    await first.close();
    const again = await PGliteDatabase.open(dir.path);
    await again.close();
  });

  it('rolls a failed transaction back', async () => {
    const db = await PGliteDatabase.open(dir.path);
    await db.exec('CREATE TABLE items (n int)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO items VALUES (1)');
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect((await db.query('SELECT * FROM items')).rows).toEqual([]);
    await db.close();
  });
});
