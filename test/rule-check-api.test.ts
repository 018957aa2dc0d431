/**
 * The rule checker's public entries beyond the ADT fixtures: checkRuleText on
 * plain text with an explicit environment, and a rule inherited from a
 * bundled profile type, reported on the policy's `type:` value with the exact
 * place in the profile as a note. (The real bundled profiles carry no rule
 * defaults, so the test marks an imported file as bundled.)
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { checkRuleText } from '../compiler/src/rule/check-rule-text.js';
import { checkRules } from '../compiler/src/rule/check-rules.js';
import { fileSystemHost } from '../compiler/src/host.js';
import { readYaml } from '../compiler/src/read/read-yaml.js';
import { buildServiceTemplate } from '../compiler/src/model/build-service-template.js';
import { ImportLoader } from '../compiler/src/resolve/import-loader.js';
import { TypeRegistry } from '../compiler/src/resolve/type-registry.js';
import { implicitTypeFiles } from '../compiler/src/profiles/micado-refs.js';
import { DiagnosticSink } from '../compiler/src/diagnostics/sink.js';
import { SourceFile } from '../compiler/src/source/source-file.js';
import { neverCancelled } from '../compiler/src/cancellation.js';
import { fixturesRoot } from './harness/paths.js';

const api = suite('rule check api');

const env = { kind: 'container' as const, constants: new Map(), queries: new Map([['CPU', 'number' as const]]), alerts: new Set<string>() };

api('checkRuleText reports names and None at rule offsets', () => {
  const text = 'x = CPU * 2\ny = cpu_load\n';
  const r = checkRuleText(text, env);
  assert.equal(r.problems.map((p) => [p.code, text.slice(p.start, p.end)]), [['RL301', 'CPU'], ['RL201', 'cpu_load']]);
  assert.equal(r.ast.body.length, 2);
  assert.ok(r.scope.variables.has('x'));
});

api('a trailing ignore comment silences a warning on its line only', () => {
  const r = checkRuleText('x = CPU * 2  # rule: ignore[RL301]\ny = CPU + 1\n', env);
  assert.equal(r.problems.map((p) => p.code), []);
});

api('narrowing: is not None, truthiness and `or 0` keep RL301 away', () => {
  const text = 'if CPU is not None and CPU > 1:\n  a = CPU\nif CPU:\n  b = CPU + 1\nc = CPU or 0\nd = c + 1\n';
  assert.equal(checkRuleText(text, env).problems.map((p) => p.code), []);
});

api('a rule inherited from a bundled type is reported on the policy type', () => {
  const folder = join(fixturesRoot, 'rule/check/bundled');
  const uri = join(folder, 'main.yaml');
  const sink = new DiagnosticSink();
  const file = new SourceFile(uri, fileSystemHost.readFile(uri)!);
  const adt = buildServiceTemplate(file, readYaml(file, sink).root, sink);
  const loaded = new ImportLoader(fileSystemHost, { pinnedProfiles: false }, () => new DiagnosticSink()).load(adt, sink, implicitTypeFiles);
  const types = new TypeRegistry(loaded.templates, sink, (u) => u);
  const bundled = new Set([...loaded.bundled, join(folder, 'types.yaml')]);
  checkRules({ sink, types, adt, token: neverCancelled }, bundled);
  const d = sink.diagnostics.find((x) => x.code === 'ADT6201');
  assert.ok(d, 'the unknown name is reported');
  assert.equal(file.text.slice(d.span.start, d.span.end), 'vendor.policies.Scaling.Default');
  const note = d.related[0]!;
  assert.equal(note.span.uri, join(folder, 'types.yaml'));
  assert.equal(fileSystemHost.readFile(note.span.uri)!.slice(note.span.start, note.span.end), 'stepp');
  assert.equal(d.fixes, []);
});

api.run();
