// Validation and default filling of a run config against CONFIG_SCHEMA. The trainer CLI and the
// language server both call validateConfig, so an invalid config reads the same in both places.
import { CONFIG_SCHEMA, DATASET_KINDS, METHODS, type RunConfig } from './configSchema';
import type { FieldMap, FieldSpec, ObjectField } from './schemaTypes';

export type ConfigPath = ReadonlyArray<string | number>;

export type ConfigIssueCode =
  | 'unknown-key'
  | 'wrong-type'
  | 'out-of-range'
  | 'invalid-enum'
  | 'invalid-pattern'
  | 'list-length'
  | 'missing-value'
  | 'conflict'
  | 'not-applicable';

export interface ConfigIssue {
  /** Path of the offending value, such as ["optimizer", "learningRate"] or ["modalities", 0, "name"]. */
  readonly path: ConfigPath;
  readonly code: ConfigIssueCode;
  readonly severity: 'error' | 'warning';
  /** A sentence naming the value, what is allowed and the fix. */
  readonly message: string;
  /** For unknown keys and enum typos: the nearest valid name. */
  readonly suggestion?: string;
  /** For out-of-range numbers: the nearest allowed value. */
  readonly clampedValue?: number;
}

export interface ValidationResult {
  /** The resolved config, present when there are no errors. */
  readonly config?: RunConfig;
  readonly issues: ConfigIssue[];
}

/** Formats a path the way users write it: optimizer.learningRate, modalities[0].name. */
export function formatConfigPath(path: ConfigPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') {
      text += `[${part}]`;
    } else {
      text += text === '' ? part : `.${part}`;
    }
  }
  return text === '' ? '(config)' : text;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a mapping';
  }
  return String(value);
}

/** Levenshtein distance, used to suggest the nearest valid key or enum value. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      const substitution = diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1);
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, substitution);
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** Returns the candidate nearest to `word`, or undefined when none is close enough to be a typo. */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeRange(spec: FieldSpec): string {
  if (spec.kind !== 'number' && spec.kind !== 'integer') {
    return '';
  }
  const parts: string[] = [];
  if ('exclusiveMinimum' in spec && spec.exclusiveMinimum !== undefined) {
    parts.push(`greater than ${spec.exclusiveMinimum}`);
  } else if (spec.minimum !== undefined) {
    parts.push(`at least ${spec.minimum}`);
  }
  if ('exclusiveMaximum' in spec && spec.exclusiveMaximum !== undefined) {
    parts.push(`less than ${spec.exclusiveMaximum}`);
  } else if (spec.maximum !== undefined) {
    parts.push(`at most ${spec.maximum}`);
  }
  return parts.join(' and ');
}

/** Describes what a field accepts, for messages and hovers. */
export function describeAllowed(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'number':
      return `a number ${describeRange(spec)}`.trim();
    case 'integer':
      return `a whole number ${describeRange(spec)}`.trim();
    case 'string':
      return spec.patternDescription ? `a string: ${spec.patternDescription}` : 'a string';
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'integer-list':
      return `a list of ${spec.minItems} to ${spec.maxItems} whole numbers from ${spec.itemMinimum} to ${spec.itemMaximum}`;
    case 'object':
      return 'a mapping';
    case 'object-list':
      return `a list of at most ${spec.maxItems} mappings`;
  }
}

/** Returns the nearest value inside a numeric field's range. */
function clampToRange(spec: FieldSpec, value: number): number {
  if (spec.kind !== 'number' && spec.kind !== 'integer') {
    return value;
  }
  let clamped = value;
  if (spec.minimum !== undefined && clamped < spec.minimum) {
    clamped = spec.minimum;
  }
  if (spec.maximum !== undefined && clamped > spec.maximum) {
    clamped = spec.maximum;
  }
  if (spec.kind === 'number' && spec.exclusiveMinimum !== undefined && clamped <= spec.exclusiveMinimum) {
    clamped = spec.default;
  }
  if (spec.kind === 'number' && spec.exclusiveMaximum !== undefined && clamped >= spec.exclusiveMaximum) {
    clamped = spec.default;
  }
  return clamped;
}

