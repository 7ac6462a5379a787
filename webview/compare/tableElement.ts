// Renders a TextTable as a vscode-table.
import type { TextTable } from '../model/compareTables';

/** Builds the table; columns are the initial widths ('22%', 'auto', ...), equal when undefined. */
export function createTableElement(table: TextTable, id: string, caption: string, columns?: string[]): HTMLElement {
  const element = document.createElement('vscode-table');
  if (columns !== undefined) element.columns = columns;
  element.id = id;
  element.setAttribute('aria-label', caption);
  element.zebra = true;
  element.borderedColumns = true;
  element.resizable = true;

  const header = document.createElement('vscode-table-header');
  header.slot = 'header';
  for (const text of table.headers) {
    const cell = document.createElement('vscode-table-header-cell');
    cell.textContent = text;
    header.append(cell);
  }

  const body = document.createElement('vscode-table-body');
  body.slot = 'body';
  for (const row of table.rows) {
    const rowElement = document.createElement('vscode-table-row');
    for (const text of row) {
      const cell = document.createElement('vscode-table-cell');
      cell.textContent = text;
      // Cells cut long text with an ellipsis; the tooltip shows all of it.
      cell.title = text;
      rowElement.append(cell);
    }
    body.append(rowElement);
  }
  element.append(header, body);
  return element;
}
