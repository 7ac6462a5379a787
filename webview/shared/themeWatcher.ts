// Re-reads the chart palette when VS Code switches themes: it swaps the body's vscode-light,
// vscode-dark or vscode-high-contrast class and rewrites the --vscode-* variables on <html>.
import type { ChartPalette } from '../charts/palette';
import { readPalette } from '../charts/palette';

export function currentPalette(): ChartPalette {
  const style = getComputedStyle(document.documentElement);
  return readPalette((name) => style.getPropertyValue(name), document.body.classList);
}

/** Calls onChange with the new palette after a theme change, once per burst of attribute changes. */
export function watchTheme(onChange: (palette: ChartPalette) => void): { dispose(): void } {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      onChange(currentPalette());
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return { dispose: () => observer.disconnect() };
}
