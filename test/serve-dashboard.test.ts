/**
 * The dashboard of `adtc serve` in a real browser (Debian's chromium driven by playwright-core), used as an
 * operator uses it, against the API-server double and a Prometheus API double whose query value the test sets:
 * the pages load (and refuse strangers and other sites); an ADT with a mistake shows its diagnostic on its line;
 * a launch from the editor deploys; the front page shows the app's workloads and policies; the charts draw the
 * loop's evaluations from the decision log; an update from the editor brings a rule error, shown with its ADT
 * line and linked to it; undeploy from the page removes the app. One server and one browser for the whole
 * suite; a screenshot of each failing step goes to dist/test-artifacts/serve-dashboard/.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { PrometheusApiDouble } from './doubles/prometheus-api.js';
import { startServe, until } from './harness/serve.js';
import type { Served } from './harness/serve.js';
import { repoRoot } from './harness/paths.js';

const artifacts = join(repoRoot, 'dist/test-artifacts/serve-dashboard');
const USER = { username: 'viewer', password: 'dash-board-1' };

const WEB_ADT = `tosca_definitions_version: tosca_simple_yaml_1_2

imports:
  - https://raw.githubusercontent.com/micado-scale/tosca/v0.12.0/micado_types.yaml

repositories:
  docker_hub: https://hub.docker.com/

topology_template:
  node_templates:
    web:
      type: tosca.nodes.MiCADO.Container.Application.Docker.Deployment
      properties:
        image: nginx:1.25

  policies:
    - web-scaling:
        type: tosca.policies.Scaling.MiCADO
        targets: [ web ]
        properties:
          min_instances: 1
          max_instances: 3
          queries:
            LOAD: 'web_load'
          scaling_rule: |
            if LOAD is not None and LOAD > 50:
              m_container_count += 1
            print('load', LOAD)
`;
/** The same ADT with a property name mistyped on line 14. */
const MISTAKE = WEB_ADT.replace('        image: nginx:1.25', '        imag: nginx:1.25');
/** The rule divides by zero at ADT line 28. */
const FAILING_RULE = WEB_ADT.replace("            print('load', LOAD)", '            spread = 1 / (LOAD - LOAD)');

interface Context {
  prometheus: PrometheusApiDouble;
  served: Served;
  browser: Browser;
  page: Page;
  /** Errors the pages' scripts raised, or the browser refused (CSP). */
  pageErrors: string[];
}

const s = suite<Context>('adtc serve: the dashboard in chromium');

