/**
 * Every item of the spec's §4 traps checklist as whole rules through the
 * compiler (check → TypeScript → verified module → evaluate) against CPython:
 * the items of a section that do not raise run as one rule (each result bound
 * to a variable and printed); each raising item runs as its own rule between
 * an assignment that must be kept and one that must not run. A raising item
 * the checker already refuses (an error wherever the rule cannot work, e.g.
 * `None < 1`) counts as caught at compile time instead.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closeOracle } from './harness/oracle.js';
import { diff, type DiffCase } from './harness/rule-diff.js';
import { PyList } from '../runtime/src/rule-lib/index.js';

/** Items that raise are marked with a leading '!'. Statements (with '\n') run as they are. */
const TRAPS: Record<string, readonly string[]> = {
  '4.1': ['6 / 2', 'str(6 / 2)', '10**20 / 3', '10**20 // 3', '2**53 + 1', '9007199254740993 == 9007199254740992.0', 'float(2**53 + 1)', '!10**400 * 1.0', '10**400 > 1e308', '1e308 * 10', "float('1e400')", '!2.0**10000'],
  '4.2': ['-7 // 2', '7 // -2', '-7.5 // 2', "1 // float('-inf')", '-7 % 3', '7 % -3', '-7.5 % 2', "-1 % float('inf')", '1e-20 % -1', '-0.0 % 5', 'divmod(-7, 2)', '!1 // 0', '!1 % 0', '!1 / 0', '!1.0 / 0'],
  '4.3': ['2**10', '2**-1', '0**0', '-2**2', '2**64', '!2**10001', '!(-8) ** (1/3)', '1.5 ** 2.5', '10.0 ** -5'],
  '4.4': ['True + True', 'True == 1', 'max(True, 1)', 'max(1, True)', "{True: 'x', 1: 'y', 1.0: 'z'}", 'sum([True, True])', 'all([1]) + all([2])'],
  '4.5': ['ceil(2.1)', 'floor(-0.5)', 'ceil(-0.5)', '!range(ceil(2.5))', '![0] * ceil(2.5)', "!'{:d}'.format(ceil(2.1))", 'abs(-3)', 'isinstance(abs(-3), int)', 'abs(-7) // 0', 'ceil(1.5) / 0', 'sqrt(-1)', 'log(0)', 'pow(2, 3)'],
  '4.6': ["[] or 'x'", '0 or []', 'None or 0', '3 and 4', '0 and 4', "'' and 1", "not ''", "bool('0')", 'bool([0])', "bool(float('nan'))", 'not -0.0', 'bool({})'],
  '4.7': ['1 < 3 > 2', '3 > 2 > 1', '(1 < 2) < 3', "'10' < '9'", '[1, 2] < [1, 3]', '!None < 1', "!1 < 'a'", "!'60' > 50", "'1' == 1", '1 == 1.0',
    "x = float('nan')\nr = (x == x, x != x, x < 1, x > 1)", 'xs = [5, 20]\nr = 0 < xs.pop() < 10\nn = len(xs)'],
  '4.8': ["'ab' in 'cabd'", "'' in 'abc'", "'a' in {'a': 1}", '1 in [1.0]', "x = float('nan')\nr = x in [x]", "!'a' in None"],
  '4.9': ['[1, 2, 3][-1]', '![1, 2][5]', "!{'a': 1}['b']", "!'abc'[1.0]", '[1, 2][True]', '[1, 2][abs(-1)]', '![1, 2][ceil(0.5)]', '[1,2,3,4,5][1:-1]', '[1,2,3,4,5][10:]', '[1,2,3,4,5][5:1]', '[1,2,3][::-1]', '[1,2,3,4,5][::2]', '![1, 2][::0]', '(1, 2, 3)[1:]', "len('😀')", "'héllo'[1]"],
  '4.10': ['round(2.5)', 'round(3.5)', 'round(0.5)', 'round(-0.5)', 'round(2.675, 2)', 'round(1.15, 1)', 'round(0.125, 2)', 'round(25, -1)', 'round(35, -1)', 'round(3)', 'int(round(2.7))'],
  '4.11': ['int(3.9)', 'int(-3.9)', 'int(True)', "int(' 42\\n')", "int('4_2')", "int('+5')", "int('0x10', 16)", "!int('3.5')", "!int('')", "!int('1e3')", "!int('0x10')", "!int(float('nan'))", "!int(float('inf'))", "float('+Inf')", "float(' 1_000.5 ')", "float('nan')", "float('infinity')"],
  '4.12': ['max(1, 1.0)', "max('a', 'B')", "max(float('nan'), 1)", "max(1, float('nan'))", '!min([])', 'max([], default=0)', "max(['a', 'bbb', 'cc'], key=len)", 'sum([0.1] * 10)', 'sum([])', 'sum([1, 2.5])', "sorted(['b', 'A', 'a'])", 'sorted([10, 9, 1])', 'sorted([1.0, 1, True])', 'sorted([1.0, 1, True], reverse=True)', "!sorted([3, '1'])", 'list(range(10, 0, -3))', '!range(2.0)', '!range(0, 10, 0)', 'len({})'],
  '4.13': ['str(1e16)', 'str(1e15)', 'str(1e-5)', 'str(1e-4)', 'str(1.5e-7)', 'str(1.0)', 'str(-0.0)', "str(float('inf'))", "str(float('nan'))", 'str(0.1 + 0.2)', 'str(123456789012345678.0)', "str([1, 'a', 2.0, None, True])", 'str((1,))', "str({'a': 1})", 'str(set())', 'repr("it\'s")', "repr('a\\nb')"],
  '4.14': ["'%d' % 3.9", "'%.1f' % 0.25", "'%.0f' % 2.5", "'%5.1f|' % 2.25", "'%e' % 12345.678", "'%g' % 0.00001", "'%s' % [1]", "'%(a)s' % {'a': 1}", "!'%s' % (1, 2)", "!'%d' % '3'", "'{:.2f}'.format(2.675)", "'{:.0f}'.format(2.5)", "'{:,}'.format(1234567)", "'{:.1%}'.format(5)", "'{:g}'.format(0.000012345)", "'{:5d}|'.format(10)", "'{:5}|'.format('ab')", "'{}'.format(1e16)", "!'{:d}'.format(3.0)"],
  '4.15': ["print(1.0, True, None, [1, 'a'])", "print('a', 'b', sep='-')", "print('a', end='')"],
};

