import { Injectable } from '@nestjs/common';
import { Principal, Role } from '@casusregie/auth';
import { AppConfig } from '@casusregie/config';
import { commandWithinAccess, DomainError, HouseholdCommand, HouseholdState, NOT_FOUND_CODES } from '@casusregie/domain';
import {
  CommandAccess,
  CommandResult,
  ConcurrentUpdateError,
  HouseholdCommandHandler,
  HouseholdRepository,
  StaleVersionError,
} from '@casusregie/households';
import { ProblemHttpException } from '@casusregie/http';
import { Clock, InjectAppConfig, InjectClock, InjectProjectionTrigger, InjectStorage } from '@casusregie/runtime';
import { Storage } from '@casusregie/storage';
import { ProjectionTrigger } from '@casusregie/queue';
import { householdSubjects, ProcessingLogService } from '../processing-log/processing-log.service';
import { ProviderRegistryService } from '../providers/provider-registry.service';

export interface CommandOptions {
  principal: Principal;
  /** The role in which the principal acts, recorded in the envelope (a user may hold several). */
  actorRole: Role;
  correlationId: string;
  /** The version the client last saw (If-Match). With it a moved stream is 412; without it the command is retried. */
  expectedVersion?: number;
  /**
   * Whether the household must be of the principal's municipality (consultants). A provider acts on referrals
   * addressed to it, whatever municipality its token names; the caller checks that instead.
   */
  withinMunicipality?: boolean;
  /**
   * Runs after the command is decided and just before its events are appended (again on a retry), for work that
   * must be done by then: an erasure destroys the person's keys first, so a crash in between leaves the data
   * unreadable rather than an erasure on record over readable data.
   */
  beforeAppend?: (state: HouseholdState) => Promise<void>;
}

/**
 * The API's door to the household command handler: it holds a command to the caller's access (a consultant to their
 * team's households and to what they may see of them, an administrator to their municipality), turns what the
 * handler refuses into problems (a broken rule 409, or 404 for things that do not exist, a stale If-Match 412) and
 * records the processing in the processing log.
 */
@Injectable()
export class HouseholdCommandService {
  readonly repository: HouseholdRepository;
  private readonly handler: HouseholdCommandHandler;

  constructor(
    @InjectStorage() storage: Storage,
    @InjectClock() private readonly clock: Clock,
    @InjectProjectionTrigger() projections: ProjectionTrigger,
    private readonly processingLog: ProcessingLogService,
    @InjectAppConfig() config: AppConfig,
    providers: ProviderRegistryService,
  ) {
    this.repository = new HouseholdRepository(storage.eventStore, storage.personalData);
    this.handler = new HouseholdCommandHandler({
      repository: this.repository,
      context: () => ({ today: clock.today(), businessDatesFrom: config.businessDatesFrom }),
      contracts: (agbCode, municipality) => providers.get(agbCode, municipality),
      notify: () => projections.notify(),
    });
  }

  today(): string {
    return this.clock.today();
  }

  async execute(householdId: string, command: HouseholdCommand, options: CommandOptions): Promise<CommandResult> {
    const { principal, actorRole } = options;
    let result: CommandResult;
    try {
      result = await this.handler.handle(householdId, command, {
        actor: { id: principal.sub, role: actorRole, organisation: principal.org },
        correlationId: options.correlationId,
        expectedVersion: options.expectedVersion,
        access: accessOf(options),
        beforeAppend: options.beforeAppend,
      });
    } catch (error) {
      throw commandProblem(error);
    }
    await this.processingLog.processed(`household.${command.type}`, householdSubjects(householdId, result.state), principal, actorRole, result.state.municipality);
    return result;
  }

  /**
   * The household as the caller may see it. A consultant works on the households of their own team in their own
   * municipality, or where they are the casusregisseur; any other household does not exist for them (404, so that
   * its existence is not given away).
   */
  async load(householdId: string, principal: Principal) {
    const loaded = await this.repository.load(householdId);
    if (!loaded.state.registered || !consultantMayAccess(loaded.state, principal)) throw householdNotFound(householdId);
    return loaded;
  }
}

function accessOf({ principal, actorRole, withinMunicipality }: CommandOptions): CommandAccess {
  return {
    mayAct: (state) =>
      (withinMunicipality === false || consultantMayAccess(state, principal)) &&
      // An administrator acts within their own municipality, whatever the team.
      (actorRole !== 'admin' || state.municipality === principal.municipality),
    // A restricted trajectory, and all that belongs to it, does not exist for a consultant who is not involved.
    permit: actorRole === 'consultant' ? (state, command) => commandWithinAccess(state, command, principal.sub) : undefined,
  };
}

/** What the handler refused, as the API answers it. */
function commandProblem(error: unknown): unknown {
  if (error instanceof DomainError) return domainProblem(error);
  if (error instanceof StaleVersionError) return preconditionFailed(error.currentVersion);
  if (error instanceof ConcurrentUpdateError) {
    return new ProblemHttpException(409, {
      code: 'concurrent-update',
      detail: 'The household kept changing while this command was tried; try again.',
      headers: { 'Retry-After': '1' },
    });
  }
  return error;
}

export function consultantMayAccess(state: HouseholdState, principal: Principal): boolean {
  if (state.municipality !== principal.municipality) return false;
  return (principal.team !== undefined && state.team === principal.team) || state.coordinator?.coordinatorId === principal.sub;
}

export function domainProblem(error: DomainError): ProblemHttpException {
  return new ProblemHttpException(NOT_FOUND_CODES.has(error.code) ? 404 : 409, { code: error.code, detail: error.message });
}

export function householdNotFound(householdId: string): ProblemHttpException {
  return new ProblemHttpException(404, { code: 'household-not-found', detail: `No household ${householdId}` });
}

function preconditionFailed(currentVersion: number | undefined): ProblemHttpException {
  return new ProblemHttpException(412, {
    code: 'version-mismatch',
    detail:
      currentVersion === undefined
        ? 'The household has changed since the version in If-Match; read it again.'
        : `The household is at version ${currentVersion}, not the one in If-Match; read it again.`,
  });
}
