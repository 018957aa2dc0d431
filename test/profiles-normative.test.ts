/**
 * The TOSCA normative types file: every type and property carries our description, the types the language relies on
 * exist, and every tosca.* type a profile refers to is defined by the normative file or by the profile itself.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadYaml, TYPE_SECTIONS, type Yaml } from './harness/tosca-facts.js';
import { normativeTypesFile, profileFile, PROFILES } from '../compiler/src/profiles/micado-refs.js';

const normative = loadYaml(normativeTypesFile);
const definedIn = (doc: Yaml): string[] => TYPE_SECTIONS.flatMap((s) => Object.keys((doc[s] as Yaml | undefined) ?? {}));
const normativeNames = new Set(definedIn(normative));

/** References in MiCADO's files to types nobody defines; tosca-parser only fails when a template uses them. */
const DANGLING: ReadonlyMap<string, string> = new Map([
  ['tosca.datatypes.credentials', 'v0.5/v0.6 Occopus cloud data type names a lower-case type that TOSCA does not define'],
  ['tosca.capabilities.MiCADO.Occopus.Cloud', 'v0.5/v0.6 MiCADO.Compute names a capability type its own file never defines'],
]);

const tosca = suite('normative types');

tosca('defines the TOSCA Simple Profile types adtc relies on', () => {
  const required = [
    'tosca.nodes.Root', 'tosca.nodes.Compute', 'tosca.nodes.BlockStorage', 'tosca.nodes.Container.Application',
    'tosca.nodes.Container.Runtime', 'tosca.nodes.SoftwareComponent', 'tosca.nodes.network.Network',
    'tosca.capabilities.Container', 'tosca.capabilities.Container.Docker', 'tosca.capabilities.Endpoint',
    'tosca.capabilities.Attachment', 'tosca.capabilities.OperatingSystem', 'tosca.capabilities.Scalable',
    'tosca.relationships.HostedOn', 'tosca.relationships.ConnectsTo', 'tosca.relationships.AttachesTo',
    'tosca.relationships.DependsOn', 'tosca.relationships.RoutesTo', 'tosca.interfaces.node.lifecycle.Standard',
    'tosca.interfaces.relationship.Configure', 'tosca.datatypes.Root', 'tosca.datatypes.Credential',
    'tosca.artifacts.Root', 'tosca.artifacts.File', 'tosca.artifacts.Deployment.Image.Container.Docker',
    'tosca.policies.Root', 'tosca.policies.Placement', 'tosca.policies.Scaling', 'tosca.policies.Update',
    'tosca.policies.Performance', 'tosca.groups.Root',
  ];
  assert.equal(required.filter((t) => !normativeNames.has(t)), []);
});

tosca('every normative type and property has a description', () => {
  const missing: string[] = [];
  for (const section of TYPE_SECTIONS) {
    for (const [name, def] of Object.entries((normative[section] as Yaml | undefined) ?? {})) {
      if (typeof (def as Yaml)['description'] !== 'string') missing.push(name);
      for (const group of ['properties', 'attributes']) {
        for (const [prop, pdef] of Object.entries(((def as Yaml)[group] as Yaml | undefined) ?? {})) {
          if (typeof (pdef as Yaml)['description'] !== 'string') missing.push(`${name}.${prop}`);
        }
      }
    }
  }
  assert.equal(missing, []);
});

function referencedTypes(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string' && /^tosca\.(nodes|capabilities|relationships|interfaces|datatypes|artifacts|policies|groups)\./.test(value)) {
    into.add(value);
  } else if (Array.isArray(value)) value.forEach((v) => referencedTypes(v, into));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'description' && k !== 'default') referencedTypes(v, into);
  }
  return into;
}

tosca('every tosca.* type a profile refers to is defined', () => {
  const undefinedRefs = new Set<string>();
  for (const profile of PROFILES) {
    const docs = profile.paths.map((p) => loadYaml(profileFile(profile.name, p) ?? ''));
    const defined = new Set([...normativeNames, ...docs.flatMap(definedIn)]);
    for (const doc of docs) for (const t of referencedTypes(doc, new Set())) if (!defined.has(t)) undefinedRefs.add(t);
  }
  assert.equal([...undefinedRefs].sort(), [...DANGLING.keys()].sort());
});

tosca.run();
