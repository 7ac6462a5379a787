// Config comparison for the compare view: flattens resolved configs to dotted paths and keeps
// the paths whose values differ between runs.

/** Value of one config path, as JSON text, or undefined when the run's config lacks the path. */
export type FlatConfig = ReadonlyMap<string, string>;

export interface ConfigDifference {
  readonly path: string;
  /** One entry per run, in run order; undefined where that run's config has no such path. */
  readonly values: readonly (string | undefined)[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalarList(value: unknown[]): boolean {
  return value.every((item) => item === null || typeof item !== 'object');
}

/**
 * Flattens a config into path -> JSON value, with paths written as users write them in config
 * files: optimizer.learningRate, modalities[0].encoder. A list of scalars such as hidden: [128, 64]
 * is one value; a list of objects is flattened item by item.
 */
export function flattenConfig(config: unknown): FlatConfig {
  const flat = new Map<string, string>();
  const visit = (value: unknown, path: string): void => {
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0 && path !== '') flat.set(path, '{}');
      for (const key of keys) visit(value[key], path === '' ? key : `${path}.${key}`);
    } else if (Array.isArray(value) && !isScalarList(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
    } else if (path !== '') {
      flat.set(path, value === undefined ? 'undefined' : JSON.stringify(value));
    }
  };
  visit(config, '');
  return flat;
}

/**
 * Paths of config.json that the trainer fills with the run's own id and creation time. They
 * differ between any two runs and the compare view shows run ids elsewhere, so they are skipped.
 */
export const RUN_IDENTITY_PATHS: ReadonlySet<string> = new Set(['runtime.runId', 'runtime.createdAt']);

/**
 * Lists the paths whose values are not the same in every config, in the order they first appear.
 * A path missing from some configs counts as different. Configs that are undefined (a run whose
 * config could not be read) are left out of the comparison and get undefined values.
 */
export function differingConfigKeys(configs: readonly unknown[], ignoredPaths: ReadonlySet<string> = RUN_IDENTITY_PATHS): ConfigDifference[] {
  const flats = configs.map((config) => (config === undefined ? undefined : flattenConfig(config)));
  const present = flats.filter((flat): flat is FlatConfig => flat !== undefined);
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const flat of present) {
    for (const path of flat.keys()) {
      if (!seen.has(path) && !ignoredPaths.has(path)) {
        seen.add(path);
        paths.push(path);
      }
    }
  }

  const differences: ConfigDifference[] = [];
  for (const path of paths) {
    const values = present.map((flat) => flat.get(path));
    if (values.every((value) => value === values[0])) continue;
    differences.push({ path, values: flats.map((flat) => flat?.get(path)) });
  }
  return differences;
}
