/**
 * The dashboard of `adtc serve` in a real browser (Debian's chromium driven by playwright-core): after a launch
 * through the submitter API, the page lists the app with its workloads (desired and ready) and, once the loop
 * has run, each policy's last decision with the inputs its log record holds; without credentials the browser gets 401. A screenshot is kept on failure.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { curl, startServe, STRESSNG_ADT, until } from './harness/serve.js';

const s = suite('adtc serve: the dashboard in chromium');

s('the page shows the launched app, its workloads and its policies', async () => {
  const served = await startServe({ credentials: { kind: 'basic', user: 'viewer', password: 'dash-board-1' } });
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ httpCredentials: { username: 'viewer', password: 'dash-board-1' } });
  const page = await context.newPage();
  try {
    const empty = await page.goto(`${served.url}/`);
    assert.is(empty?.status(), 200);
    assert.match(await page.textContent('main') ?? '', /No application is deployed/);
    const launch = await curl(['-u', 'viewer:dash-board-1', '-F', `file=@${STRESSNG_ADT}`, '-F', 'id=stress', `${served.url}/toscasubmitter/v1.0/app/launch/`]);
    assert.is(launch.status, 200, launch.body);
    // The loop picks the app up and decides; the page shows the decision once a cycle has run.
    await until('the dashboard to show a policy decision', async () => {
      await page.goto(`${served.url}/`);
      const policies = page.getByRole('table', { name: 'Policies: last decision' });
      return (await policies.count()) > 0 ? true : undefined;
    }, 120_000);
    assert.match(await page.getByRole('heading', { level: 2 }).first().textContent() ?? '', /stress\s+deployed/);
    const workloads = page.getByRole('table', { name: 'Workloads' });
    const row = workloads.getByRole('row', { name: /Deployment default\/stressng/ });
    assert.equal(await row.locator('td').allTextContents(), ['1', '1']);
    const policies = page.getByRole('table', { name: 'Policies: last decision' });
    assert.equal(await policies.locator('thead th').allTextContents(), ['Policy', 'Decision', 'Inputs', 'Outputs', 'Printed']);
    const policyRows = await policies.locator('tbody tr th').allTextContents();
    assert.ok(policyRows.length >= 1, `policies: ${policyRows.join(', ')}`);
    // The page shows the inputs of each policy's last record in the decision log.
    const log = (await readFile(join(served.dir, 'state', 'stress', 'decisions.jsonl'), 'utf8')).split('\n').filter((l) => l.includes('"decision"')).map((l) => JSON.parse(l) as { policy: string; inputs?: unknown });
    for (const policy of policyRows) {
      const cells = await policies.getByRole('row', { name: new RegExp(`^${policy}\\b`) }).locator('td').allTextContents();
      const shown = cells[1] ?? '';
      const logged = [...log].reverse().find((r) => r.policy === policy);
      assert.ok(logged, `a logged decision for ${policy}`);
      if (logged!.inputs !== undefined) assert.equal(JSON.parse(shown), logged!.inputs, `inputs of ${policy}`);
    }

    // Headless chromium turns a 401 page into a navigation error, so the browser's own request API asks.
    const stranger = await browser.newContext();
    const refused = await stranger.request.get(`${served.url}/`);
    assert.is(refused.status(), 401);
    assert.match(refused.headers()['www-authenticate'] ?? '', /^Basic realm="adtc"/);
    await stranger.close();
  } catch (error) {
    const shot = join(tmpdir(), `adtc-serve-dashboard-${Date.now()}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    console.error(`screenshot: ${shot}`);
    throw error;
  } finally {
    await browser.close();
    await served.stop();
  }
});

s.run();
