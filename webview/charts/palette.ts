// Chart colors from VS Code's theme variables. The webview host sets --vscode-* custom
// properties on the document and a vscode-light, vscode-dark or vscode-high-contrast class on
// the body, and changes both when the user switches themes.
import type { Tone } from './chartCatalog';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ChartPalette {
  readonly kind: ThemeKind;
  readonly foreground: string;
  readonly mutedForeground: string;
  readonly grid: string;
  readonly background: string;
  readonly tones: Readonly<Record<Tone, string>>;
  readonly fontFamily: string;
  readonly fontSize: number;
  /** Line width in CSS pixels; high-contrast themes get thicker lines. */
  readonly lineWidth: number;
  readonly markerRadius: number;
}

/** Used when a variable is missing, e.g. outside VS Code; values of the Dark Modern theme. */
const DARK_FALLBACKS: Readonly<Record<string, string>> = {
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
};

/** Values of the Light Modern theme. */
const LIGHT_FALLBACKS: Readonly<Record<string, string>> = {
  '--vscode-editor-foreground': '#3b3b3b',
  '--vscode-descriptionForeground': '#717171',
  '--vscode-editor-background': '#ffffff',
  '--vscode-charts-lines': 'rgba(97, 97, 97, 0.5)',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#388a34',
  '--vscode-charts-purple': '#652d90',
  '--vscode-charts-yellow': '#bf8803',
  '--vscode-charts-red': '#e51400',
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
};

/** Reads the theme kind from the body's classes; vscode-high-contrast-light also carries vscode-high-contrast. */
export function themeKindOf(bodyClasses: Iterable<string>): ThemeKind {
  const classes = new Set(bodyClasses);
  if (classes.has('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.has('vscode-high-contrast')) return 'high-contrast';
  if (classes.has('vscode-light')) return 'light';
  return 'dark';
}

/**
 * Builds the palette from a reader of CSS custom properties (getComputedStyle(...).getPropertyValue
 * in the page) and the body's classes.
 */
export function readPalette(readVariable: (name: string) => string, bodyClasses: Iterable<string>): ChartPalette {
  const kind = themeKindOf(bodyClasses);
  const fallbacks = kind === 'light' || kind === 'high-contrast-light' ? LIGHT_FALLBACKS : DARK_FALLBACKS;
  const read = (name: string, fallbackName = name): string => {
    const value = readVariable(name).trim();
    return value !== '' ? value : (fallbacks[fallbackName] ?? '');
  };
  const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const foreground = read('--vscode-editor-foreground');
  const contrastBorder = readVariable('--vscode-contrastBorder').trim();
  const fontSize = Number.parseFloat(read('--vscode-font-size'));

  return {
    kind,
    foreground,
    mutedForeground: read('--vscode-descriptionForeground'),
    // High-contrast themes draw grids in the contrast border color so they stay visible.
    grid: highContrast && contrastBorder !== '' ? contrastBorder : read('--vscode-charts-lines'),
    background: read('--vscode-editor-background'),
    tones: {
      blue: read('--vscode-charts-blue'),
      orange: read('--vscode-charts-orange'),
      green: read('--vscode-charts-green'),
      purple: read('--vscode-charts-purple'),
      yellow: read('--vscode-charts-yellow'),
      red: read('--vscode-charts-red'),
      foreground,
    },
    fontFamily: read('--vscode-font-family'),
    fontSize: Number.isFinite(fontSize) ? fontSize : 13,
    lineWidth: highContrast ? 2.5 : 1.5,
    markerRadius: highContrast ? 3.5 : 2.5,
  };
}

/** Run colors of the compare view, in run order; after six runs the colors repeat with other dash patterns. */
export const RUN_TONES: readonly Tone[] = ['blue', 'orange', 'green', 'purple', 'yellow', 'red'];

/** Dash pattern of a line variant, in CSS pixels; variant 0 is solid. */
export function dashPattern(variant: number, lineWidth: number): number[] {
  switch (variant % 4) {
    case 0:
      return [];
    case 1:
      return [6 * lineWidth, 3 * lineWidth];
    case 2:
      return [1.5 * lineWidth, 2.5 * lineWidth];
    default:
      return [8 * lineWidth, 3 * lineWidth, 1.5 * lineWidth, 3 * lineWidth];
  }
}
