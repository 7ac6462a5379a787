// Number and duration formats shared by headers, tables, tooltips and screen-reader text.

/** Formats milliseconds as h:mm:ss, or m:ss under an hour. */
export function formatDuration(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const two = (value: number): string => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** Formats a 0..1 share as a percentage with one decimal, e.g. 0.4567 -> "45.7%". */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return 'n/a';
  return `${(share * 100).toFixed(1)}%`;
}

/** Formats a metric with 3 significant digits, switching to exponent notation for very small or large magnitudes. */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}
