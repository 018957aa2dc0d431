/**
 * How the editor names what rules see: inferred types written as Python
 * annotations, the documentation of MiCADO's m_* inputs, and call signatures
 * of the symbol table's functions (with parameter names, which the checker's
 * table does not need).
 */
import { kindInputs, type PolicyKind } from '../rule/scope.js';
import { FUNCTIONS, TIME_FUNCTIONS, type Signature } from '../rule/symbols.js';
import type { Atom, Ty } from '../rule/types.js';

/** `float | None`, `list[str]`, `dict[str, str]`; `any` where the checker does not know. */
export function tyText(t: Ty): string {
  if (t.length === 0) return 'never';
  if (t.some((a) => a.k === 'unknown')) return 'any';
  return [...new Set(t.map(atomText))].join(' | ');
}

function atomText(a: Atom): string {
  switch (a.k) {
    case 'none':
      return 'None';
    case 'float64':
    case 'int64':
    case 'bool_':
      return `numpy.${a.k}`;
    case 'list':
    case 'set':
    case 'iterator':
      return `${a.k}[${tyText(a.of)}]`;
    case 'tuple':
      return `tuple[${tyText(a.of)}, ...]`;
    case 'dict':
      return `dict[${tyText(a.key)}, ${tyText(a.value)}]`;
    case 'fn':
      return 'function';
    case 'method':
      return 'method';
    case 'module':
      return `module ${a.name}`;
    case 'struct_time':
      return 'time.struct_time';
    default:
      return a.k;
  }
}

/** MiCADO's predefined inputs (rule-language spec §3.2, §3.3; micado-reference §6.7). */
const M_DOCS: Readonly<Record<string, string>> = {
  m_nodes: "The Ready, untainted worker nodes: one `{'ID': <node name>, 'Addr': <first address>}` per node. For a container policy, the nodes of the scaling node templates hosting the container.",
  m_node_count: 'VM node policy: the current target number of nodes; assign it to scale the node set (read back after the rule). Container policy: the clamped count of the last scaling node template hosting the container (read-only).',
  m_nodes_todrop: 'IDs or addresses of the nodes to remove when scaling in; `[]` on input, read back after the rule. VM node policies only.',
  m_time_when_node_count_changed: 'When the node set last reached its target size (epoch seconds); 0 while it is converging. VM node policies only.',
  m_time_since_node_count_changed: 'Seconds since the node set last reached its target size; 0 while it is converging. VM node policies only.',
  m_container_count: 'The number of replicas: the previous output clamped to [min_instances, max_instances] (min_instances if that was 0 or None). Assign it to scale; read back after the rule. Container policies only.',
  m_userdata: 'One slot shared by every rule of the ADT, None at first and kept from one evaluation to the next until the policy restarts. Only one rule should assign it (RL315).',
  m_opt_advice: "`m_opt_advice()` asks MiCADO's optimizer for advice: a dict with `valid`, `phase` ('training' or 'production'), `vm_number`, `reliability` (0-100) and `error_msg`. VM node policies only: adtc's runtime answers it with its built-in optimiser (the m_opt_* constants and queries configure it); a container rule gets RL211.",
};

export function mInputDoc(name: string): string | undefined {
  return M_DOCS[name];
}

/** The m_* names a rule of this kind can read, with their types. */
export function mInputs(kind: PolicyKind): ReadonlyMap<string, Ty> {
  return kindInputs(kind);
}

export interface CallSignature {
  readonly label: string;
  readonly parameters: readonly string[];
  /** Markdown. */
  readonly documentation?: string;
}

/** Parameter names of the functions people call in rules; others get x, y, z. */
const PARAMS: Readonly<Record<string, readonly string[]>> = {
  max: ['iterable_or_a', '*more', 'key=None', 'default=...'],
  min: ['iterable_or_a', '*more', 'key=None', 'default=...'],
  round: ['a', 'decimals=0'],
  around: ['a', 'decimals=0'],
  round_: ['a', 'decimals=0'],
  int: ['x', 'base=10'],
  range: ['start_or_stop', 'stop', 'step'],
  sorted: ['iterable', 'key=None', 'reverse=False'],
  isinstance: ['obj', 'class_or_tuple'],
  enumerate: ['iterable', 'start=0'],
  zip: ['*iterables'],
  map: ['function', '*iterables'],
  filter: ['function', 'iterable'],
  print: ['*values', "sep=' '", "end='\\n'"],
  format: ['value', "format_spec=''"],
  percentile: ['a', 'q'],
  clip: ['a', 'a_min', 'a_max'],
  pow: ['x', 'y'],
  power: ['x1', 'x2'],
  divmod: ['a', 'b'],
  len: ['obj'],
  sum: ['a'],
  mean: ['a'],
  median: ['a'],
  average: ['a'],
  strftime: ['format', 't=localtime()'],
  strptime: ['string', 'format'],
  gmtime: ['secs=None'],
  localtime: ['secs=None'],
  mktime: ['t'],
};

const GENERIC = ['x', 'y', 'z'];

function signatureOf(name: string, qualified: string, s: Signature): CallSignature {
  const params = PARAMS[name] ?? (s.max < 0 ? [...GENERIC.slice(0, Math.max(s.min, 1)), '*more'] : GENERIC.slice(0, s.max).map((p, i) => (i < s.min ? p : `${p}=...`)));
  const origin = s.origin === 'builtin' ? 'Python builtin' : s.origin === 'math' ? 'from math' : 'from numpy';
  return { label: `${qualified}(${params.join(', ')})`, parameters: params, documentation: `${origin}; ${s.min === s.max ? s.min : s.max < 0 ? `${s.min} or more` : `${s.min} to ${s.max}`} positional argument${s.max === 1 ? '' : 's'}${s.keywords ? `; keywords: ${s.keywords.join(', ')}` : ''}.` };
}

/** The signature of a callee written as `name` or `module.name`; undefined when the table has none. */
export function callSignature(callee: string): CallSignature | undefined {
  if (callee === 'm_opt_advice') return { label: 'm_opt_advice() -> dict', parameters: [], documentation: M_DOCS['m_opt_advice']! };
  const time = /^time\.(\w+)$/.exec(callee);
  if (time) {
    const s = TIME_FUNCTIONS.get(time[1]!);
    return s ? signatureOf(time[1]!, callee, s) : undefined;
  }
  const s = FUNCTIONS.get(callee);
  return s ? signatureOf(callee, callee, s) : undefined;
}

/** A builtin's one-line description for hover and completion: `max(iterable_or_a, *more, ...)` and where it comes from. */
export function builtinDoc(name: string): string | undefined {
  const sig = callSignature(name);
  return sig ? `\`\`\`python\n${sig.label}\n\`\`\`\n${sig.documentation ?? ''}` : undefined;
}

/** The Python keywords of the rule dialect, for completion and highlighting. */
export const RULE_KEYWORDS: ReadonlySet<string> = new Set(['if', 'elif', 'else', 'for', 'while', 'in', 'not', 'and', 'or', 'is', 'break', 'continue', 'pass', 'True', 'False', 'None', 'def', 'class', 'return', 'import', 'from', 'lambda', 'try', 'except', 'finally', 'raise', 'with', 'as', 'del', 'global', 'nonlocal', 'assert', 'yield', 'async', 'await']);

/** The keywords worth offering in completion (those the dialect accepts). */
export const COMPLETION_KEYWORDS = ['if', 'elif', 'else', 'for', 'while', 'in', 'not', 'and', 'or', 'is', 'break', 'continue', 'pass', 'True', 'False', 'None'];
