// Drives the VS Code workbench in the browser the way a person does: the command palette,
// quick picks, notifications, views, panels, editors and webviews. Selectors are VS Code's
// own class names as rendered by VS Code 1.139 (code-server 4.139.1).

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

/** Collapses whitespace so labels compare the way they read on screen. */
function normalize(text) {
  return text.replace(/\s+/g, ' ').trim();
}

function matches(text, expected) {
  return expected instanceof RegExp ? expected.test(normalize(text)) : normalize(text).includes(normalize(expected));
}

async function poll(check, { timeoutMs, intervalMs = 200, message }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(typeof message === 'function' ? await message() : message);
}

/** Waits until the workbench has rendered its parts. */
export async function waitForWorkbench(page, timeoutMs = 60_000) {
  await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: timeoutMs });
}

async function quickInputVisible(page) {
  return page.locator(QUICK_INPUT).isVisible();
}

async function closeQuickInput(page) {
  if (await quickInputVisible(page)) {
    await page.keyboard.press('Escape');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5000 });
  }
}

/** Opens the command palette: F1, or the command center when a webview kept the key. */
export async function openCommandPalette(page) {
  await closeQuickInput(page);
  await page.keyboard.press('F1');
  try {
    await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 3000 });
  } catch {
    await page.locator('.command-center .action-label').first().click();
    await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 5000 });
    await page.keyboard.type('>');
  }
}

/** Labels of the rows the open quick input shows. */
export async function quickInputLabels(page) {
  return page.locator(QUICK_INPUT_ROWS).evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
}

/** Clicks the quick input row whose text matches label. */
export async function pickQuickItem(page, label, { timeoutMs = 15_000 } = {}) {
  // Rows are read in one pass and clicked by index. The list re-renders while it filters, so a
  // click that misses a replaced row is retried.
  await poll(
    async () => {
      const index = (await quickInputLabels(page)).findIndex((text) => matches(text, label));
      if (index === -1) return false;
      return page
        .locator(QUICK_INPUT_ROWS)
        .nth(index)
        .click({ timeout: 2000 })
        .then(() => true)
        .catch(() => false);
    },
    { timeoutMs, message: async () => `No quick input row matching ${label}. Rows: ${JSON.stringify((await quickInputLabels(page)).map(normalize))}` },
  );
}

/**
 * Ticks the rows of a multi-select quick pick whose text matches each label, checking each
 * tick through the row's aria-checked state, then accepts the selection with OK.
 */
export async function checkQuickItems(page, labels, { timeoutMs = 15_000 } = {}) {
  for (const label of labels) {
    await poll(
      async () => {
        const states = await page
          .locator(QUICK_INPUT_ROWS)
          .evaluateAll((rows) => rows.map((row) => ({ text: row.textContent ?? '', checked: row.getAttribute('aria-checked') === 'true' })));
        const index = states.findIndex((state) => matches(state.text, label));
        if (index === -1) return false;
        if (states[index].checked) return true;
        // A row replaced while the list re-renders makes the click time out; the next poll retries.
        await page
          .locator(QUICK_INPUT_ROWS)
          .nth(index)
          .locator('.monaco-checkbox')
          .click({ timeout: 2000 })
          .catch(() => undefined);
        return false;
      },
      { timeoutMs, intervalMs: 300, message: async () => `Could not tick the quick pick row matching ${label}. Rows: ${JSON.stringify((await quickInputLabels(page)).map(normalize))}` },
    );
  }
  await page.locator('.quick-input-widget .quick-input-action .monaco-button', { hasText: 'OK' }).first().click({ timeout: 5000 });
}

/**
 * Runs a command from the palette by its title as shown there ("Category: Title"). A command
 * whose when-clause is not yet true (an extension still activating) is absent from the
 * palette, so the palette is reopened until the command appears or timeoutMs passes.
 */
