// All runs of the workspace folders: found on disk, followed while they train (trainers this
// window started and ones found through process.json alike), and finished when their trainer
// ends. Works without the vscode API; the extension feeds it file-watcher events through
// refreshFolder and poke.
import { hostname as osHostname } from 'node:os';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunSnapshot } from '../../webview/contract/panelMessages';
import { RUN_FILES, RUNS_FOLDER } from '../../trainer/contract/runDirectory';
import { DisposableStore, type Disposable } from '../common/disposable';
import { Emitter, type Event } from '../common/emitter';
import { describeError, type Logger } from '../common/logger';
import { isPidAlive, isSameHost } from '../trainerProcess/processLiveness';
import type { TrainerExit, TrainerProcess } from '../trainerProcess/trainerProcess';
import { failureSummaryOf, writeSummaryIfMissing } from './failureSummary';
import { readLastLines } from './logTail';
import { readMetricsFile } from './metricsTail';
import { readRunFolder } from './runFolderReader';
import { RunEntry, type LaunchDetails } from './runEntry';
import type { RunInfo } from './runInfo';
import { killTrainer, requestStop, type ControlContext } from './runControl';
import type { RecordsAppended, StartFailed, StatusChanged, StopOutcome } from './runsModelEvents';
import { forwardTrainerOutput } from './trainerOutput';
import { deriveStatus, ENDED_WITHOUT_SUMMARY } from './runStatus';

export type { RecordsAppended, StartFailed, StatusChanged, StopOutcome } from './runsModelEvents';

export interface RunsModelOptions {
  readonly log: Logger;
  /** Interval at which running runs are followed, in ms. */
  readonly followIntervalMs?: number;
  /** Interval of a full rescan of the runs folders, in ms; file watchers usually report changes sooner. */
  readonly rescanIntervalMs?: number;
  readonly now?: () => number;
  readonly hostname?: string;
  readonly pidAlive?: (pid: number) => boolean;
  /**
   * Whether the model may signal a pid read from process.json. The extension turns this off in
   * untrusted workspaces, where process.json could name any process.
   */
  readonly allowSignals?: () => boolean;
}

/** Directory names the panels accept as run ids. */
const RUN_DIRECTORY_NAME = /^[A-Za-z0-9._-]{1,128}$/;
/** Trainer output lines quoted in the message of a failed run. */
const FAILURE_LINES = 8;

export function runsFolderOf(workspaceFolder: string): string {
  return join(workspaceFolder, ...RUNS_FOLDER.split('/'));
}

export function describeExit(exit: Pick<TrainerExit, 'code' | 'signal'>): string {
  if (exit.signal !== null) return `trainer was ended by signal ${exit.signal}`;
  return `trainer exited with code ${exit.code ?? 'unknown'}`;
}

export class RunsModel implements Disposable {
  private readonly entries = new Map<string, RunEntry>();
  private folders: readonly string[] = [];
  private readonly scans = new Map<string, Promise<void>>();
  private readonly rescanRequested = new Set<string>();
  private readonly disposables = new DisposableStore();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly hostname: string;
  private readonly pidAlive: (pid: number) => boolean;
  private readonly allowSignals: () => boolean;

  private readonly runsChanged = this.disposables.add(new Emitter<void>());
  private readonly recordsAppended = this.disposables.add(new Emitter<RecordsAppended>());
  private readonly statusChanged = this.disposables.add(new Emitter<StatusChanged>());
  private readonly startFailed = this.disposables.add(new Emitter<StartFailed>());

  /** The list of runs or something shown for a run (status, epoch, accuracy) changed. */
  readonly onDidChangeRuns: Event<void> = this.runsChanged.event;
  /** Records appended to a run's metrics.jsonl, in file order, for runs being followed. */
  readonly onDidAppendRecords: Event<RecordsAppended> = this.recordsAppended.event;
  readonly onDidChangeStatus: Event<StatusChanged> = this.statusChanged.event;
  /** A trainer this window started ended before creating its run directory (invalid arguments or config). */
  readonly onDidFailToStart: Event<StartFailed> = this.startFailed.event;

