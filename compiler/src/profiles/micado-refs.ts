/**
 * Offline resolution of MiCADO type-file imports to the profiles bundled in `compiler/profiles/`.
 *
 * An ADT imports `https://raw.githubusercontent.com/micado-scale/tosca/<ref>/<path>`; adtc never downloads it but maps
 * the ref to a bundled profile (one MiCADO generation) and the path to a file of that profile (spec 2.1, 2.2).
 * Profiles share files whose facts did not change between generations, so a (profile, path) pair names a *logical* file
 * and {@link profileFile} finds where it is stored. Relative imports inside profile files must be resolved against the
 * logical path ({@link resolveProfileImport}), never against the stored location, or a shared file would pull in
 * another generation's neighbours.
 */
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `compiler/profiles/`, located from the compiled module in `dist/compiler/src/profiles/`. */
export const profilesRoot = fileURLToPath(new URL('../../../../compiler/profiles/', import.meta.url));

/** The TOSCA Simple Profile normative types, loaded before any ADT or profile file. */
export const normativeTypesFile = `${profilesRoot}tosca/normative.yaml`;
/** The types TOSCA 1.3 added, which tosca-parser lacks: loaded with the normative ones, replaced by any other definition. */
export const tosca13TypesFile = `${profilesRoot}tosca/normative-1.3.yaml`;
/** The files every ADT can use without importing them. */
export const implicitTypeFiles: readonly string[] = [normativeTypesFile, tosca13TypesFile];

export type ProfileName =
  | 'micado-0.5'
  | 'micado-0.6'
  | 'micado-0.7'
  | 'micado-0.7.3'
  | 'micado-0.8'
  | 'micado-0.9.0'
  | 'micado-0.9.1'
  | 'micado-0.10'
  | 'micado-0.10-conform-unfurl'
  | 'micado-digitbrain'
  | 'micado-0.11'
  | 'micado-0.12'
  | 'micado-main';

/** Where each logical file of a profile is stored: path inside the profile → profile folder that holds it. */
type FileTable = Readonly<Record<string, ProfileName>>;

const policyPath = (rest: string): string => `policy/${rest}`;
/** MiCADO's early `policy/` folder; its facts never changed, so every generation reads micado-0.5's copies. */
const POLICY_FOLDER_AFTER_0_7: FileTable = Object.fromEntries(
  [
    'execution/tosca_policy_execution.yaml',
    'execution/tosca_policy_execution_schedule.yaml',
    'placement/requirement/connection/tosca_policy_deployment_placement_requirement_connection.yaml',
    'placement/requirement/location/tosca_policy_Placement_Requirement_location.yaml',
    'scalability/consumption/tosca_policy_scalability_comsumption.yaml',
    'scalability/performance/completion/tosca_policy_scalability_performance_completion.yaml',
    'scalability/performance/completion/tosca_policy_scalability_performance_completion_job.yaml',
  ].map((p) => [policyPath(p), 'micado-0.5' as const]),
);
/** Up to v0.7.3 the folder also held the Swarm-era firewall and secret policy files. */
const POLICY_FOLDER: FileTable = {
  ...POLICY_FOLDER_AFTER_0_7,
  [policyPath('security/network/firewall_configuration.yaml')]: 'micado-0.5',
  [policyPath('security/secrets/secret_distribution.yaml')]: 'micado-0.5',
};

