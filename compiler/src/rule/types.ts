/**
 * Static types of rule values (spec §2.4, §3). A type is a union of atoms;
 * `unknown` absorbs everything. Atoms remember where a None or a str came
 * from (a query, a constant), so warnings can name the input that causes them.
 * The checker reports an error only when every atom of an operand raises.
 */
export type Atom =
  | { readonly k: 'int' | 'float' | 'bool' | 'float64' | 'int64' | 'bool_' | 'struct_time' | 'range' | 'unknown' }
  | { readonly k: 'str'; readonly constant?: string; readonly literal?: string }
  | { readonly k: 'none'; readonly query?: string }
  | { readonly k: 'list' | 'tuple' | 'set' | 'iterator'; readonly of: Ty }
  | { readonly k: 'dict'; readonly key: Ty; readonly value: Ty }
  | { readonly k: 'fn'; readonly name: string }
  | { readonly k: 'module'; readonly name: 'time' | 'requests' }
  | { readonly k: 'method'; readonly name: string; readonly self: Atom };

export type Ty = readonly Atom[];
export type AtomKind = Atom['k'];

export const UNKNOWN: Ty = [{ k: 'unknown' }];
/** The element type of an empty container: no atoms at all. */
export const NEVER: Ty = [];
export const INT: Ty = [{ k: 'int' }];
export const FLOAT: Ty = [{ k: 'float' }];
export const BOOL: Ty = [{ k: 'bool' }];
export const STR: Ty = [{ k: 'str' }];
export const NONE: Ty = [{ k: 'none' }];
export const FLOAT64: Ty = [{ k: 'float64' }];
export const INT64: Ty = [{ k: 'int64' }];
export const BOOL_: Ty = [{ k: 'bool_' }];

export const list = (of: Ty): Ty => [{ k: 'list', of }];
export const tuple = (of: Ty): Ty => [{ k: 'tuple', of }];
export const dict = (key: Ty, value: Ty): Ty => [{ k: 'dict', key, value }];
export const fn = (name: string): Ty => [{ k: 'fn', name }];

export function isUnknown(t: Ty): boolean {
  return t.some((a) => a.k === 'unknown');
}

/** The union of two types; atoms of the same kind merge (containers join their element types). */
export function join(a: Ty, b: Ty): Ty {
  if (a === b) return a;
  if (isUnknown(a) || isUnknown(b)) return UNKNOWN;
  const out: Atom[] = [...a];
  for (const atom of b) add(out, atom);
  return out;
}

export function joinAll(types: readonly Ty[]): Ty {
  return types.reduce((acc, t) => join(acc, t), NEVER);
}

function add(out: Atom[], atom: Atom): void {
  const i = out.findIndex((x) => x.k === atom.k && (x.k !== 'fn' || (atom.k === 'fn' && x.name === atom.name)) && x.k !== 'method' && x.k !== 'module');
  if (i < 0) {
    out.push(atom);
    return;
  }
  const x = out[i]!;
  if ((x.k === 'list' || x.k === 'tuple' || x.k === 'set' || x.k === 'iterator') && x.k === atom.k) out[i] = { k: x.k, of: join(x.of, (atom as { of: Ty }).of) };
  else if (x.k === 'dict' && atom.k === 'dict') out[i] = { k: 'dict', key: join(x.key, atom.key), value: join(x.value, atom.value) };
  else if (x.k === 'none' && atom.k === 'none' && !x.query && atom.query) out[i] = atom;
  else if (x.k === 'str' && atom.k === 'str' && (x.constant !== atom.constant || x.literal !== atom.literal)) out[i] = { k: 'str', ...(x.constant && x.constant === atom.constant ? { constant: x.constant } : {}) };
}

export function has(t: Ty, k: AtomKind): boolean {
  return t.some((a) => a.k === k);
}

/** Every atom is of one of `kinds` (false for unknown and for the empty type). */
export function only(t: Ty, ...kinds: AtomKind[]): boolean {
  return t.length > 0 && t.every((a) => kinds.includes(a.k));
}

