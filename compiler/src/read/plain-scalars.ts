/**
 * YAML 1.1 typing of plain scalars as PyYAML's safe loader does it, because
 * MiCADO (tosca-parser and the Policy Keeper) reads ADTs with PyYAML:
 * `yes`/`on` are booleans, `0777` is octal, `1:30` is 90, and `1e3` is a string
 * (the exponent needs a dot and a sign), unlike YAML 1.2.
 */
import type { ScalarValue, YamlType } from './yaml-tree.js';

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP =
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

export interface Typed {
  readonly type: YamlType;
  readonly value: ScalarValue;
}

export function resolvePlain(text: string): Typed {
  if (NULL.test(text)) return { type: 'null', value: null };
  if (BOOL.test(text)) return { type: 'bool', value: /^(?:yes|true|on)$/i.test(text) };
  if (INT.test(text)) return { type: 'int', value: parseYamlInt(text) };
  if (FLOAT.test(text)) return { type: 'float', value: parseYamlFloat(text) };
  if (TIMESTAMP.test(text)) return { type: 'timestamp', value: text };
  return { type: 'str', value: text };
}

export function parseYamlInt(text: string): number {
  let t = text.replace(/_/g, '');
  let sign = 1;
  if (t[0] === '-' || t[0] === '+') {
    if (t[0] === '-') sign = -1;
    t = t.slice(1);
  }
  if (t === '0') return 0;
  if (t.startsWith('0b')) return sign * parseInt(t.slice(2), 2);
  if (t.startsWith('0x')) return sign * parseInt(t.slice(2), 16);
  if (t.startsWith('0')) return sign * parseInt(t, 8);
  if (t.includes(':')) return sign * sexagesimal(t);
  return sign * Number(t);
}

export function parseYamlFloat(text: string): number {
  let t = text.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (t[0] === '-' || t[0] === '+') {
    if (t[0] === '-') sign = -1;
    t = t.slice(1);
  }
  if (t === '.inf') return sign * Infinity;
  if (t === '.nan') return NaN;
  if (t.includes(':')) return sign * sexagesimal(t);
  return sign * Number(t);
}

function sexagesimal(t: string): number {
  let value = 0;
  for (const part of t.split(':')) value = value * 60 + Number(part);
  return value;
}
