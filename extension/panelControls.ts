// The operations the commands need from the dashboard and compare panels.

export interface PanelControls {
  openDashboard(runId: string): void | Promise<void>;
  openCompare(runIds: readonly string[]): void | Promise<void>;
}
