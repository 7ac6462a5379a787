// One line per epoch for the terminal.
import type { EpochRecord } from '../contract/records';

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

export function formatEpochLine(record: EpochRecord, epochs: number): string {
  const unimodal = Object.entries(record.testAccuracy.unimodal)
    .map(([modality, accuracy]) => `${modality} ${percent(accuracy)}`)
    .join('  ');
  const conflicts = Object.entries(record.conflictShare)
    .map(([modality, share]) => `${modality} ${percent(share)}`)
    .join(', ');
  return `epoch ${record.epoch}/${epochs}  test accuracy: fused ${percent(record.testAccuracy.fused)}  ${unimodal}  | conflicting steps: ${conflicts}  | loss ${record.trainLoss.toFixed(4)}  ${Math.round(record.samplesPerSecond)} samples/s`;
}
