// Reads the panel kind and run ids that the host writes into the page's body attributes. They are
// there before any message arrives, so the panel can save its state even if the host never replies.
import type { PanelKind, PanelState } from '../contract/panelMessages';
import { isPanelState } from '../contract/panelMessages';

/** Reads data-panel and data-run-ids (a JSON array) from the body; undefined when they are missing or invalid. */
export function readBootState(body: HTMLElement, expected: PanelKind): PanelState | undefined {
  let runIds: unknown;
  try {
    runIds = JSON.parse(body.dataset['runIds'] ?? 'null');
  } catch {
    return undefined;
  }
  const state: unknown = { panel: body.dataset['panel'], runIds };
  return isPanelState(state) && state.panel === expected ? state : undefined;
}
