// Entry point of the compare webview (bundled to dist/webview/compare.js).
import '../shared/litNonce';
import '../shared/elements';
import { isHostToWebviewMessage } from '../contract/panelMessages';
import { registerChartJs } from '../charts/registerChartJs';
import { readBootState } from '../shared/bootState';
import { currentPalette, watchTheme } from '../shared/themeWatcher';
import { vscodeApi } from '../shared/vscodeApi';
import { CompareApp } from './compareApp';

registerChartJs();
const api = vscodeApi();
const boot = readBootState(document.body, 'compare');
if (boot !== undefined) api.setState(boot);

const root = document.getElementById('app') ?? document.body;
const app = new CompareApp(root, boot?.runIds ?? [], currentPalette());
watchTheme((palette) => app.setPalette(palette));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToWebviewMessage(event.data)) app.handleMessage(event.data);
});
api.postMessage({ type: 'ready' });
