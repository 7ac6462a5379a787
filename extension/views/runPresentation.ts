// Presentation of a run in the Runs view: label, description, tooltip, icon and context value.
// Plain data, so the wording is testable without the vscode API.
import type { RunInfo } from '../runs/runInfo';
import { RUN_ITEM_CONTEXT } from '../commands/commandIds';

export interface RunIcon {
  /** Codicon id, e.g. loading~spin. */
  readonly id: string;
  /** Theme color id. */
  readonly color?: string;
}

export interface RunPresentation {
  readonly label: string;
  readonly description: string;
  /** Markdown; every value taken from run files is escaped. */
  readonly tooltip: string;
  readonly icon: RunIcon;
  readonly contextValue: string;
}

export interface PresentationOptions {
  /** Name the workspace folder, when there is more than one. */
  readonly folderName?: string;
  readonly nowMs: number;
}

/** Escapes the characters that Markdown would read as formatting or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (char) => `\\${char}`);
}

export function formatPercent(share: number | null | undefined, digits = 1): string {
  return typeof share === 'number' && Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : 'n/a';
}

/** Formats a duration as "12 s", "3 min 12 s" or "1 h 02 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Local date and time to the minute, e.g. 2026-12-04 20:15. */
export function formatStartTime(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function runContextValue(info: RunInfo): string {
  if (info.status === 'running') {
    return info.control === 'none' ? `${RUN_ITEM_CONTEXT}.runningElsewhere` : `${RUN_ITEM_CONTEXT}.running`;
  }
  return `${RUN_ITEM_CONTEXT}.${info.status}`;
}

export function runIcon(info: RunInfo): RunIcon {
  switch (info.status) {
    case 'running':
      return { id: 'loading~spin', color: 'charts.blue' };
    case 'completed':
      return { id: 'pass', color: 'testing.iconPassed' };
    case 'stopped':
      return { id: 'debug-stop', color: 'charts.yellow' };
    case 'failed':
      return { id: 'error', color: 'testing.iconFailed' };
  }
}

function progressText(info: RunInfo): string | undefined {
  if (info.statusDetail === 'starting') return 'starting';
  if (info.epoch === undefined) return undefined;
  return info.epochs !== undefined ? `epoch ${info.epoch}/${info.epochs}` : `epoch ${info.epoch}`;
}

export function runDescription(info: RunInfo, options: PresentationOptions): string {
  const parts: string[] = [];
  if (options.folderName !== undefined) parts.push(options.folderName);
  if (info.method !== undefined) parts.push(info.method);
  if (info.dataset !== undefined) parts.push(info.dataset);
  if (info.status === 'running') {
    const progress = progressText(info);
    if (progress !== undefined) parts.push(info.stopping ? `stopping at ${progress}` : progress);
    else if (info.stopping) parts.push('stopping');
  }
  if (info.bestAccuracy !== undefined) parts.push(`best ${formatPercent(info.bestAccuracy.fused)}`);
  if (info.status !== 'running') parts.push(formatStartTime(info.startedMs));
  return parts.join(' · ');
}

function configLines(info: RunInfo): string[] {
  const config = info.config;
  if (config === undefined) return ['Config: not available (config.json missing or invalid)'];
  const lines: string[] = [];
  const optimizer = config.optimizer;
  lines.push(`Method: ${config.method}${config.method === 'mmpareto' ? ` (gamma ${config.gamma}, norm rule ${config.normRule})` : ''}`);
  lines.push(`Data: ${config.data?.kind}, ${config.data?.trainSize || 'all'} train / ${config.data?.testSize || 'all'} test samples`);
  lines.push(`Training: ${config.epochs} epochs, batch ${config.batchSize}, ${optimizer?.type} lr ${optimizer?.learningRate}, seed ${config.seed}`);
  if (Array.isArray(config.modalities) && config.modalities.length > 0) {
    lines.push(`Encoders: ${config.modalities.map((modality) => `${modality.name} ${modality.encoder}`).join(', ')}`);
  }
  return lines;
}

export function runTooltip(info: RunInfo, options: PresentationOptions): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(info.name)}**`);
  lines.push(`\`${info.runId}\``);
  const statusText = info.status === 'running' && info.stopping ? 'running, stopping after the current step' : info.status;
  lines.push(`Status: ${escapeMarkdown(statusText)}${info.statusDetail !== undefined && info.statusDetail !== 'starting' ? ` (${escapeMarkdown(info.statusDetail)})` : ''}`);
  if (options.folderName !== undefined) lines.push(`Folder: ${escapeMarkdown(options.folderName)}`);
  lines.push(...configLines(info).map(escapeMarkdown));
  const backend = info.backend !== undefined ? info.backend : 'not known yet';
  lines.push(`Backend: ${escapeMarkdown(backend)}${info.pid !== undefined && info.status === 'running' ? ` (pid ${info.pid})` : ''}`);
  lines.push(`Started: ${formatStartTime(info.startedMs)}`);
  const duration = info.elapsedMs ?? (info.status === 'running' ? options.nowMs - info.startedMs : undefined);
  if (duration !== undefined) lines.push(`Duration: ${formatDuration(duration)}`);
  if (info.step !== undefined) lines.push(`Progress: epoch ${info.epoch ?? '?'}${info.epochs !== undefined ? `/${info.epochs}` : ''}, step ${info.step}${info.totalSteps !== undefined ? `/${info.totalSteps}` : ''}`);
  if (info.bestAccuracy !== undefined) {
    const unimodal = Object.entries(info.bestAccuracy.unimodal ?? {})
      .map(([name, accuracy]) => `${escapeMarkdown(name)} ${formatPercent(accuracy)}`)
      .join(', ');
    lines.push(`Best fused accuracy: ${formatPercent(info.bestAccuracy.fused)} (epoch ${info.bestAccuracy.epoch})${unimodal !== '' ? `; unimodal heads: ${unimodal}` : ''}`);
  }
  const conflicts = Object.entries(info.conflictShare);
  if (conflicts.length > 0) {
    lines.push(`Conflicting steps: ${conflicts.map(([name, share]) => `${escapeMarkdown(name)} ${formatPercent(share)}`).join(', ')}`);
  }
  const body = lines.join('  \n');
  const sections = [body];
  if (info.errorMessage !== undefined) {
    // A fence longer than any backtick run in the message keeps the message verbatim.
    const longestRun = Math.max(2, ...(info.errorMessage.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    sections.push(`Error:\n\n${fence}text\n${info.errorMessage}\n${fence}`);
  }
  if (info.warnings.length > 0) {
    sections.push(`Problems reading the run:\n\n${info.warnings.map((warning) => `- ${escapeMarkdown(warning)}`).join('\n')}`);
  }
  return sections.join('\n\n');
}

export function presentRun(info: RunInfo, options: PresentationOptions): RunPresentation {
  return {
    label: info.name,
    description: runDescription(info, options),
    tooltip: runTooltip(info, options),
    icon: runIcon(info),
    contextValue: runContextValue(info),
  };
}
