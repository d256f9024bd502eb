import { Injectable } from '@nestjs/common';
import { Principal } from '@casusregie/auth';
import {
  MunicipalityNorms,
  NormDefinition,
  NormSettings,
  NormSettingsChange,
  normSettingsProblems,
  settingsOf,
  versionOn,
} from '@casusregie/domain';
import { ConcurrencyConflictError, EventStore } from '@casusregie/event-store';
import { normSettingsChangeOf, normSettingsStreamId, toNormSettingsEvent } from '@casusregie/households';
import { invalidParams, ProblemHttpException } from '@casusregie/http';
import { NormSettingsChanges } from '@casusregie/projections';
import { ProjectionTrigger } from '@casusregie/queue';
import { InjectEventStore, InjectProjectionTrigger } from '@casusregie/runtime';
import { NormSettingsChangeRequest } from './norm-settings.requests';

/** Appends that lost a race with another administrator's change of the same municipality are decided again. */
const MAX_ATTEMPTS = 5;

/**
 * A municipality's administrator reads and changes the settings of its norms. Each change is an event in the
 * municipality's `norm-settings-<CBS code>` stream, read here straight from the store (so the administrator sees a
 * change at once) and applied to the figures by the projection in the background (`applied` says when it has).
 */
@Injectable()
export class NormSettingsService {
  constructor(
    @InjectEventStore() private readonly eventStore: EventStore,
    @InjectProjectionTrigger() private readonly projections: ProjectionTrigger,
    private readonly applied: NormSettingsChanges,
  ) {}

  async list(municipality: string) {
    const { norms } = await this.recorded(municipality);
    const applied = new Set((await this.applied.municipalityNorms(municipality)).changes.map((change) => change.version));
    return {
      municipality,
      norms: norms.shippedNorms().map((shipped) => {
        const settings = settingsOf(shipped);
        return {
          id: shipped.id,
          title: shipped.title,
          kind: shipped.kind,
          anchorFields: shipped.anchorFields ?? [],
          exclusionsAvailable: settings.exclusions,
          shipped: { ...settings, enabled: shipped.enabled !== false },
          changes: norms.versions(shipped.id).flatMap(({ change }) => (change === undefined ? [] : [changeView(change, applied.has(change.version))])),
        };
      }),
    };
  }

  async change(municipality: string, normId: string, request: NormSettingsChangeRequest, user: Principal, correlationId: string) {
    for (let attempt = 1; ; attempt++) {
      const { norms, version } = await this.recorded(municipality);
      const shipped = norms.shippedNorms().find((norm) => norm.id === normId);
      if (shipped === undefined) throw new ProblemHttpException(404, { code: 'norm-not-found', detail: `No shipped norm by that id; GET /norm-settings lists them` });
      const settings = { ...settingsInForce(norms, shipped, request.effectiveFrom), ...definedFields(request) };
      const problems = normSettingsProblems(shipped, settings);
      if (problems.length > 0) throw invalidParams(problems.map(({ field, reason }) => ({ name: field, code: 'invalid', reason })));
      try {
        const { events } = await this.eventStore.appendToStream(
          normSettingsStreamId(municipality),
          [
            toNormSettingsEvent(
              { normId, effectiveFrom: request.effectiveFrom, settings, reason: request.reason.trim() },
              { actor: { id: user.sub, role: 'admin' }, municipality, correlationId },
            ),
          ],
          { expectedVersion: version },
        );
        this.projections.notify();
        return changeView(normSettingsChangeOf(events[0]), false);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** Every change recorded for the municipality, straight from its stream, and the stream's version. */
  private async recorded(municipality: string): Promise<{ norms: MunicipalityNorms; version: number }> {
    const { events, currentVersion } = await this.eventStore.readStream(normSettingsStreamId(municipality));
    return { norms: new MunicipalityNorms(municipality, events.map(normSettingsChangeOf)), version: currentVersion };
  }
}

/** What a change leaves out stays as the version in force on its effective date has it (switched off: as last used). */
function settingsInForce(norms: MunicipalityNorms, shipped: NormDefinition, on: string): NormSettings {
  const versions = norms.versions(shipped.id);
  const current = versionOn(versions, on);
  if (current?.norm) return settingsOf(current.norm);
  const lastUsed = versions.filter((version) => version.norm !== null && (version.effectiveFrom ?? '') <= on).at(-1)?.norm ?? shipped;
  return { ...settingsOf(lastUsed), enabled: false };
}

/** The fields the request gives (null included: it means "none"). */
function definedFields(request: NormSettingsChangeRequest): Partial<NormSettings> {
  const fields: Partial<NormSettings> = {};
  if (request.enabled !== undefined) fields.enabled = request.enabled;
  if (request.duration !== undefined) fields.duration = request.duration;
  if (request.calendar !== undefined) fields.calendar = request.calendar as NormSettings['calendar'];
  if (request.anchor !== undefined) fields.anchor = request.anchor;
  if (request.exclusions !== undefined) fields.exclusions = request.exclusions;
  if (request.target !== undefined) fields.target = request.target === null ? null : { ...request.target };
  return fields;
}

function changeView(change: NormSettingsChange, applied: boolean) {
  const { normId, effectiveFrom, settings, reason, author, recordedAt } = change;
  return { normId, effectiveFrom, settings, reason, author, recordedAt, applied };
}