const FILES: Readonly<Record<ProfileName, FileTable>> = {
  'micado-0.5': {
    'micado_types.yaml': 'micado-0.5',
    ...POLICY_FOLDER,
  },
  'micado-0.6': {
    'micado_types.yaml': 'micado-0.6',
    ...POLICY_FOLDER,
  },
  'micado-0.7': {
    'micado_types.yaml': 'micado-0.7',
    ...POLICY_FOLDER,
  },
  'micado-0.7.3': {
    'micado_types.yaml': 'micado-0.7.3',
    ...POLICY_FOLDER,
  },
  'micado-0.8': {
    'micado_types.yaml': 'micado-0.8',
    ...POLICY_FOLDER_AFTER_0_7,
  },
  'micado-0.9.0': {
    'micado_types.yaml': 'micado-0.9.0',
    ...POLICY_FOLDER_AFTER_0_7,
  },
  'micado-0.9.1': {
    'micado_types.yaml': 'micado-0.9.1',
    'custom_types/cloud/common.yaml': 'micado-0.9.1',
    'custom_types/cloud/occopus.yaml': 'micado-0.9.1',
    'custom_types/cloud/terraform.yaml': 'micado-0.9.1',
    'custom_types/container/common.yaml': 'micado-0.9.1',
    'custom_types/container/kubernetes.yaml': 'micado-0.9.1',
    'custom_types/container/swarm.yaml': 'micado-0.9.1',
    'custom_types/policy/alerting.yaml': 'micado-0.9.1',
    'custom_types/policy/monitoring.yaml': 'micado-0.9.1',
    'custom_types/policy/scaling.yaml': 'micado-0.9.1',
    'custom_types/policy/security.yaml': 'micado-0.9.1',
    ...POLICY_FOLDER_AFTER_0_7,
  },
  'micado-0.10': {
    'micado_types.yaml': 'micado-0.10',
    'custom_types/cloud/common.yaml': 'micado-0.10',
    'custom_types/cloud/occopus.yaml': 'micado-0.9.1',
    'custom_types/cloud/terraform.yaml': 'micado-0.9.1',
    'custom_types/container/common.yaml': 'micado-0.9.1',
    'custom_types/container/kubernetes.yaml': 'micado-0.10',
    'custom_types/container/swarm.yaml': 'micado-0.9.1',
    'custom_types/policy/alerting.yaml': 'micado-0.9.1',
    'custom_types/policy/monitoring.yaml': 'micado-0.9.1',
    'custom_types/policy/scaling.yaml': 'micado-0.10',
    'custom_types/policy/security.yaml': 'micado-0.9.1',
    ...POLICY_FOLDER_AFTER_0_7,
  },
  'micado-0.10-conform-unfurl': {
    'micado_types.yaml': 'micado-0.10-conform-unfurl',
    'custom_types/cloud/common.yaml': 'micado-0.10-conform-unfurl',
    'custom_types/cloud/occopus.yaml': 'micado-0.9.1',
    'custom_types/cloud/terraform.yaml': 'micado-0.9.1',
    'custom_types/container/common.yaml': 'micado-0.10-conform-unfurl',
    'custom_types/container/kubernetes.yaml': 'micado-0.10',
    'custom_types/container/swarm.yaml': 'micado-0.9.1',
    'custom_types/policy/alerting.yaml': 'micado-0.9.1',
    'custom_types/policy/monitoring.yaml': 'micado-0.9.1',
    'custom_types/policy/scaling.yaml': 'micado-0.10',
    'custom_types/policy/security.yaml': 'micado-0.9.1',
    ...POLICY_FOLDER_AFTER_0_7,
  },
  'micado-digitbrain': {
    'micado_types.yaml': 'micado-digitbrain',
    'custom_types/cloud/common.yaml': 'micado-digitbrain',
    'custom_types/cloud/occopus.yaml': 'micado-0.9.1',
    'custom_types/cloud/terraform.yaml': 'micado-0.9.1',
    'custom_types/container/common.yaml': 'micado-0.9.1',
    'custom_types/container/kubernetes.yaml': 'micado-0.10',
    'custom_types/container/swarm.yaml': 'micado-0.9.1',
    'custom_types/policy/alerting.yaml': 'micado-0.9.1',
    'custom_types/policy/monitoring.yaml': 'micado-0.9.1',
    'custom_types/policy/scaling.yaml': 'micado-0.10',
    'custom_types/policy/security.yaml': 'micado-0.9.1',
    ...POLICY_FOLDER_AFTER_0_7,
  },
  'micado-0.11': {
    'micado_types.yaml': 'micado-0.10',
    'custom_types/cloud/common.yaml': 'micado-0.11',
    'custom_types/cloud/occopus.yaml': 'micado-0.9.1',
    'custom_types/cloud/terraform.yaml': 'micado-0.9.1',
    'custom_types/container/common.yaml': 'micado-0.9.1',
    'custom_types/container/kubernetes.yaml': 'micado-0.10',
    'custom_types/container/swarm.yaml': 'micado-0.9.1',
    'custom_types/policy/alerting.yaml': 'micado-0.9.1',
    'custom_types/policy/monitoring.yaml': 'micado-0.9.1',
    'custom_types/policy/scaling.yaml': 'micado-0.10',
    'custom_types/policy/security.yaml': 'micado-0.9.1',
    ...POLICY_FOLDER_AFTER_0_7,
  },
  'micado-0.12': {
    'micado_types.yaml': 'micado-0.10',
    'custom_types/cloud/common.yaml': 'micado-0.12',
    'custom_types/cloud/occopus.yaml': 'micado-0.9.1',
    'custom_types/cloud/terraform.yaml': 'micado-0.9.1',
    'custom_types/container/common.yaml': 'micado-0.12',
    'custom_types/container/kubernetes.yaml': 'micado-0.12',
    'custom_types/container/swarm.yaml': 'micado-0.9.1',
    'custom_types/policy/alerting.yaml': 'micado-0.9.1',
    'custom_types/policy/monitoring.yaml': 'micado-0.9.1',
    'custom_types/policy/scaling.yaml': 'micado-0.10',
    'custom_types/policy/security.yaml': 'micado-0.9.1',
    ...POLICY_FOLDER_AFTER_0_7,
  },
  'micado-main': {
    'micado_types.yaml': 'micado-main',
    'custom_types/cloud/common.yaml': 'micado-main',
    'custom_types/cloud/occopus.yaml': 'micado-0.9.1',
    'custom_types/cloud/terraform.yaml': 'micado-0.9.1',
    'custom_types/container/common.yaml': 'micado-0.12',
    'custom_types/container/kubernetes.yaml': 'micado-0.12',
    'custom_types/container/swarm.yaml': 'micado-0.9.1',
    'custom_types/policy/alerting.yaml': 'micado-0.9.1',
    'custom_types/policy/monitoring.yaml': 'micado-0.9.1',
    'custom_types/policy/scaling.yaml': 'micado-0.10',
    'custom_types/policy/security.yaml': 'micado-0.9.1',
  },
};

