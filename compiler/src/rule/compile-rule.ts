/**
 * Rule text + environment → verified ES module (spec §0.3 steps 4–6): check
 * (names, types), emit TypeScript, type-check it, erase types, run the
 * confinement verifier, wrap. A rule with an error gets no module. Problems
 * from steps 5–6 are compiler defects (ADT7901–7903), reported at the rule
 * node the generated code came from. Never throws on user input.
 */
import { catalogue, type Code } from '../diagnostics/catalogue.js';
import { checkRuleText, type RuleCheckResult } from './check-rule-text.js';
import { emitRule, type ConstantValue, type EmittedRule, type SpanEntry } from './emit-ts.js';
import { catalogueCode, type RuleProblem } from './problem.js';
import { ruleModuleText } from './rule-module.js';
import { OUTPUTS, kindInputs, type RuleEnvironment } from './scope.js';
import { API_MODULE, RuleTypeChecker, loadTypeScript, type TsDiagnostic, type TypeScript } from './ts-check.js';
import { eraseTypes } from './transpile.js';
import { OPT_ADVICE } from './symbols.js';
import { verifyRuleJs } from './verify-js.js';

/** m_* inputs that are Python ints: a JavaScript number given for one is taken as an int. */
const INT_INPUTS = new Set(['m_node_count', 'm_container_count', 'm_time_when_node_count_changed', 'm_time_since_node_count_changed']);
const ruleFile = (i: number): string => `/rule-${i}.ts`;

export interface RuleCompileEnvironment extends RuleEnvironment {
  /** The value of every constant of `constants` (compiled into the rule). */
  readonly constantValues: ReadonlyMap<string, ConstantValue>;
}

export interface RuleCompileOptions {
  /** The ADT line (1-based) of a rule-text offset, for run-time errors; default: the rule's own line. */
  readonly lineOf?: (offset: number) => number;
  /**
   * Read these names back as they are instead of the policy kind's outputs;
   * 'namespace': every name the rule binds or is given (tests compare whole namespaces).
   */
  readonly readBack?: readonly string[] | 'namespace';
}

export interface RuleCompileRequest {
  readonly text: string;
  readonly env: RuleCompileEnvironment;
  readonly options?: RuleCompileOptions;
}

export interface VerificationRecord {
  readonly tsSha256: string;
  readonly jsSha256: string;
  readonly typescript: string;
}

export interface CompiledRule {
  /** Parse and check problems plus any compiler defect, sorted by position; offsets into the rule text. */
  readonly problems: readonly RuleProblem[];
  readonly check: RuleCheckResult;
  /** Present when the rule has no error. */
  readonly module?: string;
  readonly typescript?: string;
  readonly javascript?: string;
  readonly record?: VerificationRecord;
}

export function isError(p: RuleProblem): boolean {
  return catalogue[catalogueCode(p.code) as Code]?.severity === 'error';
}

/** One compiler per process or worker: it keeps TypeScript's program between rules. */
export class RuleCompiler {
  private readonly checker: RuleTypeChecker;

  constructor(private readonly ts: TypeScript) {
    this.checker = new RuleTypeChecker(ts);
  }

  compile(text: string, env: RuleCompileEnvironment, options: RuleCompileOptions = {}): CompiledRule {
    return this.compileAll([{ text, env, options }])[0]!;
  }

  /**
   * Several rules (an ADT's) in one TypeScript program, one file per rule (§7):
   * the checker resolves the runtime's declarations once for all of them.
   */
  compileAll(rules: readonly RuleCompileRequest[]): CompiledRule[] {
    const fronts = rules.map((r) => this.front(r));
    const files = new Map<string, string>();
    fronts.forEach((f, i) => {
      if (f.emitted && f.defects.length === 0) files.set(ruleFile(i), f.emitted.text);
    });
    const diagnostics = files.size > 0 ? this.checker.check(files) : new Map<string, TsDiagnostic[]>();
    return fronts.map((f, i) => {
      const { check, emitted } = f;
      if (!emitted) return { problems: check.problems, check };
      const text = rules[i]!.text;
      const defects = [...f.defects, ...(diagnostics.get(ruleFile(i)) ?? []).map((d) => tsDefect(d, emitted, text.length))];
      if (defects.length > 0) return { problems: sorted([...check.problems, ...defects]), check, typescript: emitted.text };
      return this.back(rules[i]!, check, emitted, ruleFile(i));
    });
  }

