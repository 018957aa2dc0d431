/**
 * The whole corpus of real ADTs and type files through `validate`:
 * - nothing throws, and no internal error (ADT9xxx) is reported;
 * - the ADTs MiCADO accepts (its current demos and test templates) get no errors;
 * - every error anywhere else is one this file expects, with the reason it is
 *   right, and every expectation still matches something (so the list cannot rot).
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fileSystemHost } from '../compiler/src/host.js';
import { validate } from '../compiler/src/pipeline.js';
import { corpusRoot } from './harness/paths.js';
import { corpusFiles, TOSCA_FILE } from './harness/corpus.js';

/** ADTs MiCADO's parser accepts today: they must validate with zero errors. */
const MUST_PASS: readonly RegExp[] = [
  /^micado-scale\+ansible-micado\/demos\/(?!.*_egi\.yaml$)/,
  /^micado-scale\+component_submitter\/tests\/templates\/(tosca|edge)\.yaml$/,
  /^micado-scale\+micado-parser\/tests\/templates\/(good_tosca|inputs_test|adt_fd)\.yaml$/,
  /^micado-scale\+tosca\/ADT\/tests-demos\/(?!wordpress)/,
  /^UoW-CPC\+MiCADO-based-big-data-platform\//,
  /^micado-scale\+eec\//,
];

interface Expected {
  readonly files: RegExp;
  readonly codes: readonly string[];
  readonly reason: string;
}

