/**
 * Fidelity of the bundled profiles: for every ref folder of micado-scale/tosca in the corpus, MiCADO's original type
 * files and our profile files (pinned resolution) must define the same types with the same facts, file by file, and
 * reach the same types through their imports. Descriptions are ours, so they are compared only for not being copies.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { corpusRoot } from './harness/paths.js';
import { diffFacts, importsOf, loadYaml, stripProse, typeKeys, TYPE_SECTIONS, type Yaml } from './harness/tosca-facts.js';
import {
  profileFile,
  resolveMicadoUrl,
  resolveProfileImport,
  PROFILES,
  type ProfileName,
} from '../compiler/src/profiles/micado-refs.js';

const toscaRoot = join(corpusRoot, 'micado-scale+tosca');
const MICADO_URL = 'https://raw.githubusercontent.com/micado-scale/tosca/';

/**
 * The early `policy/` folder is stored once in the corpus (at the tag that introduced each version); corpus/INDEX.md
 * lists the refs holding identical copies: all nine files up to v0.7.3, the seven without the Swarm firewall/secret
 * files from v0.8.0, and from 0.10.0 two of them in a version whose only change is the import URL (master → main).
 */
const POLICY_FILES = [
  'execution/tosca_policy_execution.yaml',
  'execution/tosca_policy_execution_schedule.yaml',
  'placement/requirement/connection/tosca_policy_deployment_placement_requirement_connection.yaml',
  'placement/requirement/location/tosca_policy_Placement_Requirement_location.yaml',
  'scalability/consumption/tosca_policy_scalability_comsumption.yaml',
  'scalability/performance/completion/tosca_policy_scalability_performance_completion.yaml',
  'scalability/performance/completion/tosca_policy_scalability_performance_completion_job.yaml',
  'security/network/firewall_configuration.yaml',
  'security/secrets/secret_distribution.yaml',
];
type PolicyFolder = 'none' | 'all' | 'without-swarm' | 'main-urls';
function policyFolder(kind: PolicyFolder): Record<string, string> {
  if (kind === 'none') return {};
  const files = kind === 'all' ? POLICY_FILES : POLICY_FILES.slice(0, 7);
  return Object.fromEntries(
    files.map((f) => {
      const newer = kind === 'main-urls' && (f.endsWith('_schedule.yaml') || f.endsWith('_job.yaml'));
      return [`policy/${f}`, join(toscaRoot, newer ? '0.10.0' : 'v0.5.0', 'policy', f)];
    }),
  );
}

interface RefFolder {
  readonly ref: string;
  /** Corpus folder holding the ref's copy of micado_types.yaml (+ custom_types). */
  readonly folder: string;
  readonly policy: PolicyFolder;
  /** Files the corpus lacks for this ref, with the copy INDEX.md says is identical. */
  readonly elsewhere?: Readonly<Record<string, string>>;
}

const REF_FOLDERS: readonly RefFolder[] = [
  { ref: 'v0.5.0', folder: 'v0.5.0', policy: 'all' },
  { ref: 'v0.6.0', folder: 'v0.6.0', policy: 'all' },
  { ref: 'v0.x.2', folder: 'v0.x.2', policy: 'all' },
  { ref: 'v0.7.3', folder: 'v0.7.3', policy: 'all' },
  { ref: 'v0.8.0', folder: 'v0.8.0', policy: 'without-swarm' },
  // D5.5's micado_types.yaml is identical to v0.8.0's (INDEX.md), so the corpus keeps only v0.8.0's copy.
  { ref: 'D5.5', folder: 'v0.8.0', policy: 'without-swarm' },
  { ref: 'v0.9.0', folder: 'v0.9.0', policy: 'without-swarm' },
  { ref: 'v0.9.1', folder: 'v0.9.1', policy: 'without-swarm' },
  { ref: '0.10.0', folder: '0.10.0', policy: 'main-urls' },
  { ref: '0.10.1', folder: '0.10.1', policy: 'main-urls' },
  { ref: 'v0.11.0', folder: 'v0.11.0', policy: 'main-urls' },
  { ref: 'v0.12.0', folder: 'v0.12.0', policy: 'main-urls' },
  { ref: 'main', folder: '', policy: 'none' },
  {
    ref: 'digitbrain',
    folder: 'digitbrain',
    policy: 'without-swarm',
    elsewhere: {
      'custom_types/container/common.yaml': 'v0.9.1/custom_types/container/common.yaml',
      'custom_types/policy/security.yaml': 'v0.9.1/custom_types/policy/security.yaml',
      'custom_types/policy/monitoring.yaml': 'custom_types/policy/monitoring.yaml',
      'custom_types/policy/alerting.yaml': 'custom_types/policy/alerting.yaml',
    },
  },
  {
    ref: 'feat/conform-unfurl',
    folder: 'feat/conform-unfurl',
    policy: 'main-urls',
    elsewhere: {
      'custom_types/policy/scaling.yaml': 'custom_types/policy/scaling.yaml',
      'custom_types/policy/security.yaml': 'custom_types/policy/security.yaml',
      'custom_types/policy/monitoring.yaml': 'custom_types/policy/monitoring.yaml',
      'custom_types/policy/alerting.yaml': 'custom_types/policy/alerting.yaml',
    },
  },
];