export async function runCommand(page, title, { timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openCommandPalette(page);
    // The palette matches words fuzzily; a trailing ellipsis is part of the title, not typed.
    await page.keyboard.type(title.replace(/…$/, ''));
    try {
      await pickQuickItem(page, title, { timeoutMs: Math.min(3000, Math.max(500, deadline - Date.now())) });
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await closeQuickInput(page);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** Titles the palette offers for typed text, for checking that a command is not offered. */
export async function paletteTitles(page, text) {
  await openCommandPalette(page);
  await page.keyboard.type(text);
  // The list filters as the user types; give it a moment to settle.
  await page.waitForTimeout(1000);
  const labels = await page
    .locator(QUICK_INPUT_ROWS)
    .evaluateAll((rows) => rows.map((row) => row.querySelector('.label-name, .monaco-icon-label')?.textContent ?? row.textContent ?? ''));
  await closeQuickInput(page);
  return labels.map(normalize);
}

/** Texts of the notification toasts on screen. */
export async function notificationTexts(page) {
  return page
    .locator('.notifications-toasts .notification-list-item-message')
    .evaluateAll((items) => items.map((item) => item.textContent ?? ''));
}

/** Waits for a notification toast whose message matches; returns its text. */
export async function waitForNotification(page, expected, { timeoutMs = 30_000 } = {}) {
  return poll(async () => (await notificationTexts(page)).find((text) => matches(text, expected)), {
    timeoutMs,
    message: async () => `No notification matching ${expected} within ${timeoutMs} ms. Shown: ${JSON.stringify(await notificationTexts(page))}`,
  });
}

/** Opens a view container of the activity bar by its title, such as "Explorer". */
export async function openViewContainer(page, title) {
  const item = page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${title}"]`).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  const selected = await item.evaluate((element) => element.closest('.action-item')?.classList.contains('checked') ?? false);
  if (!selected) {
    await item.click();
  }
}

/** Returns the pane (header and body) of the view named viewName, such as "Runs". */
export function viewPane(page, viewName) {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator(`.pane-header[aria-label^="${viewName}"]`) });
}

/** Texts of the rows of a tree view. */
export async function treeRowTexts(page, viewName) {
  return viewPane(page, viewName)
    .locator('.monaco-list-row')
    .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('aria-label') ?? ''} ${row.textContent ?? ''}`));
}

/** Waits for a tree row of a view matching expected; returns its locator. */
export async function waitForTreeRow(page, viewName, expected, { timeoutMs = 30_000 } = {}) {
  // Rows are read in one pass, because the tree re-renders rows while runs change.
  const index = await poll(
    async () => {
      const texts = await treeRowTexts(page, viewName);
      const found = texts.findIndex((text) => matches(text, expected));
      return found === -1 ? undefined : found + 1;
    },
    { timeoutMs, message: async () => `No row matching ${expected} in view ${viewName} within ${timeoutMs} ms. Rows: ${JSON.stringify((await treeRowTexts(page, viewName)).map(normalize))}` },
  );
  return viewPane(page, viewName).locator('.monaco-list-row').nth(index - 1);
}

/** Codicon names (such as "pass" or "debug-stop") of the icons a tree row shows. */
export async function treeRowCodicons(row) {
  const classLists = await row.locator('[class*="codicon-"]').evaluateAll((icons) => icons.map((icon) => [...icon.classList]));
  return classLists.flat().filter((name) => name.startsWith('codicon-')).map((name) => name.slice('codicon-'.length));
}

/** Titles of the open editor tabs. */
export async function editorTabTitles(page) {
  return page.locator('.tabs-container .tab').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('aria-label') ?? tab.textContent ?? ''));
}

export async function waitForEditorTab(page, expected, { timeoutMs = 30_000 } = {}) {
  return poll(async () => (await editorTabTitles(page)).find((title) => matches(title, expected)), {
    timeoutMs,
    message: async () => `No editor tab matching ${expected} within ${timeoutMs} ms. Tabs: ${JSON.stringify(await editorTabTitles(page))}`,
  });
}

/**
 * Finds the content frame of a webview that contains selector. A VS Code webview is an iframe
 * (class "webview") whose URL ends in pre/index.html. It hosts the extension's document in a
 * nested iframe whose URL ends in pre/fake.html.
 */
export async function findWebviewFrame(page, selector, { timeoutMs = 30_000 } = {}) {
  return poll(
    async () => {
      for (const frame of page.frames()) {
        if (!frame.url().includes('/webview/browser/pre/fake.html') || frame.isDetached()) continue;
        try {
          if ((await frame.locator(selector).count()) > 0) return frame;
        } catch {
          // The frame navigated or detached while it was queried.
        }
      }
      return undefined;
    },
    { timeoutMs, message: `No webview contains ${selector} within ${timeoutMs} ms.` },
  );
}

/** Opens a file of the workspace with Quick Open, the way a person types its name. */
export async function openFile(page, relativePath) {
  await closeQuickInput(page);
  await page.keyboard.press('Control+P');
  await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(relativePath);
  const name = relativePath.split('/').pop();
  await pickQuickItem(page, name);
  await waitForEditorTab(page, name);
}

/** Texts of the rows of the Problems panel, once it is open. */
export async function problemTexts(page) {
  return page
    .locator('.markers-panel .monaco-list-row')
    .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('aria-label') ?? ''} ${row.textContent ?? ''}`));
}

