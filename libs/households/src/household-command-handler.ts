import { randomUUID } from 'node:crypto';
import {
  ContractedProvider,
  decideAndEvolve,
  DecisionContext,
  DomainError,
  HouseholdCommand,
  HouseholdState,
  needsContractedProvider,
  referralToContractedProvider,
} from '@casusregie/domain';
import { ConcurrencyConflictError } from '@casusregie/event-store';
import { HouseholdRepository } from './household-repository';
import { Actor, StoredHouseholdEvent } from './household-stream';
import { KeyedSerializer } from './keyed-serializer';

/** A municipality's contract with a care provider by AGB code, if it has one (the provider registry). */
export type ProviderContracts = (agbCode: string, municipality: string) => Promise<ContractedProvider | undefined>;

/** Who may do what to a household, checked on the household as loaded for the command. */
export interface CommandAccess {
  /** Whether the household exists for the caller at all; when not, it is not found (before its version is told). */
  mayAct?(state: HouseholdState): boolean;
  /** The command as the caller may give it on this household, or a DomainError (e.g. a restricted trajectory). */
  permit?(state: HouseholdState, command: HouseholdCommand): HouseholdCommand;
}

export interface HandleOptions {
  /** Who gives the command, recorded in the envelope. */
  actor: Actor;
  correlationId: string;
  /** The version the client last saw (If-Match). With it a moved stream is a StaleVersionError; without it the command is retried. */
  expectedVersion?: number;
  access?: CommandAccess;
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
  /** The household after the command (its new events without `recordedOn`). */
  state: HouseholdState;
}

/** The household moved since the version the client named (HTTP: 412). */
export class StaleVersionError extends Error {
  override readonly name = 'StaleVersionError';

  constructor(readonly currentVersion: number | undefined) {
    super(currentVersion === undefined ? 'The household has moved on' : `The household is at version ${currentVersion}`);
  }
}

/** Other writers kept moving the household while the command was retried (HTTP: 409 with Retry-After). */
export class ConcurrentUpdateError extends Error {
  override readonly name = 'ConcurrentUpdateError';
}

/** What the handler works with. */
export interface HandlerDependencies {
  repository: HouseholdRepository;
  /** The day (and calendar) a command is decided on: the API's clock and configuration. */
  context: () => DecisionContext;
  /** For the rule that a referral to maatwerk names a provider the municipality contracts. */
  contracts: ProviderContracts;
  /** Called after each append, so that the projections take the new events in. */
  notify?: () => void;
}

/** Retries against writers in other processes; in this process commands on one household already queue up. */
const MAX_ATTEMPTS = 10;

/**
 * Runs a household command, the one way every writer does: load the household, check the caller's access, decide,
 * seal and append at the version decided on, tell the projections. Broken rules are DomainErrors (an unknown or
 * hidden household is `household-not-found`); without an expected version a concurrent write is retried on fresh
 * state. Free of Nest: the API wraps it in HouseholdCommandService, the bench calls it directly.
 */
export class HouseholdCommandHandler {
  private readonly serializer = new KeyedSerializer();

  readonly repository: HouseholdRepository;

  constructor(private readonly deps: HandlerDependencies) {
    this.repository = deps.repository;
  }

  handle(householdId: string, command: HouseholdCommand, options: HandleOptions): Promise<CommandResult> {
    return this.serializer.run(householdId, () => this.attempt(householdId, command, options));
  }

  private async attempt(householdId: string, command: HouseholdCommand, options: HandleOptions): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.repository.load(householdId);
      const { state, version } = loaded;
      if (command.type !== 'RegisterHousehold' && (!state.registered || options.access?.mayAct?.(state) === false)) {
        throw new DomainError('household-not-found', `No household ${householdId}`);
      }
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) throw new StaleVersionError(version);
      const permitted = await this.withContractedProvider(options.access?.permit?.(state, command) ?? command, state.municipality);
      const decision = decideAndEvolve(permitted, state, this.deps.context(), (event) => ({ ...event, eventId: randomUUID() }));
      await options.beforeAppend?.(state);
      try {
        const municipality = command.type === 'RegisterHousehold' ? command.municipality : state.municipality;
        const stored = await this.repository.append(
          householdId,
          decision.events,
          version,
          { actor: options.actor, municipality, correlationId: options.correlationId },
          loaded,
        );
        this.deps.notify?.();
        return { version: stored[stored.length - 1].streamVersion, events: stored, state: decision.state };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        if (options.expectedVersion !== undefined) throw new StaleVersionError(error.actual);
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrentUpdateError(`Household ${householdId} kept changing over ${MAX_ATTEMPTS} attempts`);
      }
    }
  }

  /** What the domain's rules need from outside the household, looked up here: decide itself stays pure. */
  private async withContractedProvider(command: HouseholdCommand, municipality: string): Promise<HouseholdCommand> {
    if (!needsContractedProvider(command)) return command;
    const { agbCode } = command.organisation;
    return referralToContractedProvider(command, municipality, agbCode === undefined ? undefined : await this.deps.contracts(agbCode, municipality));
  }
}
