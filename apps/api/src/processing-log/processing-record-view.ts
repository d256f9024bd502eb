import { isProcessingActivityId, PROCESSING_ACTIVITIES, processingActivityUri, ProcessingActivityId, StoredProcessingRecord } from '@casusregie/audit';

/** A register entry as the API shows it: with its id and the URI that processing-log records name it by. */
export function processingActivityView(id: ProcessingActivityId) {
  return { id, uri: processingActivityUri(id), ...PROCESSING_ACTIVITIES[id] };
}

/**
 * A processing-log record as an auditor reads it: as stored, plus the Logboek Dataverwerkingen attributes under their
 * own names and the register's entry for its activity (purpose, legal basis, data categories).
 */
export function processingRecordView(record: StoredProcessingRecord) {
  const separator = record.subject.indexOf(':');
  const activity = isProcessingActivityId(record.activity) ? record.activity : undefined;
  return {
    ...record,
    attributes: {
      'dpl.core.processing_activity_id': activity === undefined ? null : processingActivityUri(activity),
      // A pseudonym (a random id that only the sealed events tie to a person), never the BSN.
      'dpl.core.data_subject_id': record.subject.slice(separator + 1),
      'dpl.core.data_subject_id_type': `urn:casusregie:${record.subject.slice(0, separator)}-id`,
    },
    processingActivity: activity === undefined ? null : processingActivityView(activity),
  };
}
