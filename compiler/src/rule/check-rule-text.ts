/**
 * The rule checker on plain rule text and an explicit environment, for tests
 * and the language server: one parse, then names and types. Positions are
 * offsets into `text`; check-rules.ts maps them into the ADT.
 */
import { parseRule, type Module } from '../../../grammar/src/index.js';
import { RuleChecker, type RuleScope } from './checker.js';
import type { RuleProblem } from './problem.js';
import type { RuleEnvironment } from './scope.js';

export interface RuleCheckResult {
  /** Syntax problems (RL1xx, RL306) and the checker's, sorted by position. */
  readonly problems: readonly RuleProblem[];
  readonly ast: Module;
  readonly scope: RuleScope;
  /** The rule holds Python 2 syntax. */
  readonly python2: boolean;
}

/**
 * Results by rule text and environment. A rule is a pure function of both,
 * and the language server re-validates on every keystroke with most rules
 * unchanged (a generated ADT repeats one rule hundreds of times), so parsing
 * and checking them again is wasted work. Bounded, oldest evicted first;
 * results are read-only by contract, so sharing them is safe.
 */
const memo = new Map<string, RuleCheckResult>();
const MEMO_LIMIT = 512;

export function checkRuleText(text: string, env: RuleEnvironment): RuleCheckResult {
  const key = `${environmentKey(env)}\u0000${text}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const result = check(text, env);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, result);
  return result;
}

/**
 * Everything in the environment a check reads: kind, constants with their
 * types, query forms, alerts, stack. The maps are shared by every rule of an
 * ADT, so each gets an id from its content once (partId); the key is then a
 * few numbers, not a copy of every policy's inputs per rule.
 */
function environmentKey(env: RuleEnvironment): string {
  const ids = [
    partId(env.constants, () => JSON.stringify([...env.constants])),
    partId(env.queries, () => JSON.stringify([...env.queries])),
    env.alwaysSampled ? partId(env.alwaysSampled, () => JSON.stringify([...env.alwaysSampled!])) : 0,
    partId(env.alerts, () => JSON.stringify([...env.alerts])),
  ];
  return `${env.kind}:${ids.join(',')}:${env.stack ?? false}:${env.pkLatest ?? false}`;
}

/** Ids by object, and by content so that equal maps of two analyses share their memo entries; ids are never reused. */
const partIds = new WeakMap<object, number>();
const contentIds = new Map<string, number>();
let nextPartId = 1;

function partId(part: object, content: () => string): number {
  const known = partIds.get(part);
  if (known !== undefined) return known;
  const text = content();
  let id = contentIds.get(text);
  if (id === undefined) {
    if (contentIds.size >= MEMO_LIMIT) contentIds.delete(contentIds.keys().next().value!);
    id = nextPartId++;
    contentIds.set(text, id);
  }
  partIds.set(part, id);
  return id;
}

function check(text: string, env: RuleEnvironment): RuleCheckResult {
  const parsed = parseRule(text);
  const checker = new RuleChecker(text, parsed.module, env, parsed.python2);
  const scope = checker.run();
  const ignored = ignoredCodes(text);
  const problems = [...parsed.problems, ...checker.problems].filter((p) => !ignored(p));
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return { problems, ast: parsed.module, scope, python2: parsed.python2 };
}

const IGNORE = /#\s*rule:\s*ignore\[([A-Z0-9,\s]+)\]/g;

/**
 * Spec §0.4: a trailing `# rule: ignore[RL301]` silences those warnings on
 * its line. Errors stay: an ignored error would still break the rule.
 */
function ignoredCodes(text: string): (p: RuleProblem) => boolean {
  const byLine = new Map<number, Set<string>>();
  for (const m of text.matchAll(IGNORE)) {
    const line = lineOf(text, m.index);
    byLine.set(line, new Set(m[1]!.split(',').map((c) => c.trim())));
  }
  if (byLine.size === 0) return () => false;
  return (p) => /^RL[34]/.test(p.code) && p.code !== 'RL306' && (byLine.get(lineOf(text, p.start))?.has(p.code) ?? false);
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
