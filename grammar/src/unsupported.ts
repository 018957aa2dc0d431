/**
 * What RL120 says about each refused construct (spec §1.4): what the
 * reference would do on reaching it, and what to write instead.
 */
import type { UnsupportedExpressionKind, UnsupportedStatementKind } from './ast.js';

export type UnsupportedConstruct =
  | UnsupportedStatementKind
  | UnsupportedExpressionKind
  | 'starred'
  | 'double starred'
  | 'starred target'
  | ':='
  | '@'
  | 'complex literal'
  | 'bytes literal';

const STOPS = 'stop with NotImplementedError when it reaches it, after the statements before it took effect';
const NO_FUNCTIONS = 'Rules have no user functions, so they stay loop-bounded and analysable: write the computation inline, and for key= pass a builtin such as len, str or abs.';
const ALL_GLOBAL = 'All variables of a rule are already global: restructure the rule with if/else.';
const LOOP = 'Use a for loop that appends to a list instead.';

const TABLE: Readonly<Record<UnsupportedConstruct, readonly [construct: string, reference: string, advice: string]>> = {
  def: ["A function definition ('def')", STOPS, NO_FUNCTIONS],
  lambda: ['A lambda expression', STOPS, NO_FUNCTIONS],
  class: ["A class definition ('class')", STOPS, ALL_GLOBAL],
  with: ["A 'with' statement", STOPS, ALL_GLOBAL],
  async: ["An 'async' statement", STOPS, ALL_GLOBAL],
  await: ["An 'await' expression", STOPS, ALL_GLOBAL],
  yield: ["A 'yield' expression", STOPS, ALL_GLOBAL],
  global: ["A 'global' statement", STOPS, 'All variables of a rule are already global: remove the statement.'],
  nonlocal: ["A 'nonlocal' statement", STOPS, 'All variables of a rule are already global: remove the statement.'],
  try: ["A 'try' statement", STOPS, 'An error ends the rule by design: test the condition with if instead.'],
  raise: ["A 'raise' statement", STOPS, 'An error ends the rule by design: report the problem with print() and restructure with if/else.'],
  assert: ["An 'assert' statement", STOPS, "Write 'if not condition: print(...)' instead."],
  del: ["A 'del' statement", STOPS, 'Reassign the variable, or remove the item with d.pop(k) or xs.pop(i).'],
  import: ["An 'import' statement", STOPS, 'The math and numpy names and time are already available: write ceil(x), not math.ceil(x).'],
  from: ["A 'from ... import' statement", STOPS, 'The math and numpy names and time are already available: write ceil(x), not math.ceil(x).'],
  return: ["A 'return' statement", 'ignore it silently and go on with the next statement', 'Restructure the rule with if/else.'],
  'list comprehension': ['A list comprehension', STOPS, LOOP],
  'set comprehension': ['A set comprehension', STOPS, LOOP],
  'dict comprehension': ['A dict comprehension', STOPS, 'Use a for loop that fills a dict instead.'],
  'generator expression': ['A generator expression', STOPS, LOOP],
  'set display': ['A set display', "stop with NotImplementedError ('Set' not supported) when it reaches it", 'Write set([a, b]) instead of {a, b}.'],
  ellipsis: ["The '...' literal", 'stop with NotImplementedError when it reaches it', 'Remove it; write pass for an empty block.'],
  starred: ["Unpacking with '*'", 'stop with an error when it reaches it', 'Pass the arguments or items explicitly.'],
  'double starred': ["Unpacking with '**'", 'stop with an error when it reaches it', 'Pass the keyword arguments or entries explicitly.'],
  'starred target': ["A starred assignment target ('*rest')", 'stop with an error when it reaches it', 'Assign the items by index instead.'],
  ':=': ["The ':=' operator", STOPS, 'Assign the value in a statement of its own first.'],
  '@': ["The '@' operator", 'stop with an error when it reaches it', 'Multiply element by element in a for loop.'],
  'complex literal': ['A complex number literal', 'compute with complex numbers, which the product does not model', 'Rules compute with real numbers only.'],
  'bytes literal': ['A bytes literal', 'compute with bytes, which the product does not model', "Use a str literal ('...') instead."],
};

export function unsupported(construct: UnsupportedConstruct): { construct: string; reference: string; advice: string } {
  const [text, reference, advice] = TABLE[construct];
  return { construct: text, reference, advice };
}
