import { NewEvent, RecordedEvent } from '@casusregie/event-store';
import { NormSettings, NormSettingsChange } from '@casusregie/domain';
import { Actor } from './household-stream';

/**
 * A municipality's norm settings live in one stream of their own, `norm-settings-<CBS code>`: each change an event
 * with its author (the envelope's actor), effective date and reason, in the same global log as the households, so the
 * projection applies a change at its place among the facts and "known at" an instant means the same for both.
 */
export const NORM_SETTINGS_STREAM_PREFIX = 'norm-settings-';
export const NORM_SETTINGS_CHANGED = 'NormSettingsChanged';

export function normSettingsStreamId(municipality: string): string {
  return `${NORM_SETTINGS_STREAM_PREFIX}${municipality}`;
}

export function isNormSettingsChange(event: RecordedEvent): boolean {
  return event.streamId.startsWith(NORM_SETTINGS_STREAM_PREFIX) && event.type === NORM_SETTINGS_CHANGED;
}

/** What an administrator decided, before the store records it. */
export interface NormSettingsDecision {
  normId: string;
  effectiveFrom: string;
  settings: NormSettings;
  reason: string;
}

interface NormSettingsMetadata {
  actor: Actor;
  municipality: string;
  correlationId: string;
}

export function toNormSettingsEvent(decision: NormSettingsDecision, metadata: NormSettingsMetadata): NewEvent {
  return {
    type: NORM_SETTINGS_CHANGED,
    data: { ...decision } as unknown as Record<string, unknown>,
    metadata: metadata as unknown as Record<string, unknown>,
  };
}

/** A recorded change as the domain reads it. */
export function normSettingsChangeOf(event: RecordedEvent): NormSettingsChange {
  const data = event.data as unknown as NormSettingsDecision;
  const metadata = event.metadata as unknown as NormSettingsMetadata;
  return {
    municipality: metadata.municipality,
    normId: data.normId,
    effectiveFrom: data.effectiveFrom,
    settings: data.settings,
    reason: data.reason,
    author: metadata.actor.id,
    recordedAt: event.recordedAt.toISOString(),
    version: event.streamVersion,
    position: event.globalPosition.toString(),
  };
}
