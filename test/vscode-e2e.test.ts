/**
 * The .vsix in a real VS Code: code-server 4.100.3 (VS Code 1.100.3, see
 * test/harness/code-server.ts) driven in Debian's headless Chromium with
 * playwright-core. One code-server serves a workspace with a broken ADT and a
 * valid one; each test checks what a user sees: squiggles on the right lines,
 * hover text, the Problems panel (each problem once), completion from the
 * server, a quick fix, the three ADT commands, and no activation error in the
 * extension host's log. A failing test leaves a screenshot in
 * dist/test-artifacts/vscode/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startCodeServer, type CodeServer } from './harness/code-server.js';
import { corpusRoot, fixturesRoot, repoRoot } from './harness/paths.js';

interface Context {
  dir: string;
  server: CodeServer;
  browser: Browser;
  page: Page;
}

const test = suite<Context>('vscode', {} as Context);
const artifacts = join(repoRoot, 'dist/test-artifacts/vscode');
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const LONG = 90_000;

test.before(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'adtc-vscode-'));
  const vsix = join(ctx.dir, 'micado-adt.vsix');
  execFileSync(process.execPath, [join(repoRoot, 'vscode-extension/scripts/package.mjs'), vsix], { stdio: 'pipe' });
  const workspace = join(ctx.dir, 'workspace');
  mkdirSync(workspace);
  copyFileSync(join(fixturesRoot, 'lsp/problems.yaml'), join(workspace, 'problems.yaml'));
  copyFileSync(join(corpusRoot, 'micado-scale+ansible-micado/demos/stressng/stressng_ec2.yaml'), join(workspace, 'app.yaml'));
  ctx.server = await startCodeServer(ctx.dir, vsix, {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'files.autoSave': 'afterDelay',
    'files.autoSaveDelay': 200,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
  });
  ctx.browser = await chromium.launch({ executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  ctx.page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
  ctx.page.setDefaultTimeout(LONG);
  await ctx.page.goto(`${ctx.server.url}/?folder=${encodeURIComponent(workspace)}`);
  await ctx.page.waitForSelector('.monaco-workbench .part.statusbar');
});

test.after(async (ctx) => {
  await ctx.browser?.close();
  ctx.server?.stop();
  rmSync(ctx.dir, { recursive: true, force: true });
});

/** Runs `check`, keeping a screenshot of the workbench when it fails. */
function step(name: string, check: (ctx: Context) => Promise<void>): void {
  test(name, async (ctx) => {
    try {
      // Close whatever widget a previous step left open.
      await ctx.page.keyboard.press('Escape');
      await ctx.page.keyboard.press('Escape');
      await check(ctx);
    } catch (error) {
      mkdirSync(artifacts, { recursive: true });
      await ctx.page?.screenshot({ path: join(artifacts, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`) }).catch(() => undefined);
      throw error;
    }
  });
}

async function command(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens `name` alone in one editor group (edits are saved automatically, so closing asks nothing). */
async function openFile(page: Page, name: string): Promise<void> {
  await command(page, 'View: Close All Editor Groups');
  await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached' });
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container.active .tab.active', { hasText: name }).waitFor();
  // Focus the text, so the editor's context (its language) decides which commands the palette offers.
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
}

async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await page.locator('.quick-input-widget', { hasText: `line ${line}` }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: `Ln ${line},` }).first().waitFor();
}

/** The line numbers that carry an error squiggle in the active editor (run in the page, so written as text). */
function squiggleLines(page: Page): Promise<number[]> {
  return page.evaluate(`(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return [];
    const tops = new Set([...editor.querySelectorAll('.view-overlays > div')].filter((d) => d.querySelector('.squiggly-error')).map((d) => d.style.top));
    return [...editor.querySelectorAll('.margin-view-overlays > div')].filter((d) => tops.has(d.style.top)).map((d) => Number(d.querySelector('.line-numbers')?.textContent)).sort((a, b) => a - b);
  })()`);
}

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + LONG;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${LONG / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
    last = await probe();
  }
  return last;
}

/** The rows of the Problems panel, as text. */
async function problems(page: Page): Promise<string[]> {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => rows.map((r) => (r as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ')));
}

const count = (rows: readonly string[], code: string) => rows.filter((r) => r.includes(code)).length;

step('an ADT shows squiggles on the lines of its problems, with the message on hover', async ({ page }) => {
  await openFile(page, 'problems.yaml');
  await waitFor('squiggled lines', () => squiggleLines(page), (lines) => lines.length >= 3);
  assert.equal(await squiggleLines(page), [9, 14, 18]);
  await page.locator('.statusbar-item', { hasText: 'ADT' }).first().waitFor();

  const squiggle = page.locator('.editor-group-container.active .view-overlays .squiggly-error').first();
  const box = (await squiggle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'ADT3001' });
  await hover.waitFor();
  assert.match(await hover.innerText(), /No node type named 'tosca\.nodes\.MiCADO\.Container\.Application\.Docker\.Deploymnt'/);
  await page.keyboard.press('Escape');
});

step('the Problems panel lists each problem once', async ({ page }) => {
  await command(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const rows = await waitFor('problems', () => problems(page), (r) => ['ADT3001', 'ADT4002', 'ADT4540'].every((c) => count(r, c) > 0));
  assert.equal(['ADT3001', 'ADT4002', 'ADT4540'].map((c) => count(rows, c)), [1, 1, 1], rows.join('\n'));
  assert.ok(rows.some((r) => /ADT3001.*\[Ln 9, Col 13\]/.test(r)), rows.join('\n'));
});

step('the quick fix for a misspelled type removes the error', async ({ page }) => {
  await openFile(page, 'problems.yaml');
  await goToLine(page, 9);
  await page.keyboard.press('End');
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'tosca.nodes.MiCADO.Container.Application.Docker.Deployment' }).first();
  await fix.waitFor();
  // The preferred fix is focused; Enter applies it, as a user would.
  await page.keyboard.press('Enter');
  await waitFor('squiggled lines after the fix', () => squiggleLines(page), (lines) => !lines.includes(9));
  assert.equal(await squiggleLines(page), [14, 18]);
});

step('completion comes from the server: the properties of the node type', async ({ page }) => {
  await openFile(page, 'problems.yaml');
  await goToLine(page, 11);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  const rows = page.locator('.suggest-widget.visible .monaco-list-row');
  await rows.first().waitFor();
  const items = await rows.evaluateAll((list) => list.map((r) => ({ label: (r.querySelector('.label-name') as unknown as { innerText: string } | null)?.innerText ?? '', icon: r.querySelector('.suggest-icon')?.className ?? '' })));
  assert.ok(items.some((i) => i.label === 'command' && !i.icon.includes('symbol-text')), JSON.stringify(items));
  assert.not.ok(items.every((i) => i.icon.includes('symbol-text')), 'not only VS Code word completion');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Z');
});

step('ADT: Validate workspace reports the files and leaves each problem listed once', async ({ page }) => {
  await command(page, 'ADT: Validate workspace');
  await page.locator('.notification-list-item-message', { hasText: /ADT: 2 files checked, 2 errors/ }).first().waitFor();
  await command(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const rows = await waitFor('problems', () => problems(page), (r) => count(r, 'ADT4540') > 0 && count(r, 'ADT3001') === 0);
  assert.equal(['ADT4002', 'ADT4540'].map((c) => count(rows, c)), [1, 1], rows.join('\n'));
});

step('ADT: Show compiled plan on a broken ADT explains in valid JSON; on a valid ADT shows the plan with the real version', async ({ page }) => {
  await openFile(page, 'problems.yaml');
  await command(page, 'ADT: Show compiled plan');
  await page.locator('.editor-group-container.active .tab.active', { hasText: 'plan.json' }).waitFor();
  await page.locator('.editor-group-container.active .view-lines', { hasText: 'The ADT does not compile' }).waitFor();
  await command(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  await new Promise((r) => setTimeout(r, 1000));
  const rows = await problems(page);
  assert.equal(rows.filter((r) => /plan\.json|JSON/i.test(r) && !/ADT\d{4}/.test(r)), [], 'VS Code reports no broken JSON');

  await openFile(page, 'app.yaml');
  await command(page, 'ADT: Show compiled plan');
  await page.locator('.editor-group-container.active .tab.active', { hasText: 'plan.json' }).waitFor();
  const plan = page.locator('.editor-group-container.active .view-lines', { hasText: '"adtc"' });
  await plan.waitFor();
  assert.match(await plan.innerText(), new RegExp(`"version":\\s*"${version.replace(/\./g, '\\.')}"`));
});

step('ADT: Preview Kubernetes manifests shows the manifests', async ({ page }) => {
  await openFile(page, 'app.yaml');
  await command(page, 'ADT: Preview Kubernetes manifests');
  await page.locator('.editor-group-container.active .tab.active', { hasText: 'manifests.yaml' }).waitFor();
  await page.locator('.editor-group-container.active .view-lines', { hasText: 'kind: Deployment' }).waitFor();
});

step('the extension activated without errors', async ({ server }) => {
  const logs: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.log')) logs.push(join(d, e.name));
    }
  };
  walk(join(server.userDataDir, 'logs'));
  const hostLog = logs.filter((f) => f.endsWith('exthost.log')).map((f) => readFileSync(f, 'utf8')).join('\n');
  assert.match(hostLog, /adtc\.micado-adt/, 'the extension host loaded the extension');
  const problemsInLogs = logs.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => /adtc|micado-adt|MiCADO ADT/.test(l) && /error|failed|already exists|cannot find/i.test(l)));
  assert.equal(problemsInLogs, []);
});

test.run();