export interface ProfileInfo {
  readonly name: ProfileName;
  /** Which MiCADO release line (and refs) the profile reproduces. */
  readonly generation: string;
  /** `tosca_definitions_version` of the generation's type files. */
  readonly toscaVersion: 'tosca_simple_yaml_1_0' | 'tosca_simple_yaml_1_2';
  /** Logical paths of the profile's files (the keys of URLs after the ref). */
  readonly paths: readonly string[];
}

const GENERATIONS: Readonly<Record<ProfileName, string>> = {
  'micado-0.5': 'MiCADO 0.5 (tag v0.5.0): Swarm and Occopus, monolithic types',
  'micado-0.6': 'MiCADO 0.6 (tag v0.6.0): same type names as 0.5',
  'micado-0.7': 'MiCADO 0.7.0-0.7.2 (tag v0.x.2): Kubernetes, <Cloud>.Compute types',
  'micado-0.7.3': 'MiCADO 0.7.3 (tag v0.7.3)',
  'micado-0.8': 'MiCADO 0.8 (tag v0.8.0, branch D5.5)',
  'micado-0.9.0': 'MiCADO 0.9.0 (tag v0.9.0, branch add-terraform): last monolithic types',
  'micado-0.9.1': 'MiCADO 0.9.1 (tag v0.9.1): first split layout',
  'micado-0.10': 'MiCADO 0.10 (tags 0.10.0, 0.10.1; branch develop when pinned)',
  'micado-0.10-conform-unfurl': 'MiCADO 0.10 variant of branch feat/conform-unfurl',
  'micado-digitbrain': 'MiCADO 0.10 variant of branch digitbrain',
  'micado-0.11': 'MiCADO 0.11 (tag v0.11.0)',
  'micado-0.12': 'MiCADO 0.12 (tag v0.12.0)',
  'micado-main': 'MiCADO main branch (current types)',
};

export const PROFILES: readonly ProfileInfo[] = (Object.keys(FILES) as ProfileName[]).map((name) => ({
  name,
  generation: GENERATIONS[name],
  toscaVersion: ['micado-0.5', 'micado-0.6', 'micado-0.7', 'micado-0.7.3', 'micado-0.8', 'micado-0.9.0'].includes(name)
    ? 'tosca_simple_yaml_1_0'
    : 'tosca_simple_yaml_1_2',
  paths: Object.keys(FILES[name]),
}));

/** The stored file of a logical profile file, or undefined when the generation had no such file. */
export function profileFile(profile: ProfileName, path: string): string | undefined {
  const owner = FILES[profile][path];
  return owner === undefined ? undefined : `${profilesRoot}${owner}/${path}`;
}

export type RefNote = 'dead-ref' | 'renamed-branch' | 'effective-main' | 'variant-branch';

export interface KnownRef {
  readonly ref: string;
  /** MiCADO's effective resolution of `<ref>/micado_types.yaml` (spec 2.2, "bundled profile (default)"). */
  readonly profile: ProfileName;
  /** The ref's own historical types. */
  readonly pinned: ProfileName;
  readonly note?: RefNote;
  readonly noteMessage?: string;
  /** A profile the caller should prefer when `when` holds for the importing ADT (only `master`). */
  readonly alternative?: { readonly profile: ProfileName; readonly when: string };
}