function isInRange(spec: FieldSpec, value: number): boolean {
  if (spec.kind !== 'number' && spec.kind !== 'integer') {
    return true;
  }
  if (spec.minimum !== undefined && value < spec.minimum) return false;
  if (spec.maximum !== undefined && value > spec.maximum) return false;
  if (spec.kind === 'number') {
    if (spec.exclusiveMinimum !== undefined && value <= spec.exclusiveMinimum) return false;
    if (spec.exclusiveMaximum !== undefined && value >= spec.exclusiveMaximum) return false;
  }
  return true;
}

class Validator {
  readonly issues: ConfigIssue[] = [];
  /** Fields the config sets itself, with their schema entries, for the not-applicable check. */
  readonly explicitFields: Array<{ path: ConfigPath; spec: FieldSpec }> = [];

  private error(path: ConfigPath, code: ConfigIssueCode, message: string, extra: Partial<ConfigIssue> = {}): void {
    this.issues.push({ path, code, severity: 'error', message, ...extra });
  }

  resolveObject(spec: ObjectField, raw: unknown, path: ConfigPath): Record<string, unknown> {
    const resolved: Record<string, unknown> = {};
    const fields: FieldMap = spec.fields;
    let source: Record<string, unknown> = {};
    if (raw === undefined || raw === null) {
      source = {};
    } else if (isPlainObject(raw)) {
      source = raw;
    } else {
      this.error(path, 'wrong-type', `${formatConfigPath(path)}: expected a mapping of keys to values, got ${describeValue(raw)}.`);
    }

    for (const key of Object.keys(source)) {
      if (!(key in fields)) {
        const suggestion = nearestName(key, Object.keys(fields));
        const hint = suggestion ? ` Did you mean "${suggestion}"?` : ` Valid keys: ${Object.keys(fields).join(', ')}.`;
        this.error([...path, key], 'unknown-key', `${formatConfigPath([...path, key])}: unknown key "${key}".${hint}`, suggestion ? { suggestion } : {});
      }
    }
    for (const [key, fieldSpec] of Object.entries(fields)) {
      if (source[key] !== undefined && source[key] !== null) this.explicitFields.push({ path: [...path, key], spec: fieldSpec });
      resolved[key] = this.resolveField(fieldSpec, source[key], [...path, key]);
    }
    return resolved;
  }

