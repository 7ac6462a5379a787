// Finds the runs started from a config file: run directories under <workspace>/.mmpareto/runs
// whose config.json names the file in runtime.sourceConfigPath. Each config.json is parsed
// once and reused while its modification time and size stay the same.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RUN_FILES, RUNS_FOLDER } from '../../trainer/contract/runDirectory';

export interface RunOfConfig {
  readonly runId: string;
  /** ISO 8601 time the run was created, from runtime.createdAt. */
  readonly createdAt: string;
}

interface CachedRun {
  readonly modifiedMs: number;
  readonly size: number;
  /** Absolute source config path and creation time, or undefined when config.json has none. */
  readonly source?: { readonly path: string; readonly createdAt: string };
}

function readSource(configJsonPath: string): CachedRun['source'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(configJsonPath, 'utf8'));
  } catch {
    // A run that is still being created, or a damaged file: it belongs to no config for now.
    return undefined;
  }
  const runtime = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['runtime'] : undefined;
  if (typeof runtime !== 'object' || runtime === null) {
    return undefined;
  }
  const { sourceConfigPath, createdAt } = runtime as Record<string, unknown>;
  if (typeof sourceConfigPath !== 'string') {
    return undefined;
  }
  return { path: resolve(sourceConfigPath), createdAt: typeof createdAt === 'string' ? createdAt : '' };
}

export class RunIndex {
  private readonly cache = new Map<string, CachedRun>();

  /** Returns the runs of `configPath` in the given workspace folders, newest first. */
  runsOf(configPath: string, workspaceFolders: readonly string[]): RunOfConfig[] {
    const target = resolve(configPath);
    const runs: RunOfConfig[] = [];
    for (const folder of workspaceFolders) {
      const runsFolder = join(folder, RUNS_FOLDER);
      let runIds: string[];
      try {
        runIds = readdirSync(runsFolder);
      } catch {
        continue;
      }
      for (const runId of runIds) {
        const source = this.sourceOf(join(runsFolder, runId, RUN_FILES.config));
        if (source?.path === target) {
          runs.push({ runId, createdAt: source.createdAt });
        }
      }
    }
    // Run ids start with the UTC start time, so they sort like createdAt when that is missing.
    return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.runId.localeCompare(a.runId));
  }

  private sourceOf(configJsonPath: string): CachedRun['source'] {
    const stats = statSync(configJsonPath, { throwIfNoEntry: false });
    if (stats === undefined) {
      this.cache.delete(configJsonPath);
      return undefined;
    }
    const cached = this.cache.get(configJsonPath);
    if (cached !== undefined && cached.modifiedMs === stats.mtimeMs && cached.size === stats.size) {
      return cached.source;
    }
    const source = readSource(configJsonPath);
    this.cache.set(configJsonPath, { modifiedMs: stats.mtimeMs, size: stats.size, ...(source ? { source } : {}) });
    return source;
  }

  invalidate(configJsonPaths: Iterable<string>): void {
    for (const path of configJsonPaths) {
      this.cache.delete(path);
    }
  }
}
