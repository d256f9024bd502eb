import { Injectable } from '@nestjs/common';
import { Principal, Role } from '@casusregie/auth';
import { AppConfig } from '@casusregie/config';
import {
  decide,
  DomainError,
  commandWithinAccess,
  evolve,
  HouseholdCommand,
  HouseholdState,
  NOT_FOUND_CODES,
} from '@casusregie/domain';
import { ConcurrencyConflictError } from '@casusregie/event-store';
import { HouseholdRepository, StoredHouseholdEvent } from '@casusregie/households';
import { ProblemHttpException } from '@casusregie/http';
import { Clock, InjectAppConfig, InjectClock, InjectProjectionTrigger, InjectStorage } from '@casusregie/runtime';
import { Storage } from '@casusregie/storage';
import { ProjectionTrigger } from '@casusregie/queue';
import { householdSubjects, ProcessingLogService } from '../processing-log/processing-log.service';
import { KeyedSerializer } from './keyed-serializer';

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

export interface CommandResult {
  /** The household's version after the command: the new ETag. */
  version: number;
  events: StoredHouseholdEvent[];
  state: HouseholdState;
}

/** Retries against writers in other processes; in this process commands on one household already queue up. */
const MAX_ATTEMPTS = 10;

/**
 * Runs a household command: load the stream, decide, append at the version decided on. Domain rules become 409 (or
 * 404 for things that do not exist), a stale If-Match becomes 412, and without If-Match a concurrent write is
 * retried on fresh state.
 */
@Injectable()
export class HouseholdCommandService {
  readonly repository: HouseholdRepository;
  private readonly serializer = new KeyedSerializer();

  constructor(
    @InjectStorage() storage: Storage,
    @InjectClock() private readonly clock: Clock,
    @InjectProjectionTrigger() private readonly projections: ProjectionTrigger,
    private readonly processingLog: ProcessingLogService,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {
    this.repository = new HouseholdRepository(storage.eventStore, storage.personalData);
  }

  today(): string {
    return this.clock.today();
  }

  execute(householdId: string, command: HouseholdCommand, options: CommandOptions): Promise<CommandResult> {
    return this.serializer.run(householdId, () => this.attempt(householdId, command, options));
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

  private async loadRegistered(householdId: string, registering: boolean) {
    const loaded = await this.repository.load(householdId);
    if (!registering && !loaded.state.registered) throw householdNotFound(householdId);
    return loaded;
  }

  private async attempt(householdId: string, command: HouseholdCommand, options: CommandOptions): Promise<CommandResult> {
    const registering = command.type === 'RegisterHousehold';
    for (let attempt = 1; ; attempt++) {
      const loaded =
        registering || options.withinMunicipality === false
          ? await this.loadRegistered(householdId, registering)
          : await this.load(householdId, options.principal);
      const { state, version } = loaded;
      // An administrator acts within their own municipality, whatever the team.
      if (options.actorRole === 'admin' && state.municipality !== options.principal.municipality) throw householdNotFound(householdId);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) throw preconditionFailed(version);
      // A restricted trajectory, and all that belongs to it, does not exist for a consultant who is not involved.
      const permitted = options.actorRole === 'consultant' ? ruleOrProblem(() => commandWithinAccess(state, command, options.principal.sub)) : command;

      const events = ruleOrProblem(() => decide(permitted, state, { today: this.clock.today(), businessDatesFrom: this.config.businessDatesFrom }));
      await options.beforeAppend?.(state);
      try {
        const stored = await this.repository.append(householdId, events, version, {
          actor: { id: options.principal.sub, role: options.actorRole, organisation: options.principal.org },
          municipality: registering ? command.municipality : state.municipality,
          correlationId: options.correlationId,
        }, loaded);
        this.projections.notify();
        const after = applyAll(state, stored);
        await this.processingLog.processed(`household.${command.type}`, householdSubjects(householdId, after), options.principal, options.actorRole, after.municipality);
        return { version: stored[stored.length - 1].streamVersion, events: stored, state: after };
      } catch (error) {
        // Sealing refuses new data about someone whose keys are already gone (an erasure that has not been recorded).
        if (error instanceof DomainError) throw domainProblem(error);
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        if (options.expectedVersion !== undefined) throw preconditionFailed(error.actual);
        if (attempt >= MAX_ATTEMPTS) {
          throw new ProblemHttpException(409, {
            code: 'concurrent-update',
            detail: 'The household kept changing while this command was tried; try again.',
            headers: { 'Retry-After': '1' },
          });
        }
      }
    }
  }
}

/** A broken domain rule as the API answers it: 404 or 409 with the rule's code. */
function ruleOrProblem<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError) throw domainProblem(error);
    throw error;
  }
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

function applyAll(state: HouseholdState, events: readonly StoredHouseholdEvent[]): HouseholdState {
  return events.reduce((folded, { eventId, type, occurredOn, data }) => evolve(folded, { eventId, type, occurredOn, data } as never), state);
}
