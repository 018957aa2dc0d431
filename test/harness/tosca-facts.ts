/**
 * Reading TOSCA type files as facts: the parts that a validator acts on, without the prose.
 * Used to compare our bundled profiles with MiCADO's original type files.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export const TYPE_SECTIONS = [
  'artifact_types',
  'data_types',
  'capability_types',
  'interface_types',
  'relationship_types',
  'node_types',
  'group_types',
  'policy_types',
] as const;

export type Yaml = Record<string, unknown>;

/**
 * tosca-parser reads YAML 1.1 with PyYAML (`required: yes` is a boolean; a repeated key keeps its last value, and some
 * of MiCADO's files repeat `description`), so we read the same way.
 */
export function loadYaml(file: string): Yaml {
  return (parse(readFileSync(file, 'utf8'), { version: '1.1', uniqueKeys: false }) ?? {}) as Yaml;
}

const DEFINITION_MAPS = new Set(['properties', 'attributes', 'inputs']);

/**
 * Drops every `description`, except where `description` is the name of a property/attribute/input.
 * Values (`default`, `value`) are facts verbatim, whatever keys they contain.
 */
export function stripProse(value: unknown, parentKey?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => stripProse(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Yaml = {};
  for (const [key, v] of Object.entries(value)) {
    // MiCADO's ports_type misspells one description key ('desription'); it is prose as much as 'description' is.
    if ((key === 'description' || key === 'desription') && !DEFINITION_MAPS.has(parentKey ?? '')) continue;
    out[key] = key === 'default' || key === 'value' ? v : stripProse(v, key);
  }
  return out;
}

/** Every difference between two fact trees, as `path: expected → actual` lines (key order is not a fact). */
export function diffFacts(expected: unknown, actual: unknown, path: string): string[] {
  if (isMap(expected) && isMap(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((k) => {
      if (!(k in actual)) return [`${path}.${k}: missing`];
      if (!(k in expected)) return [`${path}.${k}: added`];
      return diffFacts(expected[k], actual[k], `${path}.${k}`);
    });
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    return expected.flatMap((e, i) => diffFacts(e, actual[i], `${path}[${i}]`));
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [`${path}: ${JSON.stringify(expected)} → ${JSON.stringify(actual)}`];
}

function isMap(v: unknown): v is Yaml {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Imports as written: plain strings or `{file: …}` entries. */
export function importsOf(doc: Yaml): string[] {
  const imports = doc['imports'];
  if (!Array.isArray(imports)) return [];
  return imports.map((i: unknown) => (isMap(i) ? String(i['file']) : String(i)));
}

/** `section:name` of every type a document defines. */
export function typeKeys(doc: Yaml): string[] {
  return TYPE_SECTIONS.flatMap((s) => Object.keys((doc[s] as Yaml | undefined) ?? {}).map((n) => `${s}:${n}`));
}