/** MiCADO's type files of one ref: logical path → corpus file. */
function originalFiles(folder: RefFolder): Record<string, string> {
  const root = join(toscaRoot, folder.folder);
  const files: Record<string, string> = { 'micado_types.yaml': join(root, 'micado_types.yaml') };
  const customTypes = join(root, 'custom_types');
  if (existsSync(customTypes)) {
    for (const entry of readdirSync(customTypes, { recursive: true, encoding: 'utf8' })) {
      if (entry.endsWith('.yaml')) files[posix.join('custom_types', entry.split('\\').join('/'))] = join(customTypes, entry);
    }
  }
  for (const [path, copy] of Object.entries(folder.elsewhere ?? {})) files[path] = join(toscaRoot, copy);
  return { ...files, ...policyFolder(folder.policy) };
}

/** Where an import inside an original file leads, read as the same ref's file (pinned semantics). */
function originalImportPath(fromPath: string, spec: string): string {
  if (!spec.startsWith(MICADO_URL)) return posix.normalize(posix.join(posix.dirname(fromPath), spec));
  const rest = spec.slice(MICADO_URL.length);
  return rest.startsWith('feat/conform-unfurl/') ? rest.slice('feat/conform-unfurl/'.length) : rest.split('/').slice(1).join('/');
}

function closure(start: string, importsFrom: (path: string) => string[], load: (path: string) => Yaml | undefined): Set<string> {
  const seen = new Set<string>();
  const types = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const doc = load(path);
    if (doc === undefined) return void types.add(`unresolved:${path}`);
    for (const t of typeKeys(doc)) types.add(t);
    for (const next of importsFrom(path)) visit(next);
  };
  visit(start);
  return types;
}

/**
 * Every accepted difference between MiCADO's facts and ours, as `<ref> <path> <fact path>: <change>`, with the reason.
 * Anything else the comparison finds fails the test.
 */
const CONTEXT_OVERWRITE = 'deliberate fix, spec section 7 item 36: context_type accepts the documented overwrite flag';
const ACCEPTED: ReadonlyMap<string, string> = new Map(
  [
    ['v0.x.2', 'micado_types.yaml'],
    ['v0.7.3', 'micado_types.yaml'],
    ['v0.8.0', 'micado_types.yaml'],
    ['D5.5', 'micado_types.yaml'],
    ['v0.9.0', 'micado_types.yaml'],
    ['v0.9.1', 'custom_types/cloud/common.yaml'],
    ['0.10.0', 'custom_types/cloud/common.yaml'],
    ['0.10.1', 'custom_types/cloud/common.yaml'],
    ['v0.11.0', 'custom_types/cloud/common.yaml'],
    ['v0.12.0', 'custom_types/cloud/common.yaml'],
    ['main', 'custom_types/cloud/common.yaml'],
    ['digitbrain', 'custom_types/cloud/common.yaml'],
    ['feat/conform-unfurl', 'custom_types/cloud/common.yaml'],
  ].map(([ref, path]) => [`${ref} ${path} data_types.context_type.properties.overwrite: added`, CONTEXT_OVERWRITE]),
);

