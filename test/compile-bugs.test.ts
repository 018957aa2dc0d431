/**
 * One test per MiCADO translation bug adtc fixes (micado-reference section 7),
 * plus the guarantees around the plan: secrets, schema diagnostics, the rule
 * slot, the runtime's version check, and that every corpus ADT that validates
 * also compiles without an internal error.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fileSystemHost } from '../compiler/src/host.js';
import { compile } from '../compiler/src/plan/compile.js';
import { validate } from '../compiler/src/pipeline.js';
import { checkPlan } from '../runtime/src/plan/load-plan.js';
import { corpusRoot, fixturesRoot } from './harness/paths.js';
import { ADT_FILE, corpusFiles } from './harness/corpus.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const bugs = suite('compile: fixed MiCADO bugs');
const translation = join(fixturesRoot, 'compile/bugs/translation.yaml');
const result = compile(translation, fileSystemHost, { compilerVersion: 'test' });
const objects = (result.output?.manifests ?? []).map((m) => parse(m) as Obj);
const find = (kind: string, name: string) => objects.find((o) => o['kind'] === kind && o['metadata']['name'] === name);

bugs('the fixture compiles', () => {
  assert.equal(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  assert.ok(result.output);
});

bugs('item 19: Services are created in the namespace of their workload', () => {
  assert.is(find('Service', 'web')?.['metadata']['namespace'], 'shop');
  assert.is(find('Service', 'web-nodeport')?.['metadata']['namespace'], 'shop');
});

bugs('item 20: three ports of an odd Service type share one Service, none lost', () => {
  const ports = (find('Service', 'web-nodeport')?.['spec']['ports'] as Obj[]).map((p) => p['port']);
  assert.equal(ports, [8080, 8081, 8082]);
  assert.equal((find('Service', 'web')?.['spec']['ports'] as Obj[]).map((p) => p['port']), [80]);
});

bugs("item 18: a 'kind: Pod' workload is a proper Pod that keeps its name", () => {
  const pod = find('Pod', 'lonely-pod');
  assert.ok(pod, 'no Pod named lonely-pod');
  assert.is(pod!['apiVersion'], 'v1');
  assert.is(pod!['spec']['containers'][0]['image'], 'busybox:1.36');
  assert.not.ok(pod!['spec']['template']);
});

bugs('item 35: the Terraform path appends to the worker template by default, as Occopus does', () => {
  const plan = JSON.parse(result.output!.files.get('plan.json')!) as Obj;
  const set = (plan['nodeSets'] as Obj[]).find((s) => s['name'] === 'tf-workers')!;
  assert.is(set['contextualisation']['mode'], 'append');
  const cloudInit = result.output!.files.get('nodes/tf-workers/cloud-init.yaml')!;
  assert.match(cloudInit, 'micado.eu/node_type=tf-workers');
  assert.match(cloudInit, /echo micado runcmd placeholder[\s\S]*echo hello/);
  assert.ok(result.diagnostics.some((d) => d.code === 'ADT8031'));
});

bugs('item 14: a service requirement does not make a sidecar', () => {
  const names = (find('Deployment', 'web')!['spec']['template']['spec']['containers'] as Obj[]).map((c) => c['name']);
  assert.equal(names, ['web']);
  assert.ok(find('Deployment', 'helper'));
});

bugs('item 16: a type derived from Docker.Init is an init container', () => {
  const init = find('Deployment', 'web')!['spec']['template']['spec']['initContainers'] as Obj[];
  assert.equal(init.map((c) => c['name']), ['migrate']);
});

bugs('items 22, 23: selectors leave out the version label, which is a valid label value even for a digest', () => {
  const web = find('Deployment', 'web')!;
  assert.is(web['spec']['template']['metadata']['labels']['app.kubernetes.io/version'], '0123456789ab');
  assert.not.ok('app.kubernetes.io/version' in web['spec']['selector']['matchLabels']);
  assert.not.ok('app.kubernetes.io/version' in find('Service', 'web')!['spec']['selector']);
});

bugs('item 24: stop_grace_period becomes whole seconds', () => {
  assert.is(find('Deployment', 'web')!['spec']['template']['spec']['terminationGracePeriodSeconds'], 90);
});

bugs('a secret input reaches only the Secret manifest; the plan holds a reference', () => {
  const holders = [...result.output!.files].filter(([, text]) => text.includes('s3cr3t-value')).map(([path]) => path);
  assert.equal(holders, ['kubernetes/06-secret-translation-inputs.yaml']);
  const plan = JSON.parse(result.output!.files.get('plan.json')!) as Obj;
  assert.equal(plan['inputs'], [{ name: 'db_password', type: 'secret', from: 'default', ref: { secret: 'translation-inputs', namespace: 'default', key: 'db_password' } }]);
  assert.not.ok(result.diagnostics.some((d) => d.message.includes('s3cr3t-value')));
});

bugs('a field the Kubernetes schema does not know is an error at the ADT value that produced it', () => {
  const file = join(fixturesRoot, 'compile/bugs/unknown-field.yaml');
  const r = compile(file, fileSystemHost);
  assert.not.ok(r.output);
  const d = r.diagnostics.find((x) => x.code === 'ADT8011');
  assert.ok(d, 'no ADT8011');
  const text = readFileSync(file, 'utf8');
  assert.is(text.slice(d!.span.start, d!.span.end), 'requestz');
});

bugs('--input values are parsed by type; an undeclared input is an error', () => {
  const r = compile(translation, fileSystemHost, { inputs: new Map([['db_pasword', 'x']]) });
  assert.ok(r.diagnostics.some((d) => d.code === 'ADT8003' && d.message.includes("Did you mean 'db_password'")));
  assert.not.ok(r.output);
});

bugs('the rule slot: an injected rule compiler fills module and sha256', () => {
  const demo = join(corpusRoot, 'micado-scale+ansible-micado/demos/stressng/stressng_ec2.yaml');
  const r = compile(demo, fileSystemHost, { compileRule: (rule) => `export function evaluate(inputs) { return inputs; } // ${rule.name}\n` });
  const plan = JSON.parse(r.output!.files.get('plan.json')!) as Obj;
  for (const p of plan['policies'] as Obj[]) {
    assert.is(p['rule']['module'], `policies/${p['name']}.js`);
    assert.match(p['rule']['sha256'], /^[0-9a-f]{64}$/);
    assert.not.ok('source' in p['rule']);
    assert.ok(r.output!.files.has(p['rule']['module']));
  }
  assert.equal(checkPlan(plan), { ok: true, plan });
});

bugs('the runtime refuses a plan of an unknown format version', () => {
  const r = checkPlan({ formatVersion: 2 });
  assert.is(r.ok, false);
  assert.match(r.ok ? '' : r.errors[0]!, 'plan format version 2 is not supported');
});

bugs('every corpus ADT that validates also compiles without an internal error', () => {
  let compiled = 0;
  const internal: string[] = [];
  for (const f of corpusFiles(ADT_FILE)) {
    if (validate(f, fileSystemHost).diagnostics.some((d) => d.severity === 'error')) continue;
    const r = compile(f, fileSystemHost);
    for (const d of r.diagnostics) if (d.code.startsWith('ADT9')) internal.push(`${relative(corpusRoot, f)}: ${d.message}`);
    if (r.output) compiled++;
  }
  assert.equal(internal, []);
  assert.ok(compiled >= 60, `only ${compiled} corpus ADTs compiled`);
});

bugs.run();
