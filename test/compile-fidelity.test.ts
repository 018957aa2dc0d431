/**
 * `adtc compile` keeps every value and shows only what is safe: bounds from get_input (default or --input),
 * every scaling policy planned (whatever its type's name, by derivation), an output folder that holds exactly
 * the current plan, and a --stdout stream kubectl can apply to a fresh cluster without secret values on the
 * console.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { adtcInProcess as adtc } from './harness/adtc-process.js';
import { fileSystemHost } from '../compiler/src/host.js';
import { validate } from '../compiler/src/pipeline.js';
import { compile } from '../compiler/src/plan/compile.js';
import { ADT_FILE, corpusFiles } from './harness/corpus.js';
import { corpusRoot, fixturesRoot, repoRoot } from './harness/paths.js';

const demos = join(corpusRoot, 'micado-scale+ansible-micado/demos');
const stressng = join(demos, 'stressng/stressng_ec2.yaml');
const c = suite('compile keeps every value and shows only what is safe');

type PlanJson = { app: { id: string }; policies: { name: string; target: string; bounds: { min: number; max: number } }[]; nodeSets: { name: string; count: { min: number; max: number; initial: number } }[] };

async function planIn(dir: string): Promise<PlanJson> {
  return JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as PlanJson;
}

c('policy bounds and node counts from get_input take the default, or the value given with --input', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-fidelity-'));
  const adt = join(dir, 'bounded.yaml');
  const text = (await readFile(stressng, 'utf8'))
    .replace('topology_template:\n', 'topology_template:\n  inputs:\n    maxw: {type: integer, default: 5}\n')
    .replace(/max_instances: 3/g, 'max_instances: { get_input: maxw }');
  await writeFile(adt, text);
  try {
    assert.is((await adtc(['compile', adt, '-o', join(dir, 'default')])).code, 0);
    const byDefault = await planIn(join(dir, 'default'));
    assert.equal(byDefault.policies.map((p) => p.bounds), [{ min: 1, max: 5 }, { min: 1, max: 5 }]);
    assert.equal(byDefault.nodeSets[0]!.count, { min: 1, max: 5, initial: 1 });
    assert.is((await adtc(['compile', adt, '--input', 'maxw=7', '-o', join(dir, 'given')])).code, 0);
    assert.equal((await planIn(join(dir, 'given'))).policies.map((p) => p.bounds.max), [7, 7]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** Scaling policies of an ADT by an independent reading: a type named tosca.policies.Scaling*, or one the ADT derives from such a type. */
function declaredScalingTargets(text: string): number {
  const adt = parse(text) as { policy_types?: Record<string, { derived_from?: string }>; topology_template?: { policies?: Record<string, { type: string; targets?: string[] }>[] } };
  const isScaling = (type: string | undefined, depth = 0): boolean =>
    type !== undefined && depth < 20 && (type.startsWith('tosca.policies.Scaling') || isScaling(adt.policy_types?.[type]?.derived_from, depth + 1));
  return (adt.topology_template?.policies ?? []).flatMap((entry) => Object.values(entry)).filter((p) => isScaling(p.type)).reduce((n, p) => n + Math.max(1, p.targets?.length ?? 0), 0);
}