const EFFECTIVE_MAIN = (ref: string): string =>
  `MiCADO's micado_types.yaml at ${ref} imports the custom types of branch main, so this import gets main's types; pin the import to use ${ref}'s own types.`;

/** Every micado-scale/tosca ref an ADT is known to import (spec 2.2). */
export const KNOWN_REFS: readonly KnownRef[] = [
  { ref: 'v0.5.0', profile: 'micado-0.5', pinned: 'micado-0.5' },
  { ref: 'v0.6.0', profile: 'micado-0.6', pinned: 'micado-0.6' },
  {
    ref: 'master',
    profile: 'micado-0.10',
    pinned: 'micado-0.10',
    note: 'renamed-branch',
    noteMessage: "Branch master was renamed to main in February 2022 and its content changed over time; adtc reads it as MiCADO 0.10.",
    // v0.5-era ADTs imported master while it still held the 0.5/0.6 types; their Occopus.* type names tell them apart.
    alternative: { profile: 'micado-0.6', when: 'the ADT uses tosca.nodes.MiCADO.Occopus.* type names' },
  },
  { ref: 'v0.x.2', profile: 'micado-0.7', pinned: 'micado-0.7' },
  { ref: 'v0.7.3', profile: 'micado-0.7.3', pinned: 'micado-0.7.3' },
  { ref: 'v0.8.0', profile: 'micado-0.8', pinned: 'micado-0.8' },
  { ref: 'D5.5', profile: 'micado-0.8', pinned: 'micado-0.8' },
  { ref: 'v0.9.0', profile: 'micado-0.9.0', pinned: 'micado-0.9.0' },
  {
    ref: 'add-terraform',
    profile: 'micado-0.9.0',
    pinned: 'micado-0.9.0',
    note: 'dead-ref',
    noteMessage: 'Branch add-terraform was deleted (it held Terraform tests of 2020); adtc reads it as MiCADO 0.9.0.',
  },
  { ref: 'v0.9.1', profile: 'micado-0.9.1', pinned: 'micado-0.9.1' },
  { ref: '0.10.0', profile: 'micado-main', pinned: 'micado-0.10', note: 'effective-main', noteMessage: EFFECTIVE_MAIN('0.10.0') },
  { ref: '0.10.1', profile: 'micado-main', pinned: 'micado-0.10', note: 'effective-main', noteMessage: EFFECTIVE_MAIN('0.10.1') },
  { ref: 'develop', profile: 'micado-main', pinned: 'micado-0.10', note: 'effective-main', noteMessage: EFFECTIVE_MAIN('develop') },
  { ref: 'v0.11.0', profile: 'micado-main', pinned: 'micado-0.11', note: 'effective-main', noteMessage: EFFECTIVE_MAIN('v0.11.0') },
  { ref: 'v0.12.0', profile: 'micado-main', pinned: 'micado-0.12', note: 'effective-main', noteMessage: EFFECTIVE_MAIN('v0.12.0') },
  { ref: 'main', profile: 'micado-main', pinned: 'micado-main' },
  {
    ref: 'digitbrain',
    profile: 'micado-digitbrain',
    pinned: 'micado-digitbrain',
    note: 'variant-branch',
    noteMessage: 'Branch digitbrain is a project variant of MiCADO 0.10 without the Terraform provider input and CloudBroker domain-name ids.',
  },
  {
    ref: 'feat/conform-unfurl',
    profile: 'micado-0.10',
    pinned: 'micado-0.10-conform-unfurl',
    note: 'variant-branch',
    noteMessage: 'Branch feat/conform-unfurl is an experimental variant of MiCADO 0.10; its index is read as MiCADO 0.10 unless the import is pinned.',
  },
];

/** Refs that never existed but have an obvious intended target. */
const KNOWN_TYPOS: Readonly<Record<string, string>> = { 'v0.x.x': 'v0.x.2' };

export type MicadoUrlResolution =
  | {
      readonly kind: 'profile';
      readonly ref: string;
      readonly path: string;
      readonly profile: ProfileName;
      /** Absolute path of the bundled file. */
      readonly file: string;
      readonly note?: RefNote;
      readonly noteMessage?: string;
      readonly alternative?: KnownRef['alternative'];
    }
  | { readonly kind: 'unknown-ref'; readonly ref: string; readonly known: readonly string[]; readonly suggestion?: string }
  | { readonly kind: 'unknown-path'; readonly ref: string; readonly path: string; readonly profile: ProfileName; readonly known: readonly string[] }
  | { readonly kind: 'legacy'; readonly origin: string; readonly message: string };