s.before(async (c) => {
  c.prometheus = await PrometheusApiDouble.start();
  c.prometheus.values.set('web_load', 20);
  c.served = await startServe({ credentials: { kind: 'basic', user: USER.username, password: USER.password }, serve: { prometheusUrl: c.prometheus.url } });
  c.browser = await chromium.launch({ executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  c.page = await (await c.browser.newContext({ httpCredentials: USER })).newPage();
  c.pageErrors = [];
  c.page.on('pageerror', (e) => c.pageErrors.push(e.message));
  // A refused answer (422 for an invalid ADT, 404 once undeployed) is logged by chromium too; those are expected.
  c.page.on('console', (m) => void (m.type() === 'error' && !m.text().startsWith('Failed to load resource') && c.pageErrors.push(m.text())));
  await mkdir(artifacts, { recursive: true });
});

s.after(async (c) => {
  await c.browser?.close();
  await c.served?.stop();
  await c.prometheus?.close();
});

/** Runs a step; on failure keeps a screenshot named after it. */
function step(name: string, body: (c: Context) => Promise<void>): void {
  s(name, async (c) => {
    try {
      await body(c);
      assert.equal(c.pageErrors, [], 'no script error and no resource refused by the Content-Security-Policy');
    } catch (error) {
      const shot = join(artifacts, `${name.replace(/\W+/g, '-').slice(0, 60)}.png`);
      await c.page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
      console.error(`screenshot: ${shot}\nserver output:\n${c.served.output().slice(-3000)}`);
      throw error;
    }
  });
}

/** The 1-based line of the textarea's caret. */
const caretLine = (page: Page) =>
  page.locator('#adt').evaluate((t) => {
    const area = t as unknown as { value: string; selectionStart: number };
    return area.value.slice(0, area.selectionStart).split('\n').length;
  });

step('the pages load with a strict Content-Security-Policy, and refuse strangers and other sites', async ({ page, served, browser }) => {
  const front = await page.goto(`${served.url}/`);
  assert.is(front?.status(), 200);
  assert.match(front?.headers()['content-security-policy'] ?? '', /script-src 'self';.*frame-ancestors 'none'/);
  assert.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Applications');
  assert.match((await page.textContent('main')) ?? '', /No application is deployed/);
  await page.getByRole('link', { name: 'Launch a new application' }).click();
  await page.waitForURL(/\/dashboard\/editor$/);
  assert.is(await page.getByRole('heading', { level: 1 }).textContent(), 'Launch a new application');
  // The editor's script ran: the gutter numbers the (empty) text's one line.
  await page.locator('#gutter span[data-line="1"]').waitFor();
  assert.is(await page.getByLabel('ADT (TOSCA YAML)').inputValue(), '');

  // Headless chromium turns a 401 page into a navigation error, so the browser's own request API asks.
  const stranger = await browser.newContext();
  const refused = await stranger.request.get(`${served.url}/dashboard/editor`);
  assert.is(refused.status(), 401);
  assert.match(refused.headers()['www-authenticate'] ?? '', /^Basic realm="adtc"/);
  await stranger.close();
  // A page of another site posting to the API with the user's credentials (CSRF) is refused before anything is queued.
  const forged = await page.request.post(`${served.url}/toscasubmitter/v1.0/app/launch/`, { headers: { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' }, multipart: { id: 'forged', file: { name: 'adt.yaml', mimeType: 'text/yaml', buffer: Buffer.from(WEB_ADT) } } });
  assert.is(forged.status(), 403);
  assert.match((await forged.json()).message, /another site/);
  assert.equal(served.api.get('apps/v1', 'Deployment', 'web', 'default'), undefined);
});

step('an ADT with a mistake shows its diagnostic on the right line, and choosing it puts the caret there, all from the keyboard', async ({ page }) => {
  // From the keyboard: Ctrl+Enter in the text validates, Enter on a diagnostic goes to its line.
  await page.getByLabel('ADT (TOSCA YAML)').fill(MISTAKE);
  await page.getByLabel('ADT (TOSCA YAML)').press('Control+Enter');
  await page.getByText(/^Not valid: 1 error, 0 warnings\.$/).waitFor();
  const diagnostic = page.locator('#diagnostics li button').filter({ hasText: 'ADT4001' });
  assert.match((await diagnostic.textContent()) ?? '', /^error ADT4001 line 14:9: 'imag' is not a property of node type 'tosca\.nodes\.MiCADO\.Container\.Application\.Docker\.Deployment'/);
  // The line is marked in the gutter, and only that line.
  assert.equal(await page.locator('#gutter span.error').evaluateAll((spans) => spans.map((span) => span.getAttribute('data-line'))), ['14']);
  await diagnostic.focus();
  await page.keyboard.press('Enter');
  assert.is(await caretLine(page), 14);
  assert.is(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id), 'adt', 'the textarea has the focus');
  assert.match((await page.getByLabel('ADT (TOSCA YAML)').inputValue()).split('\n')[13] ?? '', /imag: nginx/);
});

step('a launch from the editor deploys: progress until deployed, then the app on the front page', async ({ page, served }) => {
  await page.getByLabel('ADT (TOSCA YAML)').fill(WEB_ADT);
  await page.getByLabel('Application id').fill('web');
  await page.getByRole('button', { name: 'Launch' }).click();
  await until('the launch to end', async () => ((await page.locator('#operation p[data-phase]').getAttribute('data-phase').catch(() => null)) ?? '').match(/^(deployed|failed)$/)?.[0], 120_000);
  assert.is(await page.locator('#operation p[data-phase]').getAttribute('data-phase'), 'deployed', await page.textContent('#operation') ?? '');
  assert.ok((await page.locator('#operation li').count()) > 0, 'progress lines were shown');
  assert.match(await page.textContent('#diagnostics-summary') ?? '', /^Valid: 0 errors, 0 warnings\.$/);
  assert.ok(served.api.get('apps/v1', 'Deployment', 'web', 'default'), 'the Deployment exists in the cluster');
  await page.waitForURL(/\/dashboard\/editor\/web$/);

  // The front page: the app, its Deployment desired 1 / ready 1, and its policy's last decision with the logged inputs.
  await until('the front page to show a policy decision', async () => {
    await page.goto(`${served.url}/`);
    return (await page.getByRole('table', { name: 'Policies: last decision' }).count()) > 0 ? true : undefined;
  }, 120_000);
  assert.match(await page.getByRole('heading', { level: 2 }).first().textContent() ?? '', /^web\s+deployed$/);
  const row = page.getByRole('table', { name: 'Workloads' }).getByRole('row', { name: /Deployment default\/web/ });
  assert.equal(await row.locator('td').allTextContents(), ['1', '1']);
  const policy = page.getByRole('table', { name: 'Policies: last decision' }).getByRole('row', { name: /^web\b/ });
  const inputs = JSON.parse((await policy.locator('td').nth(1).textContent()) ?? '{}') as Record<string, unknown>;
  assert.is(inputs['LOAD'], 20);
  assert.match((await policy.locator('td').nth(3).textContent()) ?? '', /^load 20/);
});

step('the charts draw the evaluations of the decision log, with the scale-ups marked', async ({ page, served, prometheus }) => {
  prometheus.values.set('web_load', 80);
  await page.getByRole('link', { name: 'Charts and rule errors of web' }).click();
  await page.waitForURL(/\/dashboard\/app\/web$/);
  // The loop scales up once a cycle until the policy's maximum; the page refreshes itself meanwhile.
  const replicas = page.getByRole('img', { name: 'web: replicas and decisions' });
  await until('two scale-ups on the chart', async () => ((await replicas.locator('.mark.up').count()) >= 2 ? true : undefined), 120_000);
  assert.ok((await replicas.locator('circle.point').count()) >= 3, 'the replica count is drawn');
  const queries = page.getByRole('img', { name: 'web: query values' });
  assert.ok((await queries.locator('[data-series="LOAD"] circle.point').count()) >= 3, 'LOAD is drawn');
  assert.match((await queries.locator('desc').textContent()) ?? '', /^LOAD from 20 to 80/);

  // The data table holds the very evaluations the decision log has.
  await page.getByText(/^Data table/).click();
  const table = page.getByRole('table', { name: /^web: evaluations/ });
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
  const log = (await readFile(join(served.dir, 'state', 'web', 'decisions.jsonl'), 'utf8')).split('\n').filter((l) => l.includes('"decision"')).map((l) => JSON.parse(l) as { ts: string; action: string; inputs?: { LOAD?: number } });
  assert.ok(rows.length >= 3 && rows.length <= log.length, `${rows.length} rows, ${log.length} records`);
  for (const [time, load, , , action] of rows) {
    assert.ok(log.some((r) => r.ts.slice(11, 19) === time && r.action === action && String(r.inputs?.LOAD ?? '—') === load), `row ${time} ${load} ${action} is in the log`);
  }
  assert.ok(rows.some((r) => r[4] === 'scale Deployment/web 1 → 2'), 'the first scale-up is listed');
});

step('an update from the editor is deployed, and its rule error is shown with its ADT line and linked to it', async ({ page, served }) => {
  await page.getByRole('link', { name: 'Edit and update the ADT' }).click();
  await page.waitForURL(/\/dashboard\/editor\/web$/);
  assert.is(await page.getByLabel('ADT (TOSCA YAML)').inputValue(), WEB_ADT, 'the editor opens the deployed ADT');
  await page.getByLabel('ADT (TOSCA YAML)').fill(FAILING_RULE);
  await page.getByRole('button', { name: 'Update' }).click();
  await until('the update to end', async () => ((await page.locator('#operation p[data-phase]').getAttribute('data-phase').catch(() => null)) ?? '').match(/^(deployed|failed)$/)?.[0], 120_000);
  assert.is(await page.locator('#operation p[data-phase]').getAttribute('data-phase'), 'deployed', await page.textContent('#operation') ?? '');

  await until('the rule error on the app page', async () => {
    await page.goto(`${served.url}/dashboard/app/web`);
    return (await page.getByRole('table', { name: /^Rule errors/ }).count()) > 0 ? true : undefined;
  }, 120_000);
  const error = page.getByRole('table', { name: /^Rule errors/ }).getByRole('row', { name: /^web\b/ });
  const cells = await error.locator('td').allTextContents();
  assert.match(cells[1] ?? '', /float division by zero$/);
  assert.match(cells[2] ?? '', /^adt\.yaml line 28$/);
  assert.is(cells[3], 'spread = 1 / (LOAD - LOAD)');
  await error.getByRole('link').click();
  await page.waitForURL(/\/dashboard\/editor\/web#line-28$/);
  await page.locator('#gutter span.current[data-line="28"]').waitFor();
  assert.is(await caretLine(page), 28);
});

step('undeploy from the page asks first, then removes the app', async ({ page, served }) => {
  await page.goto(`${served.url}/`);
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'Undeploy web' }).click();
  await until('the undeploy to end', async () => served.api.get('apps/v1', 'Deployment', 'web', 'default') === undefined || undefined, 120_000);
  assert.match(asked, /^Undeploy web\?/);
  await until('the front page to show no app', async () => {
    await page.goto(`${served.url}/`);
    return /No application is deployed/.test((await page.textContent('main')) ?? '') || undefined;
  }, 60_000);
});

s.run();