export async function waitForProblem(page, expected, { timeoutMs = 30_000 } = {}) {
  return poll(async () => (await problemTexts(page)).find((text) => matches(text, expected)), {
    timeoutMs,
    message: async () => `No problem matching ${expected} within ${timeoutMs} ms. Problems: ${JSON.stringify((await problemTexts(page)).map(normalize))}`,
  });
}

/** Hovers the mouse over the first occurrence of text in the active editor; returns the hover's text. */
export async function hoverEditorText(page, text, { timeoutMs = 15_000 } = {}) {
  const token = page.locator('.editor-instance .view-lines .view-line span span', { hasText: text }).first();
  // The editor re-renders its tokens when syntax and semantic highlighting arrive, so the
  // token is looked up again until it has a position on screen.
  const box = await poll(() => token.boundingBox({ timeout: 1000 }).catch(() => null), {
    timeoutMs,
    message: `Text ${text} is not on screen in the active editor.`,
  });
  // Hover from the middle of the token's first few characters so the word under the mouse is the key.
  await page.mouse.move(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
  return poll(
    async () => {
      if (!(await hover.isVisible())) return undefined;
      const content = normalize((await hover.textContent({ timeout: 1000 }).catch(() => '')) ?? '');
      return content.length > 0 && !/^Loading/.test(content) ? content : undefined;
    },
    { timeoutMs, message: `No hover appeared over ${text} within ${timeoutMs} ms.` },
  );
}

/**
 * Lines a side-by-side diff editor marks as changed, read from its line decorations: the
 * original side's deleted lines and the modified side's inserted lines, top to bottom. Only
 * rendered lines count, so unchanged regions should be collapsed
 * (diffEditor.hideUnchangedRegions.enabled) or the changes fit on screen.
 */
export async function diffEditorChangedLines(page) {
  const sideLines = (side, decoration) =>
    page
      .locator(`.monaco-diff-editor .editor.${side}`)
      .first()
      .evaluate((editor, className) => {
        const tops = new Set([...editor.querySelectorAll(`.view-overlays .${className}`)].map((element) => element.parentElement?.style.top));
        return [...editor.querySelectorAll('.view-lines .view-line')]
          .filter((line) => tops.has(line.style.top))
          .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
          .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ').trim());
      }, decoration);
  await page.locator('.monaco-diff-editor .editor.modified .view-lines').first().waitFor({ state: 'visible', timeout: 30_000 });
  return { original: await sideLines('original', 'line-delete'), modified: await sideLines('modified', 'line-insert') };
}

export { poll, normalize };
