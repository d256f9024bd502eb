import { randomBytes } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AnchorObserver, formatLink, LegacyChainBrokenError, openChainAnchorStore, ProcessingActivityId, ProcessingLog, ProcessingLogKey } from '@casusregie/audit';
import { Principal, Role } from '@casusregie/auth';
import { AppConfig } from '@casusregie/config';
import { HouseholdState } from '@casusregie/domain';
import { currentRequestContext } from '@casusregie/http';
import { InjectAppConfig, InjectStorage } from '@casusregie/runtime';
import { describeError } from '@casusregie/sql';
import { Storage } from '@casusregie/storage';

/** The data subjects of a household: the household itself and each of its members, by pseudonymous id. */
export function householdSubjects(householdId: string, state?: HouseholdState): string[] {
  return [`household:${householdId}`, ...(state?.members ?? []).map((member) => `member:${member.memberId}`)];
}

/**
 * Writes the processing log for the API: one record per data subject for every read or change of personal data.
 * A request whose processing cannot be logged fails, rather than processing unlogged. The head of the chain is
 * anchored in Redis (or a file in DATA_DIR without it) after every batch and logged at info level
 * (`processing log anchor <seq>:<mac>`), so that a log store outside the database keeps a copy.
 */
@Injectable()
export class ProcessingLogService extends ProcessingLog implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger: Logger;

  constructor(@InjectStorage() storage: Storage, @InjectAppConfig() config: AppConfig) {
    const logger = new Logger('ProcessingLog');
    super(storage.readModels, { key: ProcessingLogKey.of(storage.masterKey), anchors: openChainAnchorStore(config), observer: anchorLog(logger) });
    this.logger = logger;
  }

  async onModuleInit(): Promise<void> {
    await this.prepare();
    try {
      const sealed = await this.sealLegacyRecords();
      if (sealed > 0) this.logger.warn(`Linked the ${sealed} records written before keyed links with the key (their SHA-256 chain was intact)`);
    } catch (error) {
      // Processing goes on, and is logged; npm run processing-log:verify keeps reporting the old records until someone looks.
      if (!(error instanceof LegacyChainBrokenError)) throw error;
      this.logger.error(`${error.message}: they stay as they are, and npm run processing-log:verify reports them`);
    }
  }

  // The last hook before the stores close (StorageLifecycle, on application shutdown): a batch still being written
  // gets its commit, and its anchor.
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
    await this.anchors?.close();
  }

  /**
   * Logs the processing of these subjects' data in the current request: one processing, one span, a record per
   * subject. `municipality` is the controller of the data (the household's municipality), which is whose auditor
   * sees the record: a provider's token may name another.
   */
  async processed(
    activity: ProcessingActivityId,
    subjects: readonly string[],
    principal: Principal,
    role: Role,
    municipality: string = principal.municipality,
  ): Promise<void> {
    const { traceId, parentSpanId, startedAt } = currentRequestContext();
    const spanId = randomBytes(8).toString('hex');
    await this.append(
      [...new Set(subjects)].map((subject) => ({
        activity,
        subject,
        actor: { id: principal.sub, role, ...(principal.org === undefined ? {} : { organisation: principal.org }) },
        traceId,
        spanId,
        ...(parentSpanId === undefined ? {} : { parentSpanId }),
        startedAt,
        municipality,
      })),
    );
  }
}

/** Log lines about the anchor: seq and MAC only, never a record's content. */
function anchorLog(logger: Logger): AnchorObserver {
  return {
    anchored: (head) => logger.log(`processing log anchor ${formatLink(head)}`),
    diverged: (finding) =>
      logger.error(`The processing log no longer passes through its anchor: ${finding}. The anchor stays where it is; run npm run processing-log:verify`),
    unavailable: (error) => logger.warn(`The processing log's anchor could not be read or moved (${describeError(error)}); the records were written`),
  };
}
