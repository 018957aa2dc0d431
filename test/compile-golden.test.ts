/**
 * `adtc compile` on MiCADO's demo ADTs (every cloud) and the submitter's test
 * template: the output matches the reviewed golden files under
 * test/fixtures/compile/<case>/expected (UPDATE=1 rewrites them), every plan
 * satisfies the shipped schema, a second compilation is byte-identical, and
 * the Prometheus files pass promtool.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fileSystemHost, type Host } from '../compiler/src/host.js';
import { validate } from '../compiler/src/pipeline.js';
import { compile } from '../compiler/src/plan/compile.js';
import { checkPlan } from '../runtime/src/plan/load-plan.js';
import type { Plan } from '../runtime/src/plan/plan-types.js';
import { corpusRoot, fixturesRoot, updating } from './harness/paths.js';

const demos = join(corpusRoot, 'micado-scale+ansible-micado/demos');
/** The EGI demos name tosca.nodes.MiCADO.EGI.Compute, which no MiCADO types file defines: they do not validate, so they cannot compile. */
const DOES_NOT_VALIDATE = new Set(['nginx/nginx_egi.yaml', 'nginx-firewall/nginx_egi.yaml', 'wordpress/wordpress_egi.yaml']);

/**
 * These ADTs carry Python 2 rules, which the Policy Keeper (Python 3) cannot run and adtc therefore refuses to
 * compile. Their goldens are compiled after applying adtc's own fixes for them, which also tests those fixes.
 */
const PYTHON2_FIXED = new Set(['cqueue-manual-adt-cqworker-only', 'submitter-tosca']);

const cases: { name: string; file: string }[] = [];
for (const dir of readdirSync(demos).sort()) {
  for (const f of readdirSync(join(demos, dir)).sort()) {
    if (!/\.ya?ml$/.test(f) || DOES_NOT_VALIDATE.has(`${dir}/${f}`)) continue;
    cases.push({ name: `${dir}-${f.replace(/\.ya?ml$/, '')}`, file: join(demos, dir, f) });
  }
}
cases.push({ name: 'submitter-tosca', file: join(corpusRoot, 'micado-scale+component_submitter/tests/templates/tosca.yaml') });

const PROMTOOL = process.env['PROMTOOL_BIN'] ?? '/usr/bin/promtool';
const golden = suite('compile: golden outputs of the demo ADTs');

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The host a case compiles through: the file as it is, or with adtc's Python 3 fixes applied. */
function hostFor(c: { name: string; file: string }): Host {
  if (!PYTHON2_FIXED.has(c.name)) return fileSystemHost;
  const text = readFileSync(c.file, 'utf8');
  const edits = validate(c.file, fileSystemHost)
    .diagnostics.filter((d) => d.code === 'ADT5110')
    .flatMap((d) => d.fixes[0]?.edits ?? [])
    .sort((a, b) => b.span.start - a.span.start);
  let fixed = text;
  for (const e of edits) fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
  return { readFile: (uri) => (uri === c.file ? fixed : fileSystemHost.readFile(uri)) };
}

for (const c of cases) {
  golden(c.name, () => {
    const host = hostFor(c);
    const first = compile(c.file, host, { compilerVersion: 'test' });
    const errors = first.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
    assert.equal(errors, []);
    const output = first.output!;
    assert.ok(output, 'no output');
    const second = compile(c.file, host, { compilerVersion: 'test' }).output!;
    assert.equal([...second.files], [...output.files], 'a second compilation differs');
    const checked = checkPlan(JSON.parse(output.files.get('plan.json')!));
    assert.equal(checked.ok ? [] : checked.errors, [], 'plan.json does not satisfy the schema');
    const expectedDir = join(fixturesRoot, 'compile', c.name, 'expected');
    if (updating) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const [path, text] of output.files) {
        mkdirSync(dirname(join(expectedDir, path)), { recursive: true });
        writeFileSync(join(expectedDir, path), text);
      }
      return;
    }
    assert.equal([...output.files.keys()], listFiles(expectedDir), 'the set of files differs from the golden one (UPDATE=1 to refresh)');
    for (const [path, text] of output.files) assert.fixture(text, readFileSync(join(expectedDir, path), 'utf8'), `${c.name}/${path}`);
  });
}

golden('promtool accepts every scrape configuration and rule file', () => {
  assert.ok(existsSync(PROMTOOL), `promtool not found at ${PROMTOOL}: install Debian's 'prometheus' package (or set PROMTOOL_BIN); these checks never skip`);
  const dir = mkdtempSync(join(tmpdir(), 'adtc-promtool-'));
  try {
    let rules = 0;
    for (const c of cases) {
      const output = compile(c.file, hostFor(c)).output!;
      for (const [path, text] of output.files) {
        if (!path.startsWith('prometheus/')) continue;
        const file = join(dir, `${c.name}-${path.slice('prometheus/'.length)}`);
        writeFileSync(file, text);
        const isRules = path.endsWith('.rules');
        rules += isRules ? 1 : 0;
        try {
          execFileSync(PROMTOOL, ['check', isRules ? 'rules' : 'config', file], { stdio: 'pipe' });
        } catch (error) {
          const e = error as { stdout?: Buffer; stderr?: Buffer };
          assert.unreachable(`promtool refuses ${c.name}/${path}: ${String(e.stdout ?? '')}${String(e.stderr ?? '')}`);
        }
      }
    }
    assert.ok(rules >= 10, `only ${rules} rule files checked`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

golden("the compiler's plan is the runtime's Plan type", () => {
  const output = compile(cases[0]!.file, fileSystemHost).output!;
  const plan: Plan = JSON.parse(output.files.get('plan.json')!) as Plan;
  assert.is(plan.formatVersion, 1);
});

golden.run();
