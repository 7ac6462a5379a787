// Splits the run snapshots a panel starts from into an init message and follow-up append
// messages, so a long run's records (about 1 KB each) do not travel as one huge message.
import type { MetricsRecord } from '../../trainer/contract/records';
import type { AppendRecordsMessage, InitMessage, PanelKind, RunSnapshot } from '../../webview/contract/panelMessages';

/** Records per message; about 5 MB of JSON for runs with two encoders. */
export const RECORDS_PER_MESSAGE = 5000;

export function snapshotMessages(
  panel: PanelKind,
  snapshots: readonly RunSnapshot[],
  recordsPerMessage = RECORDS_PER_MESSAGE,
): [InitMessage, ...AppendRecordsMessage[]] {
  const appends: AppendRecordsMessage[] = [];
  const runs = snapshots.map((snapshot): RunSnapshot => {
    const records: readonly MetricsRecord[] = snapshot.records;
    for (let start = recordsPerMessage; start < records.length; start += recordsPerMessage) {
      appends.push({ type: 'append-records', runId: snapshot.runId, records: records.slice(start, start + recordsPerMessage) });
    }
    return { ...snapshot, records: records.slice(0, recordsPerMessage) };
  });
  return [{ type: 'init', panel, runs }, ...appends];
}