  resolveField(spec: FieldSpec, raw: unknown, path: ConfigPath): unknown {
    const where = formatConfigPath(path);
    if (raw === undefined || raw === null) {
      if (spec.kind === 'object') {
        return this.resolveObject(spec, undefined, path);
      }
      if (spec.kind === 'object-list' || spec.kind === 'integer-list') {
        return [...spec.default];
      }
      return 'default' in spec ? spec.default : undefined;
    }

    switch (spec.kind) {
      case 'number':
      case 'integer': {
        if (typeof raw !== 'number' || !Number.isFinite(raw)) {
          this.error(path, 'wrong-type', `${where}: expected ${describeAllowed(spec)}, got ${describeValue(raw)}. Use a plain number such as ${spec.default}.`);
          return spec.default;
        }
        if (spec.kind === 'integer' && !Number.isInteger(raw)) {
          this.error(path, 'wrong-type', `${where}: expected a whole number, got ${raw}. Use ${Math.round(raw)}.`, { clampedValue: Math.round(raw) });
          return spec.default;
        }
        if (!isInRange(spec, raw)) {
          const clampedValue = clampToRange(spec, raw);
          this.error(path, 'out-of-range', `${where}: ${raw} is out of range; it must be ${describeRange(spec)} (default ${spec.default}).`, { clampedValue });
          return spec.default;
        }
        return raw;
      }
      case 'string': {
        if (typeof raw !== 'string') {
          this.error(path, 'wrong-type', `${where}: expected a string, got ${describeValue(raw)}. Put the value in quotes.`);
          return spec.default;
        }
        if (spec.pattern !== undefined && !new RegExp(`^(?:${spec.pattern})$`).test(raw)) {
          this.error(path, 'invalid-pattern', `${where}: ${JSON.stringify(raw)} is not valid; expected ${spec.patternDescription ?? spec.pattern}.`);
          return spec.default;
        }
        return raw;
      }
      case 'boolean': {
        if (typeof raw !== 'boolean') {
          this.error(path, 'wrong-type', `${where}: expected true or false, got ${describeValue(raw)}.`);
          return spec.default;
        }
        return raw;
      }
      case 'enum': {
        if (typeof raw !== 'string' || !spec.values.includes(raw)) {
          const suggestion = typeof raw === 'string' ? nearestName(raw, spec.values) : undefined;
          const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
          this.error(path, 'invalid-enum', `${where}: ${describeValue(raw)} is not allowed; use one of ${spec.values.join(', ')}.${hint}`, suggestion ? { suggestion } : {});
          return spec.default;
        }
        return raw;
      }
      case 'integer-list': {
        if (!Array.isArray(raw)) {
          this.error(path, 'wrong-type', `${where}: expected ${describeAllowed(spec)}, got ${describeValue(raw)}. Write it as [${spec.default.join(', ')}].`);
          return [...spec.default];
        }
        if (raw.length < spec.minItems || raw.length > spec.maxItems) {
          this.error(path, 'list-length', `${where}: has ${raw.length} items; it needs ${spec.minItems} to ${spec.maxItems}.`);
          return [...spec.default];
        }
        let valid = true;
        raw.forEach((item: unknown, index: number) => {
          if (typeof item !== 'number' || !Number.isInteger(item) || item < spec.itemMinimum || item > spec.itemMaximum) {
            valid = false;
            this.error([...path, index], 'out-of-range', `${formatConfigPath([...path, index])}: ${describeValue(item)} is invalid; expected a whole number from ${spec.itemMinimum} to ${spec.itemMaximum}.`);
          }
        });
        return valid ? [...(raw as number[])] : [...spec.default];
      }
      case 'object':
        return this.resolveObject(spec, raw, path);
      case 'object-list': {
        if (!Array.isArray(raw)) {
          this.error(path, 'wrong-type', `${where}: expected a list of mappings (YAML items starting with "- "), got ${describeValue(raw)}.`);
          return [];
        }
        if (raw.length > spec.maxItems) {
          this.error(path, 'list-length', `${where}: has ${raw.length} entries; at most ${spec.maxItems} are supported.`);
        }
        return raw.map((item: unknown, index: number) => this.resolveObject(spec.item, item, [...path, index]));
      }
    }
  }

  /**
   * Warns about fields the config sets that the chosen method, dataset or optimizer ignores, such
   * as gamma with method uniform. A field's `appliesTo` names where it applies.
   */
  checkApplicability(config: RunConfig): void {
    const context: ReadonlyArray<readonly [string, string]> = [
      ['method', config.method],
      ['data.kind', config.data.kind],
      ['optimizer.type', config.optimizer.type],
    ];
    for (const { path, spec } of this.explicitFields) {
      const scope = spec.appliesTo;
      if (scope === undefined) continue;
      // Modality file paths outside npy are already errors (see checkCrossFieldRules).
      if (path[0] === 'modalities') continue;
      let setting = context[2]!;
      if ((METHODS as readonly string[]).includes(scope)) setting = context[0]!;
      else if ((DATASET_KINDS as readonly string[]).includes(scope)) setting = context[1]!;
      const [settingName, settingValue] = setting;
      if (settingValue === scope) continue;
      this.issues.push({
        path,
        code: 'not-applicable',
        severity: 'warning',
        message: `${formatConfigPath(path)}: applies only to ${settingName} ${scope}, so it has no effect with ${settingName} ${settingValue}; remove it or set ${settingName} to ${scope}.`,
      });
    }
  }