export function without(t: Ty, k: AtomKind): Ty {
  return isUnknown(t) ? t : t.filter((a) => a.k !== k);
}

export const NUMERIC: readonly AtomKind[] = ['int', 'float', 'bool', 'float64', 'int64', 'bool_'];
export const INTEGRAL: readonly AtomKind[] = ['int', 'bool', 'int64', 'bool_'];

export function isNumeric(a: Atom): boolean {
  return NUMERIC.includes(a.k);
}

/** The query a None atom came from, if any. */
export function noneQuery(t: Ty): string | undefined {
  for (const a of t) if (a.k === 'none' && a.query) return a.query;
  return undefined;
}

/** The element type when iterating (for loops, list(), sorted(), ...); undefined where iteration raises. */
export function elementOf(a: Atom): Ty | undefined {
  switch (a.k) {
    case 'list':
    case 'tuple':
    case 'set':
    case 'iterator':
      return a.of.length === 0 ? UNKNOWN : a.of;
    case 'dict':
      return a.key.length === 0 ? UNKNOWN : a.key;
    case 'str':
      return STR;
    case 'range':
      return INT;
    case 'struct_time':
      return INT;
    case 'unknown':
      return UNKNOWN;
    default:
      return undefined;
  }
}

/** How a message names a type: "a float", "None", "a list". */
export function describe(t: Ty): string {
  if (isUnknown(t) || t.length === 0) return 'a value';
  const names = [...new Set(t.map(describeAtom))];
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

export function describeAtom(a: Atom): string {
  switch (a.k) {
    case 'none':
      return 'None';
    case 'int':
      return 'an int';
    case 'float':
      return 'a float';
    case 'bool':
      return 'a bool';
    case 'str':
      return 'a str';
    case 'float64':
      return 'a numpy float64';
    case 'int64':
      return 'a numpy int64';
    case 'bool_':
      return 'a numpy bool_';
    case 'list':
      return 'a list';
    case 'tuple':
      return 'a tuple';
    case 'set':
      return 'a set';
    case 'dict':
      return 'a dict';
    case 'iterator':
      return 'an iterator';
    case 'struct_time':
      return 'a struct_time';
    case 'range':
      return 'a range';
    case 'fn':
      return `the function ${a.name}`;
    case 'method':
      return `the method ${a.name}`;
    case 'module':
      return `the module ${a.name}`;
    case 'unknown':
      return 'a value';
  }
}

/** Python's name of a type, as in TypeError messages ('int', 'NoneType', 'numpy.float64'). */
export function pyName(a: Atom): string {
  switch (a.k) {
    case 'none':
      return 'NoneType';
    case 'float64':
    case 'int64':
    case 'bool_':
      return `numpy.${a.k}`;
    case 'fn':
    case 'method':
      return 'builtin_function_or_method';
    case 'iterator':
      return 'iterator';
    case 'struct_time':
      return 'time.struct_time';
    default:
      return a.k;
  }
}

/**
 * The result of a numeric binary operator on two numeric atoms (spec §2.4):
 * numpy kinds win over Python ones, float over int; `/` always gives a float.
 */
export function numericResult(op: string, l: Atom, r: Atom): Atom {
  const numpy = l.k === 'float64' || l.k === 'int64' || l.k === 'bool_' || r.k === 'float64' || r.k === 'int64' || r.k === 'bool_';
  const floaty = l.k === 'float' || l.k === 'float64' || r.k === 'float' || r.k === 'float64' || op === '/';
  if (numpy) {
    if (floaty) return { k: 'float64' };
    if (l.k === 'bool_' && r.k === 'bool_' && (op === '+' || op === '*' || op === '&' || op === '|' || op === '^')) return { k: 'bool_' };
    return { k: 'int64' };
  }
  if (floaty) return { k: 'float' };
  if (l.k === 'bool' && r.k === 'bool' && (op === '&' || op === '|' || op === '^')) return { k: 'bool' };
  return { k: 'int' };
}