c('every example and demo plans every scaling policy it declares, custom types derived from MiCADO included', async () => {
  const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml')).map((f) => join(repoRoot, 'examples', f));
  const dir = await mkdtemp(join(tmpdir(), 'adtc-fidelity-'));
  try {
    for (const file of examples) {
      const out = join(dir, file.replace(/^.*\//, ''));
      const r = await adtc(['compile', file, '-o', out]);
      assert.is(r.code, 0, r.err);
      const declared = declaredScalingTargets(await readFile(file, 'utf8'));
      assert.ok(declared > 0, file);
      assert.is((await planIn(out)).policies.length, declared, file);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const goldens = readdirSync(join(fixturesRoot, 'compile')).filter((n) => existsSync(join(fixturesRoot, 'compile', n, 'expected', 'plan.json')));
  for (const name of goldens) {
    const plan = await planIn(join(fixturesRoot, 'compile', name, 'expected'));
    const source = name.startsWith('submitter-') ? join(corpusRoot, 'micado-scale+component_submitter/tests/templates/tosca.yaml') : join(demos, name.replace(/^(nginx-firewall|[a-z]+)-(.*)$/, '$1/$2.yaml'));
    assert.is(plan.policies.length, declaredScalingTargets(await readFile(source, 'utf8')), name);
  }
});

c('an output folder holds exactly the current plan, and never another app\'s', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-fidelity-'));
  const out = join(dir, 'plan');
  try {
    assert.is((await adtc(['compile', join(demos, 'wordpress/wordpress_ec2.yaml'), '--app-id', 'site', '-o', out])).code, 0);
    assert.ok(existsSync(join(out, 'kubernetes/05-persistentvolume-nfs-volume.yaml')));
    // The same app, now from a smaller ADT: the files that left the plan go.
    assert.is((await adtc(['compile', join(demos, 'nginx/nginx_ec2.yaml'), '--app-id', 'site', '-o', out])).code, 0);
    assert.equal(readdirSync(join(out, 'kubernetes')).sort(), ['01-deployment-nginxapp.yaml', '02-service-nginxapp.yaml']);
    // Another app is refused, and the folder keeps its plan.
    const other = await adtc(['compile', stressng, '-o', out]);
    assert.is(other.code, 2);
    assert.match(other.err, /holds the plan of app site; choose another folder \(or remove it\) for stressng-ec2/);
    assert.is((await planIn(out)).app.id, 'site');
    // A folder of other files is no place for a plan.
    await writeFile(join(dir, 'notes.txt'), 'mine');
    assert.is((await adtc(['compile', stressng, '-o', dir])).code, 2);
    assert.is(await readFile(join(dir, 'notes.txt'), 'utf8'), 'mine');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

c('--stdout prints the Namespaces first and no Secret unless asked', async () => {
  const adt = join(fixturesRoot, 'compile/bugs/translation.yaml');
  const r = await adtc(['compile', adt, '--stdout']);
  assert.is(r.code, 0, r.err);
  const docs = parseAllDocuments(r.out).map((d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string } });
  assert.not.ok(r.out.includes('s3cr3t-value'), 'a secret value reached the console');
  assert.not.ok(docs.some((d) => d.kind === 'Secret'));
  assert.match(r.err, /Secret default\/translation-inputs not printed: they hold secret values/);
  const needed = new Set(docs.flatMap((d) => (d.metadata.namespace && d.metadata.namespace !== 'default' ? [d.metadata.namespace] : [])));
  for (const namespace of needed) {
    const at = docs.findIndex((d) => d.kind === 'Namespace' && d.metadata.name === namespace);
    const first = docs.findIndex((d) => d.metadata.namespace === namespace);
    assert.ok(at >= 0 && at < first, `Namespace ${namespace} comes before its objects`);
  }
  const shown = await adtc(['compile', adt, '--stdout', '--show-secrets']);
  assert.ok(shown.out.includes('s3cr3t-value'));
  const monitored = await adtc(['compile', stressng, '--stdout']);
  assert.match(monitored.out, /^---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: micado-worker\n/);
});

c('adtc validate reports what compile would refuse, in plain words: a value that is no Kubernetes quantity', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-fidelity-'));
  const adt = join(dir, 'quantity.yaml');
  await writeFile(adt, (await readFile(stressng, 'utf8')).replace('cpu: "900m"', 'cpu: 2 cores\n            memory: 512MB'));
  try {
    const r = await adtc(['validate', adt]);
    assert.is(r.code, 1);
    assert.match(r.out, /quantity\.yaml:20:13 - error ADT8010: .*requests\.cpu is "2 cores", which is not a Kubernetes quantity/);
    assert.match(r.out, /quantity\.yaml:21:13 - error ADT8010: .*requests\.memory is "512MB", which is not a Kubernetes quantity/);
    assert.match(r.out, /Found 2 errors/, 'one error per value');
    // An input given to validate is checked as compile checks it.
    const bad = await adtc(['validate', stressng, '--input', 'nosuch=1']);
    assert.match(bad.out, /ADT8003/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

c('a cloud-init placeholder that nothing would fill is refused by validate and compile', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'adtc-fidelity-'));
  const adt = join(dir, 'holes.yaml');
  const text = (await readFile(stressng, 'utf8')).replace(
    '        security_group_ids:\n',
    '        context:\n          append: true\n          cloud_config: |\n            runcmd:\n              - echo {{ cluster_name }}\n        security_group_ids:\n',
  );
  await writeFile(adt, text);
  try {
    const validated = await adtc(['validate', adt]);
    assert.is(validated.code, 1);
    assert.match(validated.out, /error ADT8050: The cloud-init of node set 'worker-node' holds \{\{ cluster_name \}\}, which nothing fills/);
    assert.is((await adtc(['compile', adt, '-o', join(dir, 'plan')])).code, 1);
    assert.not.ok(existsSync(join(dir, 'plan')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

c('every property a Terraform node set sets is emitted or reported: the Azure security group is attached, Nova extras are named', () => {
  const azure = compile(join(demos, 'nginx/nginx_azure.yaml'), fileSystemHost);
  const config = JSON.parse(azure.output!.files.get('nodes/worker-node/main.tf.json')!) as { data: Record<string, Record<string, { name: unknown }>>; resource: Record<string, Record<string, Record<string, string>>> };
  assert.is(config.data['azurerm_network_security_group']!['worker-node']!.name, '(e.g. micado-worker-nsg)');
  assert.is(config.resource['azurerm_network_interface_security_group_association']!['worker-node']!['network_security_group_id'], '${data.azurerm_network_security_group.worker-node.id}');
  assert.equal(azure.diagnostics.filter((x) => x.code === 'ADT8052'), []);
  const egi = compile(join(demos, 'stressng/stressng_egi.yaml'), fileSystemHost);
  assert.equal(egi.diagnostics.filter((x) => x.code === 'ADT8052').map((x) => x.message.replace(/^.*no place for '([^']+)'.*$/, '$1')), ['floating_ip_pool', 'public_key']);
});

c('a scrape source naming a Service the ADT does not generate is reported at the source', () => {
  const cqueue = compile(join(demos, 'cqueue/cqueue_ec2.yaml'), fileSystemHost);
  const reported = cqueue.diagnostics.filter((x) => x.code === 'ADT8053');
  assert.equal(reported.map((x) => x.message.slice(0, 86)), ["The source 'rabbitmq-exporter:8090' is scraped through the Service 'rabbitmq-exporter'"]);
  assert.is(reported[0]!.severity, 'warning');
  assert.equal(compile(join(demos, 'nginx/nginx_ec2.yaml'), fileSystemHost).diagnostics.filter((x) => x.code === 'ADT8053'), []);
});

c('every corpus ADT that validates without errors compiles (inputs without a default given a value, as at deployment)', () => {
  let compiled = 0;
  for (const file of corpusFiles(ADT_FILE)) {
    const validated = validate(file, fileSystemHost);
    if (validated.diagnostics.some((d) => d.severity === 'error')) continue;
    const result = compile(file, fileSystemHost, { standInInputs: true });
    assert.equal(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), [], file);
    assert.ok(result.output, file);
    compiled++;
  }
  assert.ok(compiled >= 150, `${compiled} ADTs compiled`);
});

c.run();