  constructor(options: RunsModelOptions) {
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.hostname = options.hostname ?? osHostname();
    this.pidAlive = options.pidAlive ?? isPidAlive;
    this.allowSignals = options.allowSignals ?? (() => true);
    const follow = setInterval(() => this.followRunning(), options.followIntervalMs ?? 1000);
    follow.unref();
    const rescan = setInterval(() => void this.refresh(), options.rescanIntervalMs ?? 10000);
    rescan.unref();
    this.disposables.add({ dispose: () => clearInterval(follow) });
    this.disposables.add({ dispose: () => clearInterval(rescan) });
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** Runs, newest first. */
  getRuns(): RunInfo[] {
    return [...this.entries.values()]
      .filter((entry) => !entry.removed)
      .map((entry) => entry.toInfo())
      .sort((a, b) => b.startedMs - a.startedMs || b.runId.localeCompare(a.runId));
  }

  getRun(runId: string): RunInfo | undefined {
    return this.entries.get(runId)?.toInfo();
  }

  /** Replaces the workspace folders and scans them; runs of removed folders leave the list unless this window trains them. */
  async setFolders(folders: readonly string[]): Promise<void> {
    this.folders = [...folders];
    for (const [runId, entry] of this.entries) {
      if (!this.folders.includes(entry.folder) && entry.child === undefined) {
        entry.removed = true;
        this.entries.delete(runId);
      }
    }
    await this.refresh();
    this.runsChanged.fire();
  }

  async refresh(): Promise<void> {
    await Promise.all(this.folders.map((folder) => this.refreshFolder(folder)));
  }

  /** Rescans one folder's runs; concurrent calls share one scan plus at most one more. */
  refreshFolder(folder: string): Promise<void> {
    const running = this.scans.get(folder);
    if (running !== undefined) {
      this.rescanRequested.add(folder);
      return running;
    }
    const scan = this.scanFolder(folder)
      .catch((error) => this.log.error(`runs folder ${runsFolderOf(folder)}: scan failed: ${describeError(error)}`))
      .finally(() => {
        this.scans.delete(folder);
        if (this.rescanRequested.delete(folder)) void this.refreshFolder(folder);
      });
    this.scans.set(folder, scan);
    return scan;
  }

  private async scanFolder(folder: string): Promise<void> {
    if (!this.folders.includes(folder)) return;
    const runsFolder = runsFolderOf(folder);
    let names: string[];
    try {
      const dirents = await readdir(runsFolder, { withFileTypes: true });
      names = dirents.filter((dirent) => dirent.isDirectory() && !dirent.name.startsWith('.')).map((dirent) => dirent.name);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      names = [];
    }
    let changed = false;
    const present = new Set(names);

    for (const [runId, entry] of this.entries) {
      const launching = entry.child !== undefined && entry.files === undefined;
      if (entry.folder === folder && !present.has(runId) && !launching) {
        entry.removed = true;
        this.entries.delete(runId);
        changed = true;
      }
    }

    for (const name of names) {
      const existing = this.entries.get(name);
      if (existing !== undefined) {
        if (existing.directory !== join(runsFolder, name)) {
          this.warnOnce(existing, `run id ${name} exists in ${existing.folder} and ${folder}; only the first is shown.`);
        } else if (!existing.isRunning && existing.summary === undefined && existing.child === undefined) {
          changed = (await this.recheckEnded(existing)) || changed;
        }
        continue;
      }
      if (!RUN_DIRECTORY_NAME.test(name)) {
        this.logSkippedName(join(runsFolder, name));
        continue;
      }
      const entry = await this.loadEntry(folder, join(runsFolder, name), name);
      if (entry !== undefined && !this.entries.has(name)) {
        this.entries.set(name, entry);
        changed = true;
      }
    }
    if (changed) this.runsChanged.fire();
  }

  /**
   * Re-reads a run that counted as ended without a summary: its heartbeat may have resumed after
   * a long step, or a summary may have appeared. Returns whether anything shown changed.
   */
  private async recheckEnded(entry: RunEntry): Promise<boolean> {
    return entry.enqueue(async () => {
      try {
        entry.files = await readRunFolder(entry.directory);
      } catch {
        return false;
      }
      const derived = this.derive(entry);
      const changed = derived.status !== entry.derived.status || derived.detail !== entry.derived.detail;
      entry.derived = derived;
      if (changed && derived.status === 'running') this.log.info(`run ${entry.runId}: its trainer (pid ${entry.files.processInfo?.pid}) is alive again; following it`);
      return changed;
    });
  }

  private readonly skippedNames = new Set<string>();

  private logSkippedName(directory: string): void {
    if (this.skippedNames.has(directory)) return;
    this.skippedNames.add(directory);
    this.log.warn(`${directory}: not shown; run folder names may contain only letters, digits, '.', '_' and '-' (at most 128).`);
  }

  private async loadEntry(folder: string, directory: string, runId: string): Promise<RunEntry | undefined> {
    let files;
    try {
      files = await readRunFolder(directory);
    } catch (error) {
      this.log.warn(`${directory}: cannot be read (${describeError(error)}); not shown.`);
      return undefined;
    }
    const entry = new RunEntry(runId, folder, directory, { status: 'running', control: 'none', starting: true });
    entry.files = files;
    this.logWarnings(entry);
    if (files.summary === undefined) {
      // Without a summary the status may hang on a run-end record, and the view needs the progress.
      await this.readTail(entry, false);
    }
    entry.derived = this.derive(entry);
    if (entry.isRunning) {
      this.log.info(`run ${runId}: following a running trainer (pid ${files.processInfo?.pid ?? 'not yet known'}, host ${files.processInfo?.hostname ?? 'unknown'}) in ${directory}`);
    }
    return entry;
  }

  private derive(entry: RunEntry): ReturnType<typeof deriveStatus> {
    const files = entry.files;
    return deriveStatus({
      ...(files?.summary !== undefined ? { summary: files.summary } : {}),
      ...(files?.processInfo !== undefined ? { processInfo: files.processInfo } : {}),
      ...(entry.progress.end !== undefined ? { endRecord: entry.progress.end } : {}),
      createdMs: files?.createdMs ?? this.now(),
      nowMs: this.now(),
      hostname: this.hostname,
      pidAlive: this.pidAlive,
    });
  }

  private warnOnce(entry: RunEntry, message: string): void {
    if (entry.loggedWarnings.has(message)) return;
    entry.loggedWarnings.add(message);
    this.log.warn(message);
  }

  private logWarnings(entry: RunEntry): void {
    for (const warning of entry.files?.warnings ?? []) {
      this.warnOnce(entry, warning);
    }
  }

  /** Logs the first few skipped lines of a metrics.jsonl read, once each, and counts the rest. */
  private logTailProblems(entry: RunEntry, problems: readonly string[]): void {
    const MAX_PROBLEMS_LOGGED = 5;
    problems.slice(0, MAX_PROBLEMS_LOGGED).forEach((problem) => this.warnOnce(entry, `${entry.tail.path}: ${problem}`));
    if (problems.length > MAX_PROBLEMS_LOGGED) {
      this.warnOnce(entry, `${entry.tail.path}: ${problems.length - MAX_PROBLEMS_LOGGED} more lines skipped`);
    }
  }

  /** Reads new metrics records into the run's progress; announces them when `announce` is set. */
  private async readTail(entry: RunEntry, announce: boolean): Promise<void> {
    let read;
    try {
      read = await entry.tail.read();
    } catch (error) {
      this.warnOnce(entry, `${entry.tail.path}: cannot be read (${describeError(error)}).`);
      return;
    }
    entry.metricsRead = true;
    if (read.restarted) {
      entry.progress.reset();
      this.warnOnce(entry, `${entry.tail.path}: the file became shorter while being read; reading it again from the start.`);
    }
    this.logTailProblems(entry, read.problems);
    if (read.records.length === 0) return;
    const before = entry.toInfo();
    entry.progress.apply(read.records);
    if (announce) this.recordsAppended.fire({ runId: entry.runId, records: read.records });
    const after = entry.toInfo();
    if (before.epoch !== after.epoch || before.bestAccuracy?.fused !== after.bestAccuracy?.fused || before.backend !== after.backend) {
      this.runsChanged.fire();
    }
  }

  /** Reads a run's appended records now, e.g. after a watcher reported a change of its metrics.jsonl. */
  poke(runId: string): void {
    const entry = this.entries.get(runId);
    if (entry !== undefined && entry.isRunning) this.scheduleFollow(entry);
  }

  private followRunning(): void {
    for (const entry of this.entries.values()) {
      if (entry.isRunning) this.scheduleFollow(entry);
    }
  }

  private scheduleFollow(entry: RunEntry): void {
    if (entry.followQueued || entry.removed) return;
    entry.followQueued = true;
    void entry
      .enqueue(async () => {
        entry.followQueued = false;
        await this.follow(entry);
      })
      .catch((error) => this.log.error(`run ${entry.runId}: following failed: ${describeError(error)}`));
  }

  private async follow(entry: RunEntry): Promise<void> {
    if (!entry.isRunning || entry.removed) return;
    await this.readTail(entry, true);
    if (entry.child !== undefined && entry.child.exit === undefined) {
      // The child's exit event ends the run. Until then only the directory and config.json
      // (written after the backend loads) may still appear.
      if (entry.files?.config === undefined) await this.loadLaunchedFiles(entry);
      return;
    }
    if (entry.child !== undefined) return;

    const previousControl = entry.derived.control;
    try {
      entry.files = await readRunFolder(entry.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.removeEntry(entry);
        return;
      }
      throw error;
    }
    const derived = this.derive(entry);
    if (derived.status === 'running') {
      const controlChanged = derived.control !== entry.derived.control || derived.starting !== entry.derived.starting;
      entry.derived = derived;
      if (controlChanged) this.runsChanged.fire();
      return;
    }
    const info = entry.files.processInfo;
    const sameHostPid = previousControl === 'signal' && info !== undefined && isSameHost(info, this.hostname);
    if (sameHostPid && entry.files.summary === undefined && this.pidAlive(info.pid)) {
      // A stale heartbeat with a live pid is a trainer busy in one long synchronous step. Once a
      // run is being followed, only the end of its pid counts.
      this.warnOnce(entry, `run ${entry.runId}: no heartbeat since ${info.heartbeatAt}, but pid ${info.pid} is alive; still following it.`);
      return;
    }
    // The trainer is gone. One last read picks up records written just before it ended.
    entry.derived = derived;
    await this.readTail(entry, true);
    if (entry.files.summary === undefined && sameHostPid) {
      await this.writeFailure(entry, `${ENDED_WITHOUT_SUMMARY} (pid ${info.pid})`);
    }
    this.finish(entry, `pid ${info?.pid ?? 'unknown'}`);
  }

  private async loadLaunchedFiles(entry: RunEntry): Promise<void> {
    try {
      const hadConfig = entry.files?.config !== undefined;
      entry.files = await readRunFolder(entry.directory);
      this.logWarnings(entry);
      if (entry.files.config !== undefined && !hadConfig) this.runsChanged.fire();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** Writes summary.json with status failed unless one exists, then re-reads the run's files. */
  private async writeFailure(entry: RunEntry, message: string): Promise<void> {
    const summary = failureSummaryOf(entry, message, this.now());
    try {
      const outcome = await writeSummaryIfMissing(entry.directory, summary);
      if (outcome === 'written') this.log.info(`run ${entry.runId}: wrote ${join(entry.directory, RUN_FILES.summary)} with status failed`);
    } catch (error) {
      this.log.error(`run ${entry.runId}: cannot write ${join(entry.directory, RUN_FILES.summary)}: ${describeError(error)}`);
    }
    try {
      entry.files = await readRunFolder(entry.directory);
      this.logWarnings(entry);
    } catch (error) {
      this.log.warn(`run ${entry.runId}: cannot re-read ${entry.directory}: ${describeError(error)}`);
    }
    entry.derived = entry.files?.summary !== undefined ? { status: entry.files.summary.status, control: 'none', starting: false } : { status: 'failed', detail: message, control: 'none', starting: false };
  }

  /** Announces the end of a run whose final status is already in entry.derived. */
  private finish(entry: RunEntry, processText: string): void {
    entry.stopping = false;
    const info = entry.toInfo();
    const error = info.errorMessage !== undefined && info.status === 'failed' ? `, error: ${info.errorMessage.split('\n')[0]}` : '';
    const line = `run ${entry.runId} ${info.status}: ${processText}, backend ${info.backend ?? 'unknown'}${error}`;
    if (info.status === 'failed') this.log.error(line);
    else this.log.info(line);
    this.statusChanged.fire({ runId: entry.runId, status: info.status, previous: 'running', ...(info.summary !== undefined ? { summary: info.summary } : {}) });
    this.runsChanged.fire();
  }

  private removeEntry(entry: RunEntry): void {
    entry.removed = true;
    if (this.entries.get(entry.runId) === entry) this.entries.delete(entry.runId);
    this.runsChanged.fire();
  }

  /**
   * Registers a trainer this window just started. The run shows as starting until its directory
   * appears; the child's exit ends it.
   */
  adoptChild(runId: string, folder: string, child: TrainerProcess, launch: LaunchDetails): void {
    const directory = join(runsFolderOf(folder), runId);
    const entry = new RunEntry(runId, folder, directory, { status: 'running', detail: 'starting', control: 'child', starting: true });
    entry.child = child;
    entry.launch = launch;
    this.entries.set(runId, entry);
    child.onDidReceiveReady(() => {
      entry.derived = { status: 'running', control: 'child', starting: false };
      this.scheduleFollow(entry);
    });
    // Records travel over IPC too, but the file is the one source of truth: an IPC record only
    // prompts a read, so panels see the same records in the same order as after a reload.
    child.onDidReceiveRecord(() => this.scheduleFollow(entry));
    forwardTrainerOutput(runId, child, this.log);
    child.onDidExit((exit) => {
      void entry.enqueue(() => this.finishChild(entry, exit)).catch((error) => this.log.error(`run ${runId}: finishing failed: ${describeError(error)}`));
    });
    this.runsChanged.fire();
  }

  private async finishChild(entry: RunEntry, exit: TrainerExit): Promise<void> {
    await this.readTail(entry, true);
    const exitText = `pid ${entry.child?.pid ?? 'unknown'}, ${exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code}`}`;
    try {
      entry.files = await readRunFolder(entry.directory);
      this.logWarnings(entry);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // No run directory: the trainer rejected its arguments or config before creating one.
      this.log.error(`run ${entry.runId} did not start: ${exitText}, backend ${entry.launch?.backend ?? 'unknown'}${exit.stderrTail.length > 0 ? `: ${exit.stderrTail.join(' | ')}` : ''}`);
      entry.derived = { status: 'failed', detail: describeExit(exit), control: 'none', starting: false };
      this.removeEntry(entry);
      this.startFailed.fire({ runId: entry.runId, exit });
      return;
    }
    if (entry.files.summary === undefined) {
      const stderrLines = exit.stderrTail.filter((line) => line.trim() !== '').slice(-FAILURE_LINES);
      const lines = stderrLines.length > 0 ? stderrLines : await readLastLines(join(entry.directory, RUN_FILES.log), FAILURE_LINES);
      const message = `${describeExit(exit)} without writing a summary${lines.length > 0 ? `. Last output:\n${lines.join('\n')}` : ''}`;
      await this.writeFailure(entry, message);
    } else {
      entry.derived = { status: entry.files.summary.status, control: 'none', starting: false };
    }
    this.finish(entry, exitText);
  }

  /** Asks a running run's trainer to stop after its current step. */
  stopRun(runId: string): StopOutcome {
    const entry = this.entries.get(runId);
    if (entry === undefined) return { kind: 'not-found' };
    const outcome = requestStop(entry, this.controlContext());
    if (outcome.kind === 'requested') this.runsChanged.fire();
    if (outcome.kind === 'not-running' && entry.isRunning) this.scheduleFollow(entry);
    return outcome;
  }

  /** Ends a running trainer at once with SIGKILL; the run ends as failed. */
  killRun(runId: string): boolean {
    const entry = this.entries.get(runId);
    return entry !== undefined && killTrainer(entry, this.controlContext());
  }

  private controlContext(): ControlContext {
    return { hostname: this.hostname, allowSignals: this.allowSignals(), log: this.log };
  }

  /**
   * Reads everything a panel needs to draw a run. For a run being followed, the records end where
   * the last onDidAppendRecords event before this promise resolves ended. A panel that applies
   * only the events it receives afterwards therefore gets every record exactly once.
   */
  async getSnapshot(runId: string): Promise<RunSnapshot | undefined> {
    const entry = this.entries.get(runId);
    if (entry === undefined) return undefined;
    return entry.enqueue(async () => {
      const endOffset = entry.isRunning ? entry.tail.position : undefined;
      const read = await readMetricsFile(entry.tail.path, endOffset);
      this.logTailProblems(entry, read.problems);
      if (!entry.isRunning && read.partialLineBytes > 0) {
        this.warnOnce(entry, `${entry.tail.path}: the last line is incomplete (${read.partialLineBytes} bytes, no newline); it was skipped.`);
      }
      const info = entry.toInfo();
      return {
        runId,
        name: info.name,
        status: info.status,
        records: read.records,
        ...(info.summary !== undefined ? { summary: info.summary } : {}),
        ...(info.config !== undefined ? { config: info.config } : {}),
      };
    });
  }

  /** Returns the run's config.json object as last read; undefined when missing or invalid. */
  getConfigObject(runId: string): Readonly<Record<string, unknown>> | undefined {
    return this.entries.get(runId)?.files?.configObject;
  }

  /** Lets go of the trainers this window started; they keep running and a new window re-attaches. */
  dispose(): void {
    for (const entry of this.entries.values()) {
      entry.child?.dispose();
    }
    this.disposables.dispose();
  }
}