function profileOf(ref: string): ProfileName {
  const resolution = resolveMicadoUrl(`${MICADO_URL}${ref}/micado_types.yaml`, { pinned: true });
  if (resolution?.kind !== 'profile') throw new Error(`${ref} does not resolve to a profile`);
  return resolution.profile;
}

const facts = suite('profile facts');

const found: string[] = [];
for (const folder of REF_FOLDERS) {
  facts(`${folder.ref}: same files, types and facts as MiCADO (pinned)`, () => {
    const profile = profileOf(folder.ref);
    const originals = originalFiles(folder);
    const info = PROFILES.find((p) => p.name === profile);
    assert.equal([...(info?.paths ?? [])].sort(), Object.keys(originals).sort(), `${profile} has MiCADO's file layout of ${folder.ref}`);

    const loadOriginal = (path: string): Yaml | undefined => (originals[path] === undefined ? undefined : loadYaml(originals[path]));
    const loadOurs = (path: string): Yaml | undefined => {
      const file = profileFile(profile, path);
      return file === undefined ? undefined : loadYaml(file);
    };
    for (const [path, file] of Object.entries(originals)) {
      const original = loadYaml(file);
      const ours = loadOurs(path) ?? {};
      const where = `${folder.ref} ${path}`;
      if (original['tosca_definitions_version'] !== ours['tosca_definitions_version']) found.push(`${where} tosca_definitions_version`);
      for (const section of TYPE_SECTIONS) {
        found.push(...diffFacts(stripProse(original[section] ?? {}), stripProse(ours[section] ?? {}), section).map((d) => `${where} ${d}`));
      }
      const originalTypes = closure(path, (p) => importsOf(loadOriginal(p) ?? {}).map((s) => originalImportPath(p, s)), loadOriginal);
      const ourTypes = closure(
        path,
        (p) =>
          importsOf(loadOurs(p) ?? {}).map((s) => {
            const next = resolveProfileImport(profile, p, s, { pinned: true });
            if (next?.kind !== 'profile' || next.profile !== profile) return `unresolved import ${s}`;
            return next.path;
          }),
        loadOurs,
      );
      assert.equal([...ourTypes].sort(), [...originalTypes].sort(), `${where}: types reachable through imports`);
    }
  });
}

facts('every difference found is an accepted one, and every accepted one is found', () => {
  assert.equal([...new Set(found)].sort(), [...ACCEPTED.keys()].sort());
});

/** Every description an original type file carries, to prove ours are not copies. */
function originalDescriptions(): Set<string> {
  const texts = new Set<string>();
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'description' && typeof x === 'string') texts.add(normalise(x));
        else collect(x);
      }
    }
  };
  for (const folder of REF_FOLDERS) for (const file of Object.values(originalFiles(folder))) collect(loadYaml(file));
  return texts;
}
const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

facts('every type and property has a description of our own', () => {
  const theirs = originalDescriptions();
  const problems: string[] = [];
  for (const profile of PROFILES) {
    for (const path of profile.paths) {
      const doc = loadYaml(profileFile(profile.name, path) ?? '');
      for (const section of TYPE_SECTIONS) {
        for (const [name, def] of Object.entries((doc[section] as Yaml | undefined) ?? {})) {
          const where = `${profile.name} ${path} ${name}`;
          const own = (def as Yaml)['description'];
          if (typeof own !== 'string' || own === '') problems.push(`${where}: no description`);
          else if (theirs.has(normalise(own))) problems.push(`${where}: description copied from MiCADO`);
          for (const group of ['properties', 'attributes']) {
            for (const [prop, pdef] of Object.entries(((def as Yaml)[group] as Yaml | undefined) ?? {})) {
              const text = (pdef as Yaml | null)?.['description'];
              if (typeof text !== 'string' || text === '') problems.push(`${where}.${prop}: no description`);
              else if (theirs.has(normalise(text))) problems.push(`${where}.${prop}: description copied from MiCADO`);
            }
          }
        }
      }
    }
  }
  assert.equal(problems, []);
});

facts.run();