const env = { kind: 'node' as const, queries: { CPU: 'number' as const } };
const inputs = { CPU: 72.5, m_node_count: 2n, m_nodes: new PyList([]), m_nodes_todrop: new PyList([]), m_time_since_node_count_changed: 0n, m_time_when_node_count_changed: 0n, m_userdata: null };

/** One rule per section for the items that do not raise, one per raising item. */
function rules(): { name: string; c: DiffCase; raising: boolean }[] {
  const out: { name: string; c: DiffCase; raising: boolean }[] = [];
  for (const [section, items] of Object.entries(TRAPS)) {
    const lines: string[] = [];
    items.forEach((item, i) => {
      const raising = item.startsWith('!');
      const text = raising ? item.slice(1) : item;
      const stmt = text.includes('\n') || text.startsWith('print(') ? text : `r${i} = ${text}\nprint(r${i})`;
      if (raising) out.push({ name: `§${section} ${text}`, c: { src: `m_node_count = m_node_count + 1\n${stmt}\nm_node_count = 100\n`, env, inputs }, raising });
      else lines.push(stmt);
    });
    out.push({ name: `§${section} (${lines.length} items)`, c: { src: lines.join('\n') + '\n', env, inputs }, raising: false });
  }
  return out;
}

const test = suite('rule diff: §4 traps as whole rules');

test('every trap of §4 gives CPython\'s result, printed text and error line through the compiled rule', async () => {
  const all = rules();
  const outcomes = await diff(all.map((r) => r.c));
  const refusedStatically = (i: number): boolean => all[i]!.raising && /^(TYPE|RL203|RL222)@/.test(outcomes[i]!.rejected ?? '');
  const problems = outcomes.flatMap((o, i) => (o.rejected && !refusedStatically(i) ? [`${all[i]!.name}: rejected: ${o.rejected}`] : o.mismatch ? [`${all[i]!.name}:\n    ${o.mismatch}`] : []));
  assert.ok(problems.length === 0, problems.join('\n'));
  const raising = all.filter((r) => r.raising).length;
  const caught = outcomes.filter((o, i) => o.error || refusedStatically(i)).length;
  assert.is(caught, raising, 'every raising item raised or was refused by the checker');
  if (process.env['RULE_LIB_STATS']) {
    const items = Object.values(TRAPS).flat().length;
    console.log(`rule traps: ${items} items in ${all.length} rules; ${raising} raising items (${all.filter((_, i) => refusedStatically(i)).length} refused at compile time); 0 mismatches`);
  }
});

test("known rule-lib gap: float('nan') in [float('nan')] is True (CPython: False; rule-lib README, known gaps)", async () => {
  const [o] = await diff([{ src: "r = float('nan') in [float('nan')]\n", env, inputs }]);
  assert.match(o!.mismatch ?? '', /r: compiled bool:True, CPython bool:False/);
});

test('close oracle', () => closeOracle());
test.run();