/** Errors that are right, by file pattern. Each reason says why MiCADO (or TOSCA) rejects the file too, or why adtc is deliberately stricter. */
const EXPECTED: readonly Expected[] = [
  {
    files: /\/(v0\.[5-9]\.\d|v0\.7\.[0-3]|v0\.8\.0|v0\.9\.0|commit-15df7e4|commit-aecab55|D5\.5)\/|^hkchen-uow\+MiCADO-ADT-REPO\/ADT\/(prototypes|saker)|^micado-scale\+tosca\/ADT\/saker|^micado-scale\+tosca\/asclepios\/demonstrators\/|^micado-scale\+ansible-micado\/0\.3\.x\/|^micado-scale\+component_submitter\/v0\.9\.1\/tests\/templates\/tosca\.yaml|node_example\/policies\//,
    codes: ['ADT4003'],
    reason: "min/max_instances are integers in MiCADO's types up to v0.9.1, so '{{MAXNODES}}' fails tosca-parser's integer check (micado-reference 1.4, 2.4); other values are placeholders the authors left unfilled (config_drive: OPTIONAL_BOOLEAN_…)",
  },
  {
    files: /_egi\.yaml$|_oci\.yaml$|prototypes\/01-evacuation-service|tests-demos\/wordpress\.yaml|v0\.7\.0\/tests\/templates\/wrong_import|0\.3\.x\/|commit-193e58c|commit-803e280|commit-aecab55|commit-d283cb6|commit-35b6a38|v0\.5\.0\/ADT\/|v0\.11\.3\/tests\/templates\/tosca|v0\.9\.1\/tests\/templates\/good_tosca|v0\.12\.1\/tests\/templates\/inputs_test|node_example\/policies\/application_s_vm/,
    codes: ['ADT3001'],
    reason: "the ADT uses a type its imported MiCADO version does not define (EGI.Compute never existed; Azure/OCI arrived later; Occo.small.NFS was renamed in 0.9.0; Swarm-era names), or imports a file the corpus does not hold: tosca-parser's 'Type \"…\" is not a valid type'",
  },
  {
    files: /commit-193e58c|commit-803e280|commit-d283cb6/,
    codes: ['ADT3011'],
    reason: "imports MiCADO's pre-0.5 Swarm-era type files, which no bundled profile covers (micado-reference 2.2, other imports)",
  },
  {
    files: /commit-35b6a38|commit-47214e9\/tests\/templates\/adt_fd|v0\.11\.3\/tests\/templates\/tosca|v0\.9\.1\/tests\/templates\/good_tosca|v0\.12\.1\/tests\/templates\/inputs_test|feat\/conform-unfurl\/micado_types/,
    codes: ['ADT3002'],
    reason: 'the file imports a neighbour the corpus did not copy (the corpus keeps one version of each file)',
  },
  {
    files: /0\.10\.0\/policy\//,
    codes: ['ADT3012'],
    reason: "imports a policy file by a path that does not exist at that ref of micado-scale/tosca (MiCADO's fetch would 404 as well)",
  },
  {
    files: /micado_types\.yaml$|custom_types\.yaml$|custom_types_074\.yaml$|custom_types\/container\/(common|kubernetes|swarm)\.yaml$/,
    codes: ['ADT1002'],
    reason: "duplicate keys (mostly a second 'description'): PyYAML keeps the last one silently when these files are imported, but adtc refuses duplicate keys everywhere, as the ruamel loader MiCADO uses for the ADT itself does",
  },
  {
    files: /node_example\/applications\/application_example_[a-d]\.yaml$|asclepios\/components\/keycloak/,
    codes: ['ADT1001'],
    reason: "YAML syntax errors: placeholders such as 'ADD_YOUR_X (e.g. a: b)' put ': ' inside plain scalars; corpus/INDEX.md lists these files as unparsable",
  },
  {
    files: /node_example\/(blank_topology|policies\/|Occopus\/cloudsigma)|v0\.5\.0\/ADT\/blank_topology/,
    codes: ['ADT2009', 'ADT2004', 'ADT2003', 'ADT4008', 'ADT2001', 'ADT4001', 'ADT3005', 'ADT4530'],
    reason: "skeleton files from MiCADO's node_example folder: no node templates ('[TPL] Missing node_templates'), YOUR_… placeholder names, {{MAXCONTAINERS}} with no constant behind it, policies indented under node_templates, a stray 'i' that turns a node name into a top-level key",
  },
  {
    files: /node_example\/applications\/application_example_[a-d]\.yaml$/,
    codes: ['ADT4001'],
    reason: "v0.x.2 Docker containers have no 'image' property (the image went in artifacts then): tosca-parser's UnknownFieldError",
  },
  {
    files: /face-dection\/(fd_dummy_client|fd_ec2)\.yaml$/,
    codes: ['ADT2001'],
    reason: "TOSCA 1.0 files using occurrences/instance_count: micado-parser expands those only in tosca_simple_yaml_1_3 files, so tosca-parser reports unknown fields",
  },
  {
    files: /prototypes\/15-attendance-analysis-service/,
    codes: ['ADT2003', 'ADT5120'],
    reason: "a policy type property 'sources:' is given as a list instead of a property definition, and the rule uses a list comprehension, which MiCADO's evaluator refuses with NotImplementedError",
  },
  {
    files: /prototypes\/18-mainrail/,
    codes: ['ADT2001', 'ADT4008'],
    reason: "capability assignments carry 'type:' and a requirement names a node 'frontend-node' that the prototype never defines",
  },
  {
    files: /prototypes\/20-micado-on-cloudbroker/,
    codes: ['ADT2001', 'ADT4581'],
    reason: 'a Policy Keeper policy (stack/scaling/data) is pasted at the top level of the ADT, and the cloud_config is a plain string rather than a cloud-config mapping',
  },
  {
    files: /(micado-parser|component_submitter\/v\.0\.1\.x-sofia_stable)\/tests\/templates\/(bad_tosca|test_custom_types)\.yaml$/,
    codes: ['ADT2008', 'ADT3001', 'ADT4001', 'ADT4002', 'ADT4007', 'ADT4025', 'ADT4560'],
    reason: "micado-parser's negative test fixtures and their type file, broken on purpose ('Too many requirements per list item!', unknown requirement, relationship and repository names); adtc also checks the unused types tosca-parser skips",
  },
  {
    files: /feat\/conform-unfurl\/custom_types\/container\/common\.yaml$/,
    codes: ['ADT3004'],
    reason: 'on that branch a container type derives, through its chain, from itself',
  },
  {
    files: /v0\.5\.0\/ADT\/|0\.3\.x\/|commit-aecab55/,
    codes: ['ADT4001', 'ADT4002', 'ADT4005', 'ADT4018', 'ADT4026'],
    reason: 'Swarm-era ADTs: Docker-compose fields MiCADO 0.5 types do not define, scalar-unit inputs MiCADO never supported, inputs used before declaration',
  },
  {
    files: /asclepios\/demonstrators\/sleep\/sleep-sse_azure|asclepios\/components\/keycloak/,
    codes: ['ADT4008', 'ADT4002'],
    reason: 'work-in-progress demonstrators that name undefined nodes and omit required cloud properties',
  },
  {
    files: /\/(v0\.[5-7]\.\d|0\.3\.x)\/testing\/|v0\.5\.0\/ADT\//,
    codes: ['ADT4552'],
    reason: "Compose short-form ports ('8080:80'): ports_type has no scalar form, so tosca-parser rejects them (and MiCADO's translation would read them reversed, spec 7 item 25)",
  },
  {
    files: /component_submitter\/v0\.8\.0\/tests\/templates\/tosca_074\.yaml$/,
    codes: ['ADT4510'],
    reason: "the submitter's own negative case: 'name'/'container_name' with underscores, which the Kubernetes translation refuses",
  },
  {
    files: /^micado-scale\+tosca\/v0\.[56]\.0\/micado_types\.yaml$|commit-803e280\/roles\/micado-master\/templates\/tosca\/custom_types\.yaml$|(micado-parser|sofia_stable)\/tests\/templates\/test_custom_types\.yaml$/,
    codes: ['ADT3020'],
    reason: "MiCADO 0.5/0.6-era type files validated on their own name types nobody defines ('scalar.unit-size', 'tosca.datatypes.credentials', 'tosca.capabilities.MiCADO.Occopus.Cloud'): TOSCA refuses a type file with unknown types; tosca-parser only noticed when a template used them",
  },
  {
    files: /commit-aecab55\/roles\/micado-master\/tasks\/jqueuer_default_tosca/,
    codes: ['ADT4541'],
    reason: "max_instances of a container policy is a constant whose value is a '<CONTAINERS_MAX>' placeholder, which int() refuses at every evaluation (RL208)",
  },
  {
    files: /asclepios\/components\/(sse|abac-server)|commit-c7fc06b\/ADT\/abac-server/,
    codes: ['ADT4571'],
    reason: "Occopus-interfaced VMs without an endpoint: the Occopus adaptor's 'Missing endpoint'",
  },
  {
    files: /prototypes\/14-competitor-alerts/,
    codes: ['ADT6201'],
    reason: "the rule reads 'service_working', which no constant, query, alert or assignment defines: MiCADO stops it with NameError",
  },
];

