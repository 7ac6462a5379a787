// --set PATH=VALUE overrides on top of a config file: PATH uses the config's dotted key names
// (optimizer.learningRate; list items as modalities[0].encoder or modalities.0.encoder) and VALUE
// is read as a YAML scalar or flow collection, so 0.01, true, mmpareto and [16, 32] all work.
import { parse as parseYaml } from 'yaml';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns a copy of `raw` with each override applied in order. */
export function applyOverrides(raw: unknown, overrides: readonly string[]): Record<string, unknown> {
  if (raw !== undefined && raw !== null && !isPlainObject(raw)) {
    throw new UsageError('The config file must contain a mapping of keys to values at the top level.');
  }
  const result = structuredClone((raw ?? {}) as Record<string, unknown>);
  for (const override of overrides) {
    const separator = override.indexOf('=');
    if (separator <= 0) {
      throw new UsageError(`Invalid --set ${JSON.stringify(override)}: expected PATH=VALUE, for example --set optimizer.learningRate=0.01.`);
    }
    // modalities[0].encoder is the same path as modalities.0.encoder.
    const path = override.slice(0, separator).replace(/\[(\d+)\]/g, '.$1').split('.');
    if (path.some((part) => part === '')) {
      throw new UsageError(`Invalid --set path ${JSON.stringify(override.slice(0, separator))}: it has an empty part.`);
    }
    let value: unknown;
    try {
      value = parseYaml(override.slice(separator + 1));
    } catch (error) {
      throw new UsageError(`Invalid --set value in ${JSON.stringify(override)}: ${(error as Error).message}`);
    }

    let target: Record<string, unknown> | unknown[] = result;
    path.forEach((part, index) => {
      const last = index === path.length - 1;
      const key: string | number = Array.isArray(target) ? Number(part) : part;
      if (Array.isArray(target) && !Number.isInteger(key)) {
        throw new UsageError(`Invalid --set path ${path.join('.')}: ${path.slice(0, index).join('.')} is a list, so ${JSON.stringify(part)} must be an index.`);
      }
      const container = target as Record<string | number, unknown>;
      if (Array.isArray(target)) {
        // Setting item 2 of an empty list leaves no holes: items 0 and 1 become empty mappings,
        // which validation then reports as missing their names.
        while (target.length < Number(key)) target.push({});
      }
      if (last) {
        container[key] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[index + 1]!);
      if (container[key] === undefined || container[key] === null) {
        container[key] = nextIsIndex ? [] : {};
      }
      const next = container[key];
      if (!isPlainObject(next) && !Array.isArray(next)) {
        throw new UsageError(`Invalid --set path ${path.join('.')}: ${path.slice(0, index + 1).join('.')} is a value, not a mapping.`);
      }
      target = next;
    });
  }
  return result;
}
