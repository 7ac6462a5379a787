// The text of a run's config.json as the config diff shows it: keys sorted at every level and
// the fields that differ between any two runs (run id, creation time) removed, so the diff
// shows only what was chosen differently.

/** Paths of config.json fields that identify the run rather than describe its setup. */
export const RUN_SPECIFIC_PATHS: ReadonlyArray<readonly string[]> = [
  ['runtime', 'runId'],
  ['runtime', 'createdAt'],
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortKeys(value[key]);
  }
  return sorted;
}

function withoutPath(value: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined || !(head in value)) return value;
  const copy = { ...value };
  if (rest.length === 0) {
    delete copy[head];
    return copy;
  }
  const child = copy[head];
  if (isObject(child)) {
    const trimmed = withoutPath(child, rest);
    if (Object.keys(trimmed).length === 0) delete copy[head];
    else copy[head] = trimmed;
  }
  return copy;
}

/** Returns the config with run-specific fields removed and every object's keys sorted. */
export function normalizeConfig(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  let result: Record<string, unknown> = { ...config };
  for (const path of RUN_SPECIFIC_PATHS) {
    result = withoutPath(result, path);
  }
  return sortKeys(result) as Record<string, unknown>;
}

/** Pretty-printed JSON of the normalized config, two-space indented, ending in a newline. */
export function normalizedConfigText(config: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify(normalizeConfig(config), null, 2)}\n`;
}
