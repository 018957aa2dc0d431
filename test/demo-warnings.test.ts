/**
 * The warning budget of MiCADO's 35 official demos (README, "Warnings on the
 * official demos"): each family may produce exactly the warnings listed here,
 * each one a problem a careful author would act on. A new warning on a demo
 * is noise until shown otherwise; a warning that disappears means the budget
 * (and the README) must shrink with it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileSystemHost } from '../compiler/src/host.js';
import { compile } from '../compiler/src/plan/compile.js';
import { corpusRoot } from './harness/paths.js';

const DEMOS = join(corpusRoot, 'micado-scale+ansible-micado/demos');

/** Warnings per family and code, over all files of the family. */
// Every family: ADT4700 at each value the demos leave for the user to fill in (ADD_YOUR_ID_HERE, <REGION>, …),
// which would reach the cloud as written.
const BUDGET: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  // REQUESTSPERCONT (a rate over nginx's counter) is None until nginx has been scraped, and both rules order it unguarded:
  // two per file, one in the EGI file, whose VM node type does not exist (ADT3001), so its node rule has no kind to be checked for.
  nginx: { ADT4700: 50, ADT6301: 15 },
  'nginx-firewall': { ADT4700: 50, ADT6301: 15 },
  // ITEMS (the queue length from the Pushgateway) is None until the queue reports; the manual ADT has a container without a
  // lifecycle; two scrape sources name a Service the ADT does not generate (ADT8053).
  cqueue: { ADT4700: 20, ADT6301: 4, ADT4522: 1, ADT8053: 2 },
  // The EGI file sets floating_ip_pool and public_key, which the Terraform node set has no place for (ADT8052).
  stressng: { ADT4700: 51, ADT8052: 2 },
  wordpress: { ADT4700: 98 },
};

test('the official demos stay within their warning budget', () => {
  const families = readdirSync(DEMOS).sort();
  assert.equal(families, Object.keys(BUDGET).sort(), 'every demo family has a budget');
  let files = 0;
  for (const family of families) {
    const counts: Record<string, number> = {};
    for (const name of readdirSync(join(DEMOS, family)).filter((n) => n.endsWith('.yaml'))) {
      files++;
      // What `adtc validate` reports: the checks and the plan phase, inputs without a value standing in.
      const uri = join(DEMOS, family, name);
      for (const d of compile(uri, fileSystemHost, { validation: { forDeployment: false }, standInInputs: true }).diagnostics) {
        if (d.severity === 'warning') counts[d.code] = (counts[d.code] ?? 0) + 1;
      }
    }
    assert.equal(counts, BUDGET[family], `warnings of the ${family} demos`);
  }
  assert.is(files, 35);
});

test.run();
