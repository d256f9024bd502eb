import { createTempDir, openInMemoryPGlite, TempDir } from '@casusregie/test-support';
import { DataDirectoryInUseError, PGliteDatabase } from './pglite-database';

// Each case starts PGlite on a directory (initdb in WebAssembly) once or twice: some 4 s on a quiet machine, but over
// 30 s seen in CI while the other jest worker and PostgreSQL held both cores. The limit guards against a hang, not speed.
jest.setTimeout(180_000);

describe('PGliteDatabase in a data directory', () => {
  // One directory for the file: the first case creates the cluster in it (initdb, the slow part), the others open it
  // again, which is what they are about.
  let dir: TempDir;
  beforeAll(() => (dir = createTempDir()));
  afterAll(() => dir.remove());

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

describe('PGliteDatabase from an image', () => {
  it('starts in memory with the tables and rows of the database the image was dumped from, and apart from it', async () => {
    const source = await openInMemoryPGlite();
    const notes = async (db: PGliteDatabase) => (await db.query<{ text: string }>('SELECT text FROM notes ORDER BY text')).rows.map((r) => r.text);
    await source.exec('CREATE TABLE notes (text text); INSERT INTO notes VALUES ($$imaged$$);');
    const copy = await PGliteDatabase.fromImage(await source.dumpImage());
    try {
      await copy.exec('INSERT INTO notes VALUES ($$the copy only$$)');
      expect(await notes(copy)).toEqual(['imaged', 'the copy only']);
      expect(await notes(source)).toEqual(['imaged']);
    } finally {
      await copy.close();
      await source.close();
    }
  });
});
