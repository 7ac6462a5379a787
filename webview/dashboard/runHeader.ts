// The dashboard header: run name and id, status badge, facts (method, backend, dataset, epoch,
// step, elapsed time) and the Stop, Show Log, Export CSV and Reset zoom buttons.
import type { RunStatus } from '../../trainer/contract/records';
import { formatDuration } from '../model/formatting';
import type { RunFacts } from '../model/runFacts';
import { describeRunError } from '../model/runFacts';
import type { VscodeButton } from '../shared/elements';

export interface RunHeaderActions {
  stop(): void;
  showLog(): void;
  exportCsv(): void;
  resetZoom(): void;
}

const STATUS_TEXT: Readonly<Record<RunStatus, string>> = {
  running: 'Running',
  completed: 'Completed',
  stopped: 'Stopped',
  failed: 'Failed',
};

function createButton(id: string, label: string, secondary: boolean, onClick: () => void): VscodeButton {
  const button = document.createElement('vscode-button');
  button.id = id;
  button.textContent = label;
  button.secondary = secondary;
  // A disabled vscode-button still lets click events bubble from its host element.
  button.addEventListener('click', () => {
    if (!button.disabled) onClick();
  });
  return button;
}

function fact(term: string): { wrapper: HTMLDivElement; value: HTMLElement } {
  const wrapper = document.createElement('div');
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  wrapper.append(dt, dd);
  return { wrapper, value: dd };
}

export class RunHeader {
  readonly element: HTMLElement;
  private readonly nameElement: HTMLHeadingElement;
  private readonly idElement: HTMLParagraphElement;
  private readonly statusBadge: HTMLElement;
  private readonly values: Record<'method' | 'backend' | 'dataset' | 'epoch' | 'step' | 'elapsed', HTMLElement>;
  private readonly stopButton: VscodeButton;
  private readonly errorElement: HTMLDivElement;

  constructor(actions: RunHeaderActions) {
    this.element = document.createElement('header');
    this.element.className = 'run-header';

    const title = document.createElement('div');
    title.className = 'run-title';
    this.nameElement = document.createElement('h1');
    this.statusBadge = document.createElement('vscode-badge');
    this.statusBadge.id = 'run-status';
    title.append(this.nameElement, this.statusBadge);

    this.idElement = document.createElement('p');
    this.idElement.className = 'run-id';

    const facts = document.createElement('dl');
    facts.className = 'run-facts';
    const method = fact('Method');
    const backend = fact('Backend');
    const dataset = fact('Dataset');
    const epoch = fact('Epoch');
    const step = fact('Step');
    const elapsed = fact('Elapsed');
    facts.append(method.wrapper, backend.wrapper, dataset.wrapper, epoch.wrapper, step.wrapper, elapsed.wrapper);
    this.values = {
      method: method.value,
      backend: backend.value,
      dataset: dataset.value,
      epoch: epoch.value,
      step: step.value,
      elapsed: elapsed.value,
    };

    const buttons = document.createElement('div');
    buttons.className = 'run-actions';
    this.stopButton = createButton('stop-run', 'Stop', false, actions.stop);
    this.stopButton.disabled = true;
    buttons.append(
      this.stopButton,
      createButton('show-log', 'Show Log', true, actions.showLog),
      createButton('export-csv', 'Export CSV', true, actions.exportCsv),
      createButton('reset-zoom', 'Reset zoom', true, actions.resetZoom),
    );
    const hint = document.createElement('p');
    hint.className = 'zoom-hint';
    hint.textContent =
      'Step charts: drag to zoom, Shift+drag to pan, Ctrl+wheel to zoom. On a focused chart, + and - zoom, the arrow keys pan and 0 resets.';

    this.errorElement = document.createElement('div');
    this.errorElement.className = 'run-error';
    this.errorElement.setAttribute('role', 'alert');
    this.errorElement.hidden = true;

    this.element.append(title, this.idElement, facts, buttons, hint, this.errorElement);
  }

  update(facts: RunFacts): void {
    this.nameElement.textContent = facts.name;
    this.idElement.textContent = facts.runId;
    this.statusBadge.textContent = STATUS_TEXT[facts.status];
    this.statusBadge.className = `status status-${facts.status}`;
    this.values.method.textContent = facts.method ?? 'unknown';
    this.values.backend.textContent = facts.backend ?? 'unknown';
    this.values.dataset.textContent = facts.dataset ?? 'unknown';
    this.values.epoch.textContent = this.progress(facts.epoch, facts.totalEpochs);
    this.values.step.textContent = this.progress(facts.step, facts.totalSteps);
    this.values.elapsed.textContent = facts.elapsedMs === undefined ? 'n/a' : formatDuration(facts.elapsedMs);
    this.stopButton.disabled = facts.status !== 'running';

    const failed = facts.status === 'failed';
    this.errorElement.hidden = !failed;
    this.errorElement.textContent = failed
      ? `The run failed: ${facts.error === undefined ? 'the trainer recorded no error message; see Show Log.' : describeRunError(facts.error)}`
      : '';
  }

  setElapsed(elapsedMs: number | undefined): void {
    this.values.elapsed.textContent = elapsedMs === undefined ? 'n/a' : formatDuration(elapsedMs);
  }

  private progress(value: number | undefined, total: number | undefined): string {
    if (value === undefined) return total === undefined ? 'n/a' : `0 / ${total}`;
    return total === undefined ? String(value) : `${value} / ${total}`;
  }
}
