import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import { ProcessingLog } from '@casusregie/audit';
import { Principal, Role } from '@casusregie/auth';
import { HouseholdState } from '@casusregie/domain';
import { currentRequestContext } from '@casusregie/http';
import { InjectReadModels } from '@casusregie/runtime';
import { SqlDatabase } from '@casusregie/sql';

/** The data subjects of a household: the household itself and each of its members, by pseudonymous id. */
export function householdSubjects(householdId: string, state?: HouseholdState): string[] {
  return [`household:${householdId}`, ...(state?.members ?? []).map((member) => `member:${member.memberId}`)];
}

/**
 * Writes the processing log for the API: one record per data subject for every read or change of personal data.
 * A request whose processing cannot be logged fails, rather than processing unlogged.
 */
@Injectable()
export class ProcessingLogService extends ProcessingLog implements OnModuleInit, BeforeApplicationShutdown {
  constructor(@InjectReadModels() db: SqlDatabase) {
    super(db);
  }

  async onModuleInit(): Promise<void> {
    await this.prepare();
  }

  // The last hook before the stores close (StorageLifecycle, on application shutdown): a batch still being written
  // gets its commit.
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** Logs the processing of these subjects' data in the current request. */
  async processed(activity: string, subjects: readonly string[], principal: Principal, role: Role): Promise<void> {
    const { traceId } = currentRequestContext();
    await this.append(
      [...new Set(subjects)].map((subject) => ({
        activity,
        subject,
        actor: { id: principal.sub, role, ...(principal.org === undefined ? {} : { organisation: principal.org }) },
        traceId,
        municipality: principal.municipality,
      })),
    );
  }
}