/**
 * Python 2 `print` statements in a rule: MiCADO's parser accepts the ADT, but its Policy Keeper (Python 3)
 * skips the whole rule every period, so adtc reports them as the issue asks (ADT5110–ADT5112).
 */
const PYTHON2_RULE_CODES = new Set(['ADT5110', 'ADT5111', 'ADT5112']);

const PYTHON2: Expected = { files: /./, codes: [...PYTHON2_RULE_CODES], reason: 'Python 2 rules (print statements and the like): the Policy Keeper runs Python 3 and skips them every period' };

const corpus = suite('corpus validation');

// CI checks the repository out with shared/ beside it; without the corpus the first test fails and says so.
const files = existsSync(corpusRoot) ? corpusFiles(TOSCA_FILE) : [];
const results = files.map((f) => {
  const name = relative(corpusRoot, f);
  const r = validate(f, fileSystemHost);
  return { name, errors: r.diagnostics.filter((d) => d.severity === 'error'), all: r.diagnostics };
});

corpus(`all ${files.length} corpus files validate without an internal error`, () => {
  assert.ok(existsSync(corpusRoot), `the corpus is not at ${corpusRoot}; check out shared/ beside the repository`);
  assert.ok(files.length > 400, `found only ${files.length} corpus files`);
  const internal = results.flatMap((r) => r.all.filter((d) => d.code.startsWith('ADT9')).map((d) => `${r.name}: ${d.message}`));
  assert.equal(internal, []);
});


corpus('ADTs MiCADO accepts get no errors (except Python 2 rules, which its Policy Keeper cannot run)', () => {
  const selected = results.filter((r) => MUST_PASS.some((p) => p.test(r.name)));
  assert.ok(selected.length >= 40, `only ${selected.length} must-pass ADTs found`);
  const failures = selected.flatMap((r) => r.errors.filter((d) => !PYTHON2_RULE_CODES.has(d.code)).map((d) => `${r.name}: ${d.code} ${d.message}`));
  assert.equal(failures, []);
});

corpus('every other error is expected, with its reason', () => {
  const unexplained: string[] = [];
  const used = new Set<Expected>();
  for (const r of results) {
    for (const d of r.errors) {
      const match = EXPECTED.find((e) => e.files.test(r.name) && e.codes.includes(d.code)) ?? (PYTHON2_RULE_CODES.has(d.code) ? PYTHON2 : undefined);
      if (match) used.add(match);
      else unexplained.push(`${r.name}: ${d.code} ${d.message}`);
    }
  }
  assert.equal(unexplained, [], 'errors no expectation explains');
  assert.equal(EXPECTED.filter((e) => !used.has(e)).map((e) => e.reason), [], 'expectations that match nothing');
});

corpus.run();