  checkCrossFieldRules(config: RunConfig): void {
    const names = new Set<string>();
    config.modalities.forEach((modality, index) => {
      if (modality.name === undefined) {
        this.error(['modalities', index], 'missing-value', `modalities[${index}]: missing name. Add "name: ..." to the entry.`);
        return;
      }
      if (names.has(modality.name)) {
        this.error(['modalities', index, 'name'], 'conflict', `modalities[${index}].name: "${modality.name}" is used twice; every modality needs its own name.`);
      }
      names.add(modality.name);
    });

    const kind = config.data.kind;
    if (kind === 'cg-mnist' || kind === 'synthetic') {
      const expected = kind === 'cg-mnist' ? ['gray', 'colored'] : ['easy', 'hard'];
      config.modalities.forEach((modality, index) => {
        if (modality.name !== undefined && !expected.includes(modality.name)) {
          this.error(['modalities', index, 'name'], 'conflict', `modalities[${index}].name: ${kind} has the modalities ${expected.join(' and ')}, not "${modality.name}".`, {
            ...(nearestName(modality.name, expected) ? { suggestion: nearestName(modality.name, expected) } : {}),
          });
        }
        for (const key of ['train', 'test'] as const) {
          if (modality[key] !== undefined) {
            this.error(['modalities', index, key], 'conflict', `modalities[${index}].${key}: file paths apply only to data.kind npy; remove it or set data.kind to npy.`);
          }
        }
      });
    }
    if (kind === 'cg-mnist') {
      if (config.data.trainSize > 60000) {
        this.error(['data', 'trainSize'], 'out-of-range', `data.trainSize: ${config.data.trainSize} is more than the 60000 MNIST training images; use at most 60000, or 0 for all.`, { clampedValue: 60000 });
      }
      if (config.data.testSize > 10000) {
        this.error(['data', 'testSize'], 'out-of-range', `data.testSize: ${config.data.testSize} is more than the 10000 MNIST test images; use at most 10000, or 0 for all.`, { clampedValue: 10000 });
      }
    }
    if (kind === 'npy') {
      if (config.modalities.length < 2) {
        this.error(['modalities'], 'missing-value', `modalities: data.kind npy needs at least two modalities, each with train and test .npy paths; found ${config.modalities.length}.`);
      }
      config.modalities.forEach((modality, index) => {
        for (const key of ['train', 'test'] as const) {
          if (modality[key] === undefined) {
            this.error(['modalities', index], 'missing-value', `modalities[${index}]: missing ${key}; set it to the path of the ${key} .npy file of ${modality.name ?? 'this modality'}.`);
          }
        }
      });
      for (const key of ['trainLabels', 'testLabels'] as const) {
        if (config.data[key] === undefined) {
          this.error(['data'], 'missing-value', `data: missing ${key}; data.kind npy needs the path of a one-dimensional integer .npy label file.`);
        }
      }
    }
  }
}

/** Validates a parsed config (from YAML or JSON) and fills in every default. */
export function validateConfig(raw: unknown): ValidationResult {
  const validator = new Validator();
  const resolved = validator.resolveObject(CONFIG_SCHEMA, raw, []) as unknown as RunConfig;
  validator.checkCrossFieldRules(resolved);
  validator.checkApplicability(resolved);
  const hasErrors = validator.issues.some((issue) => issue.severity === 'error');
  return hasErrors ? { issues: validator.issues } : { config: resolved, issues: validator.issues };
}

/** Looks up the schema entry of a path, for hover and completion. */
export function fieldAtPath(path: ConfigPath): FieldSpec | undefined {
  let spec: FieldSpec = CONFIG_SCHEMA;
  for (const part of path) {
    if (spec.kind === 'object' && typeof part === 'string') {
      const next: FieldSpec | undefined = spec.fields[part];
      if (next === undefined) return undefined;
      spec = next;
    } else if (spec.kind === 'object-list' && typeof part === 'number') {
      spec = spec.item;
    } else if (spec.kind === 'integer-list' && typeof part === 'number') {
      return spec;
    } else {
      return undefined;
    }
  }
  return spec;
}
