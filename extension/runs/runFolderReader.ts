// Reads the small files of a run directory (config.json, summary.json, process.json) without
// trusting them: a missing file is normal, an unreadable or invalid one becomes a warning that
// names the file, and whatever else can be read is still returned.
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RunConfig } from '../../trainer/contract/configSchema';
import type { RunProcessInfo, RunSummary } from '../../trainer/contract/records';
import { RUN_FILES } from '../../trainer/contract/runDirectory';
import { checkRunProcessInfo, checkRunSummary } from './recordGuards';

export type JsonFileRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'valid'; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Files larger than this are not parsed; a run's small JSON files are a few kilobytes. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export async function readJsonFile(path: string): Promise<JsonFileRead> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_JSON_BYTES) {
      return { kind: 'invalid', reason: `${info.size} bytes, more than the ${MAX_JSON_BYTES} bytes read` };
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: `unreadable (${code ?? (error as Error).message})` };
  }
  try {
    return { kind: 'valid', value: JSON.parse(text) };
  } catch (error) {
    // An empty or cut-off file is what a writer that crashed mid-write leaves behind.
    return { kind: 'invalid', reason: text.trim() === '' ? 'empty' : `invalid JSON (${(error as Error).message})` };
  }
}

export interface RunFolderFiles {
  readonly runId: string;
  readonly directory: string;
  /** config.json when it has the shape of a resolved config; extra fields are kept. */
  readonly config?: RunConfig;
  /** config.json as parsed, for the config diff; present whenever it is a JSON object. */
  readonly configObject?: Readonly<Record<string, unknown>>;
  readonly summary?: RunSummary;
  readonly processInfo?: RunProcessInfo;
  /** Time the directory was created (or last changed where the file system keeps no birth time), in ms since the epoch. */
  readonly createdMs: number;
  /** One sentence per file that could not be used, naming the file. */
  readonly warnings: readonly string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the fields of RunConfig the extension reads; the trainer wrote and validated the rest. */
function checkConfigShape(value: Record<string, unknown>): string | undefined {
  if (typeof value['method'] !== 'string') return 'method is not a string';
  if (!isObject(value['data']) || typeof value['data']['kind'] !== 'string') return 'data.kind is not a string';
  if (!Array.isArray(value['modalities'])) return 'modalities is not a list';
  if (!isObject(value['optimizer'])) return 'optimizer is not a mapping';
  return undefined;
}

/** Reads a run directory's config, summary and process files; throws only when the directory itself cannot be read. */
export async function readRunFolder(directory: string): Promise<RunFolderFiles> {
  const info = await stat(directory);
  const createdMs = info.birthtimeMs > 0 ? info.birthtimeMs : info.mtimeMs;
  const warnings: string[] = [];
  const fileName = (name: string): string => join(directory, name);

  let config: RunConfig | undefined;
  let configObject: Record<string, unknown> | undefined;
  const configRead = await readJsonFile(fileName(RUN_FILES.config));
  if (configRead.kind === 'invalid') {
    warnings.push(`${fileName(RUN_FILES.config)}: ${configRead.reason}; the run is shown without its config.`);
  } else if (configRead.kind === 'valid') {
    if (!isObject(configRead.value)) {
      warnings.push(`${fileName(RUN_FILES.config)}: not a JSON object; the run is shown without its config.`);
    } else {
      configObject = configRead.value;
      const problem = checkConfigShape(configRead.value);
      if (problem === undefined) {
        config = configRead.value as unknown as RunConfig;
      } else {
        warnings.push(`${fileName(RUN_FILES.config)}: ${problem}; the run is shown without its config.`);
      }
    }
  }

  let summary: RunSummary | undefined;
  const summaryRead = await readJsonFile(fileName(RUN_FILES.summary));
  if (summaryRead.kind === 'invalid') {
    warnings.push(`${fileName(RUN_FILES.summary)}: ${summaryRead.reason}; the status comes from the other files.`);
  } else if (summaryRead.kind === 'valid') {
    const problem = checkRunSummary(summaryRead.value);
    if (problem === undefined) {
      summary = summaryRead.value as RunSummary;
    } else {
      warnings.push(`${fileName(RUN_FILES.summary)}: ${problem}; the status comes from the other files.`);
    }
  }

  let processInfo: RunProcessInfo | undefined;
  const processRead = await readJsonFile(fileName(RUN_FILES.process));
  if (processRead.kind === 'invalid') {
    // The trainer rewrites process.json every heartbeat, so a read can catch it half written.
    warnings.push(`${fileName(RUN_FILES.process)}: ${processRead.reason}; ignored until its next heartbeat.`);
  } else if (processRead.kind === 'valid') {
    const problem = checkRunProcessInfo(processRead.value);
    if (problem === undefined) {
      processInfo = processRead.value as RunProcessInfo;
    } else {
      warnings.push(`${fileName(RUN_FILES.process)}: ${problem}; ignored.`);
    }
  }

  return {
    runId: basename(directory),
    directory,
    ...(config !== undefined ? { config } : {}),
    ...(configObject !== undefined ? { configObject } : {}),
    ...(summary !== undefined ? { summary } : {}),
    ...(processInfo !== undefined ? { processInfo } : {}),
    createdMs,
    warnings,
  };
}
