// Only what reads the command line is imported here; the stores load once the flags are good (runCli).
import type { AnchorClaim, ChainCheck, ProcessingLog } from '@casusregie/audit';
import { ChainLink, formatLink, parseLink } from '@casusregie/audit/chain-link';
import { parseCommandLine, UsageError } from '@casusregie/config/command-line';
import { runCli } from '@casusregie/runtime/run-cli';

const USAGE = `Usage: npm run processing-log:verify [-- --anchor <seq>:<mac> ...] [--reanchor]

Recomputes the MAC of every record of the processing log and checks the table against the anchor kept apart from
the database (Redis with REDIS_URL, else a file in DATA_DIR) and against every --anchor given.

  --anchor <seq>:<mac>  a head of the chain kept elsewhere, e.g. from a "processing log anchor" line of the API's log
  --reanchor            after an incident was looked into (a restored backup): move the stored anchor to the head
                        of the table as it is, if every record's MAC holds
  --help                show this text

Exit 0: every record from the first to the last is as the API wrote it, none is missing in between, and the table
passes through every anchor (no record up to the latest anchor was removed). Exit 1: a finding, or no anchor to
check the end of the table against. Exit 2: the check could not be made.`;

function parse(args: readonly string[]): { anchors: ChainLink[]; reanchor: boolean } | 'help' {
  const values = parseCommandLine(args, { anchor: { type: 'string', multiple: true }, reanchor: { type: 'boolean', default: false } });
  if (values === 'help') return 'help';
  const anchors = (values.anchor ?? []).map((text) => {
    const link = parseLink(text);
    if (link === undefined || link.seq === 0) throw new UsageError('--anchor must be <seq>:<mac>, a record number and 64 hex characters');
    return link;
  });
  return { anchors, reanchor: values.reanchor };
}

/**
 * npm run processing-log:verify — what it proves, and what not: see USAGE above and the threat model in
 * libs/audit/src/processing-log.ts.
 */
async function main(args: readonly string[]): Promise<number | 'help'> {
  const options = parse(args);
  if (options === 'help') return 'help';
  const [{ loadConfig }, { openStorage }, { openChainAnchorStore, ProcessingLog, ProcessingLogKey }] = await Promise.all([
    import('@casusregie/config'),
    import('@casusregie/storage'),
    import('@casusregie/audit'),
  ]);
  const config = loadConfig();
  const storage = await openStorage(config);
  const anchors = openChainAnchorStore(config);
  try {
    const log = new ProcessingLog(storage.readModels, { key: ProcessingLogKey.of(storage.masterKey), anchors });
    await log.prepare();
    const stored = await log.storedAnchor();
    const claims: AnchorClaim[] = [...(stored === undefined ? [] : [stored]), ...options.anchors.map((link) => ({ link, source: '--anchor' }))];
    const check = await log.verify({ anchors: claims });
    const code = report(check, claims, anchors.description);
    if (!options.reanchor) return code;
    return reanchor(log, check, anchors.description);
  } finally {
    await anchors.close();
    await storage.close();
  }
}

function report(check: ChainCheck, claims: readonly AnchorClaim[], store: string): number {
  const head = check.head === undefined ? '' : `, head ${formatLink(check.head)}`;
  if (!check.valid) {
    for (const finding of check.findings) process.stdout.write(`processing log ${finding}\n`);
    process.stdout.write(check.records === 0 ? 'no record of the processing log is intact\n' : `records 1 to ${check.records} are intact${head}\n`);
    return 1;
  }
  if (claims.length > 0) {
    const through = claims.map((claim) => `${claim.source} (record ${claim.link.seq})`).join(' and ');
    process.stdout.write(`processing log intact: ${check.records} records${head}; passes through ${through}\n`);
    return 0;
  }
  if (check.records === 0) {
    process.stdout.write('processing log intact: 0 records\n');
    return 0;
  }
  process.stdout.write(
    `processing log UNANCHORED: the ${check.records} records are intact${head}, but there is no anchor (none in ${store}, none given ` +
      'with --anchor), so records cut off its end would not show\n',
  );
  return 1;
}

async function reanchor(log: ProcessingLog, check: ChainCheck, store: string): Promise<number> {
  if (check.brokenAt !== undefined || check.head === undefined) {
    process.stdout.write('not re-anchored: the anchor only moves to a head whose records all hold their MACs\n');
    return 1;
  }
  await log.reanchor(check.head);
  process.stdout.write(`anchor in ${store} moved to ${formatLink(check.head)}\n`);
  return 0;
}

runCli({ name: 'processing-log:verify', usage: USAGE, failureCode: 2 }, main);