  private front(r: RuleCompileRequest): { check: RuleCheckResult; emitted?: EmittedRule; defects: RuleProblem[] } {
    const check = checkRuleText(r.text, r.env);
    if (check.problems.some(isError)) return { check, defects: [] };
    const emitted = this.emit(check, r.env);
    return { check, emitted, defects: emitted.problems.map((p) => ({ code: 'EMIT', start: p.start, end: p.end, args: { construct: p.construct } })) };
  }

  /** Erase, verify and wrap one checked rule. */
  private back(r: RuleCompileRequest, check: RuleCheckResult, emitted: EmittedRule, file: string): CompiledRule {
    const { text, env, options = {} } = r;
    const refuse = (detail: string): RuleProblem => ({ code: 'VERIFY', start: 0, end: text.length, args: { detail } });
    const js = eraseTypes(this.checker.program!, file);
    if (!js) return { problems: sorted([...check.problems, refuse('TypeScript emitted no JavaScript')]), check, typescript: emitted.text };
    const refused = verifyRuleJs(this.ts, js.js);
    if (refused.length > 0) return { problems: sorted([...check.problems, ...refused.map((x) => refuse(x.message))]), check, typescript: emitted.text, javascript: js.js };
    const lineOf = options.lineOf ?? ruleLines(text);
    const module = ruleModuleText({
      js: js.js,
      inputs: runTimeInputs(env, check).map((name) => ({ name, absent: env.alerts.has(name) ? 'false' : 'none', int: INT_INPUTS.has(name) })),
      outputs: (options.readBack === 'namespace' ? [...check.scope.variables.keys()] : options.readBack)?.map((name) => ({ name, count: false })) ?? OUTPUTS[env.kind].map((name) => ({ name, count: name !== 'm_nodes_todrop' && name !== 'm_userdata' })),
      lines: emitted.statements.map((s, i) => (i === 0 ? null : lineOf(s.start))),
      tsSha256: js.tsSha256,
      jsSha256: js.jsSha256,
    });
    return { problems: check.problems, check, module, typescript: emitted.text, javascript: js.js, record: { tsSha256: js.tsSha256, jsSha256: js.jsSha256, typescript: this.ts.version } };
  }

  private emit(check: RuleCheckResult, env: RuleCompileEnvironment): EmittedRule {
    return emitRule(check.ast, { inputs: new Set(runTimeInputs(env, check)), constants: env.constantValues, apiModule: API_MODULE });
  }
}

/** Loads TypeScript (lazily, once) and returns a compiler. */
export async function createRuleCompiler(): Promise<RuleCompiler> {
  return new RuleCompiler(await loadTypeScript());
}

/**
 * Inputs bound at evaluation time: the kind's m_* names, queries and alerts, minus constants (compiled in);
 * and m_opt_advice for a VM rule that reads it and does not rebind it. Only then, because the runtime runs
 * the optimiser for exactly the modules that name m_opt_advice.
 */
function runTimeInputs(env: RuleCompileEnvironment, check: RuleCheckResult): string[] {
  const advice = env.kind === 'node' && check.scope.references.has(OPT_ADVICE) && !check.scope.variables.has(OPT_ADVICE);
  const names = [...kindInputs(env.kind).keys(), ...env.queries.keys(), ...env.alerts, ...(advice ? [OPT_ADVICE] : [])];
  return [...new Set(names)].filter((n) => !env.constantValues.has(n));
}

/** A TypeScript diagnostic at the innermost generated span that holds it (§7). */
function tsDefect(d: TsDiagnostic, emitted: EmittedRule, textLength: number): RuleProblem {
  let best: SpanEntry | undefined;
  if (d.start !== undefined) {
    for (const s of emitted.spans) {
      if (s.genStart <= d.start && d.start + d.length <= s.genEnd && (!best || s.genEnd - s.genStart <= best.genEnd - best.genStart)) best = s;
    }
  }
  return { code: 'RL901', start: best?.start ?? 0, end: best?.end ?? textLength, args: { detail: `TS${d.code}: ${d.message}` } };
}

function sorted(problems: RuleProblem[]): RuleProblem[] {
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Offset → 1-based line of `text`: line starts found once, then a binary search per lookup (linear overall). */
export function ruleLines(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
