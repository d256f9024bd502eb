import { ProcessingLog } from '@casusregie/audit';
import { loadConfig } from '@casusregie/config';
import { describeStartupError } from '@casusregie/runtime';
import { openStorage } from '@casusregie/storage';

/**
 * npm run processing-log:verify — recomputes the processing log's hash chain. Exit 0 when every record follows from
 * its content and the one before; exit 1, naming the first record that does not, when a record was changed or removed.
 */
async function main(): Promise<number> {
  const storage = await openStorage(loadConfig());
  try {
    const log = new ProcessingLog(storage.readModels);
    await log.prepare();
    const check = await log.verify();
    if (check.valid) {
      process.stdout.write(`processing log intact: ${check.records} records\n`);
      return 0;
    }
    process.stdout.write(`processing log BROKEN at record ${check.brokenAt} (records before it are intact: ${check.records})\n`);
    return 1;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`casusregie processing-log:verify: ${describeStartupError(error)}\n`);
    process.exit(2);
  },
);
