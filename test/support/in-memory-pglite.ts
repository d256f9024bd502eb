import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGliteDatabase } from '@casusregie/sql';
import { builtDir } from './built-app';

/**
 * An empty in-memory PGlite for a test, started from an image of a fresh cluster instead of running initdb: about
 * 2 s of CPU instead of 8 in a test file of its own. The image is made by the first test of the run that asks for
 * one, into the run's own directory (jest-global-setup.ts, removed at the end of the run).
 */
export async function openInMemoryPGlite(): Promise<PGliteDatabase> {
  const image = join(dirname(builtDir()), 'pglite-fresh-cluster.tar');
  if (existsSync(image)) return PGliteDatabase.fromImage(new Blob([readFileSync(image)]));
  const fresh = await PGliteDatabase.open();
  // Written beside it and renamed, so that a worker never reads half an image; two workers that both make one both
  // make a whole one.
  const partial = `${image}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await (await fresh.dumpImage()).arrayBuffer()));
  renameSync(partial, image);
  return fresh;
}