export interface ResolveOptions {
  /** Map each ref to its own historical types instead of MiCADO's effective resolution. */
  readonly pinned: boolean;
}

const TOSCA_REPO = /^https?:\/\/(?:raw\.githubusercontent\.com\/micado-scale\/tosca\/|github\.com\/micado-scale\/tosca\/(?:raw|blob)\/)(.+)$/i;
const LEGACY: readonly { readonly pattern: RegExp; readonly origin: string }[] = [
  { pattern: /^https?:\/\/raw\.githubusercontent\.com\/COLAProject\/COLARepo\//i, origin: 'COLAProject/COLARepo' },
  { pattern: /^https?:\/\/raw\.githubusercontent\.com\/jaydesl\/COLARepo\//i, origin: 'jaydesl/COLARepo' },
  { pattern: /^https?:\/\/raw\.githubusercontent\.com\/micado-scale\/ansible-micado\/[^/]+\/.*custom_types\.yaml$/i, origin: 'micado-scale/ansible-micado 0.3.x' },
];

/**
 * Maps a MiCADO type-file URL to a bundled profile file, or returns undefined when the URL is not one of MiCADO's.
 *
 * Only the index (`micado_types.yaml`) of refs ≥ 0.10.0 is redirected to main by MiCADO; any other path is fetched
 * from the ref itself, so it resolves in the ref's own (pinned) profile in both modes.
 */
export function resolveMicadoUrl(url: string, options: ResolveOptions): MicadoUrlResolution | undefined {
  const legacy = LEGACY.find((l) => l.pattern.test(url));
  if (legacy !== undefined) {
    return {
      kind: 'legacy',
      origin: legacy.origin,
      message: `unsupported legacy import: ${legacy.origin} holds pre-v0.5 Swarm-era MiCADO types, which adtc does not bundle`,
    };
  }
  const match = TOSCA_REPO.exec(url.split(/[?#]/)[0] ?? url);
  if (match === null) return undefined;
  const rest = (match[1] ?? '').replace(/^refs\/heads\//, '');
  // Refs may contain a slash (feat/conform-unfurl): prefer the longest known ref that prefixes the rest.
  const known = KNOWN_REFS.filter((r) => rest.startsWith(`${r.ref}/`)).sort((a, b) => b.ref.length - a.ref.length)[0];
  if (known === undefined) {
    const ref = rest.split('/')[0] ?? rest;
    const suggestion = KNOWN_TYPOS[ref] ?? closestRef(ref);
    return { kind: 'unknown-ref', ref, known: KNOWN_REFS.map((r) => r.ref), ...(suggestion === undefined ? {} : { suggestion }) };
  }
  const path = posix.normalize(rest.slice(known.ref.length + 1));
  const profile = options.pinned || path !== 'micado_types.yaml' ? known.pinned : known.profile;
  const file = profileFile(profile, path);
  if (file === undefined) return { kind: 'unknown-path', ref: known.ref, path, profile, known: Object.keys(FILES[profile]) };
  const noted = profile === known.profile || known.note !== 'effective-main';
  return {
    kind: 'profile',
    ref: known.ref,
    path,
    profile,
    file,
    ...(known.note !== undefined && noted ? { note: known.note, noteMessage: known.noteMessage } : {}),
    ...(known.alternative === undefined ? {} : { alternative: known.alternative }),
  };
}

/** Where an import written inside a profile file leads: absolute URLs resolve like ADT imports, relative ones stay in the profile. */
export function resolveProfileImport(
  profile: ProfileName,
  fromPath: string,
  importSpec: string,
  options: ResolveOptions,
): MicadoUrlResolution | undefined {
  if (/^[a-z]+:\/\//i.test(importSpec)) return resolveMicadoUrl(importSpec, options);
  const path = posix.normalize(posix.join(posix.dirname(fromPath), importSpec));
  const file = profileFile(profile, path);
  const ref = KNOWN_REFS.find((r) => r.pinned === profile)?.ref ?? profile;
  if (file === undefined) return { kind: 'unknown-path', ref, path, profile, known: Object.keys(FILES[profile]) };
  return { kind: 'profile', ref, path, profile, file };
}

/** The known ref nearest to a mistyped one (edit distance ≤ 2), for "did you mean". */
function closestRef(ref: string): string | undefined {
  let best: { ref: string; distance: number } | undefined;
  for (const candidate of KNOWN_REFS) {
    const distance = editDistance(ref.toLowerCase(), candidate.ref.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { ref: candidate.ref, distance };
  }
  return best?.ref;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
