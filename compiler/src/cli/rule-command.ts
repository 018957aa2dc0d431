/**
 * `adtc rule eval <adt> --policy <target> [--set NAME=VALUE …] [--clock SECONDS]`
 * Runs one policy target's scaling rule, compiled as `adtc compile` compiles
 * it, on the given inputs, and prints its outputs, printed text and error.
 * VALUE is a Python literal (3, 2.5, None, True, 'text', [1, 2], {'a': 1});
 * inputs not set get MiCADO's starting values (m_node_count 1, m_nodes [],
 * queries None, alerts False). Exit codes: 0 the rule ran to its end; 1 the
 * rule raised (its error is printed with the outputs MiCADO would read), the
 * ADT has errors or the rule did not compile; 2 usage, including a --set for
 * a name the rule's policy does not have.
 */
import { resolve } from 'node:path';
import type * as A from '../../../grammar/src/index.js';
import { renderText, summaryLine } from '../diagnostics/render-text.js';
import { fileSystemHost } from '../host.js';
import { compile } from '../plan/compile.js';
import type { RuleRequest } from '../plan/emit.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { importModule } from '../import-module.js';
import { kindInputs } from '../rule/scope.js';
import { parseCommandLine } from './command-line.js';
import type { CliIo } from './io.js';

export const ruleUsage = `Usage: adtc rule eval <adt> --policy <target> [--set NAME=VALUE ...]

Runs the scaling rule of one policy target on the given inputs and prints the
outputs MiCADO reads back, what the rule printed, and the error it raised.

Options:
  --policy <target>     the policy's target node (as in the plan's policies)
  --set <NAME=VALUE>    an input as a Python literal, e.g. CPU=72.5, m_node_count=3; repeat
  --clock <seconds>     time.time() for this evaluation (default: now)
  --input <NAME=VALUE>  a topology input of the ADT, as for adtc compile
  -h, --help            show this help
`;

const STARTING: Readonly<Record<string, unknown>> = {
  m_node_count: 1n, m_container_count: 1n, m_nodes: [], m_nodes_todrop: [], m_time_when_node_count_changed: 0n, m_time_since_node_count_changed: 0n, m_userdata: null,
};

export async function runRule(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    io.stdout(ruleUsage);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'eval') {
    io.stderr(`adtc rule: unknown subcommand '${sub}'.\n\n${ruleUsage}`);
    return 2;
  }
  const parsed = parseCommandLine('rule eval', ruleUsage, rest, {
    policy: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    input: { type: 'string', multiple: true, default: [] },
    clock: { type: 'string' },
  }, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !values.policy) {
    io.stderr(`adtc rule eval: name one ADT and --policy.\n\n${ruleUsage}`);
    return 2;
  }
  const { parseRule } = await import('../../../grammar/src/index.js');
  const sets: Record<string, unknown> = {};
  for (const pair of values.set ?? []) {
    const eq = pair.indexOf('=');
    const value = eq > 0 ? literal(parseRule(`x = ${pair.slice(eq + 1)}\n`)) : undefined;
    if (eq <= 0 || value === undefined) {
      io.stderr(`adtc rule eval: --set needs NAME=VALUE with a Python literal value, not '${pair}'.\n`);
      return 2;
    }
    sets[pair.slice(0, eq)] = value.v;
  }
  const clock = values.clock === undefined ? Math.floor(Date.now() / 1000) : Number(values.clock);
  if (!Number.isFinite(clock)) {
    io.stderr(`adtc rule eval: --clock needs seconds since the epoch, not '${values.clock}'.\n`);
    return 2;
  }
  const inputs = new Map<string, string>();
  for (const pair of values.input ?? []) {
    const eq = pair.indexOf('=');
    if (eq > 0) inputs.set(pair.slice(0, eq), pair.slice(eq + 1));
  }

  const requests: RuleRequest[] = [];
  const uri = resolve(io.cwd, positionals[0]!);
  const result = compile(uri, fileSystemHost, { inputs, compileRule: (r) => void requests.push(r) });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    io.stderr(renderText(result.diagnostics.filter((d) => d.severity === 'error'), { color: false, displayPath: (u) => u, source: (u) => result.files.get(u) }) + summaryLine({ errors, warnings: 0, files: 1 }) + '\n');
    return 1;
  }
  const request = requests.find((r) => r.name === values.policy);
  if (!request) {
    io.stderr(`adtc rule eval: no scaling policy targets '${values.policy}'. Targets: ${requests.map((r) => r.name).join(', ') || 'none'}.\n`);
    return 2;
  }
  const { createRuleCompiler } = await import('../rule/index.js');
  const { requestEnvironment, requestOptions } = await import('../rule/plan-rules.js');
  const compiled = (await createRuleCompiler()).compile(request.source, requestEnvironment(request), requestOptions(request));
  if (!compiled.module) {
    io.stderr(`adtc rule eval: the rule of '${request.name}' did not compile: ${compiled.problems.map((p) => p.code).join(', ')}\n`);
    return 1;
  }
  const unknown = unknownInputs(Object.keys(sets), request);
  if (unknown.length > 0) {
    io.stderr(unknown.join('\n') + '\n');
    return 2;
  }
  const given: Record<string, unknown> = { ...STARTING, ...sets };
  // The rule runs in the runtime's sandbox (a child process with a memory limit and a watchdog), as `adtc run` runs it.
  const runtime = (await importModule(new URL('../../../runtime/src/commands.js', import.meta.url).href)) as RuleRuntime;
  const run = await runtime.evaluateRuleModule(compiled.module, given, clock);
  const shown = runtime.terminalText;
  if (!run.ok) {
    io.stdout(`error: the rule ${run.reason === 'timeout' ? 'timed out' : run.reason === 'resources' ? 'ran out of memory' : 'failed'}: ${shown(run.message)}\noutputs: none (MiCADO abandons this period)\n`);
    return 1;
  }
  if (run.printed) io.stdout(`printed:\n${shown(run.printed).replace(/^(?=.)/gm, '  ')}${run.printed.endsWith('\n') ? '' : '\n'}`);
  if (run.error) io.stdout(`error: ${run.error.type ?? 'Error'}: ${shown(run.error.message)}${run.error.line === undefined ? '' : ` (ADT line ${run.error.line})`}\n`);
  const timedOut = run.error?.type === 'Timeout';
  io.stdout(!timedOut && Object.keys(run.outputs).length > 0 ? `outputs:\n${Object.entries(run.outputs).map(([k, v]) => `  ${k} = ${shown(show(v))}\n`).join('')}` : 'outputs: none (MiCADO abandons this period)\n');
  // A rule that raised fails in MiCADO too: a script or CI job must see it.
  return run.error ? 1 : 0;
}

/** A message for each --set name that is not an input of the request's rule (a misspelt name would otherwise be ignored silently). */
function unknownInputs(names: readonly string[], request: RuleRequest): string[] {
  const kind = request.kind === 'vm' ? 'node' : 'container';
  const known = [...kindInputs(kind).keys(), ...Object.keys(request.queries), ...request.alerts];
  const constants = new Set(request.constants.keys());
  return names
    .filter((n) => !known.includes(n))
    .map((n) => {
      const why = constants.has(n) ? `'${n}' is a constant, compiled into the rule; change it in the ADT` : `the rule of '${request.name}' has no input '${n}'`;
      return `adtc rule eval: --set ${n}: ${why}. ${didYouMean(n, known, `Its inputs: ${known.join(', ')}.`)}`;
    });
}

/** What `rule eval` uses of the runtime (loaded at run time, like the other runtime commands). */
interface RuleRuntime {
  evaluateRuleModule(source: string, inputs: Readonly<Record<string, unknown>>, clock: number): Promise<
    | { ok: true; outputs: Record<string, unknown>; printed: string; error?: { type?: string; message: string; line?: number } }
    | { ok: false; reason: 'timeout' | 'resources' | 'failed'; message: string }
  >;
  terminalText(text: string): string;
}

/** A Python literal from `x = VALUE`, or undefined if VALUE is not one. Ints are bigint, floats number. */
function literal(parsed: A.ParsedRule): { v: unknown } | undefined {
  const st = parsed.module.body[0];
  if (parsed.problems.some((p) => p.code === 'RL100') || parsed.module.body.length !== 1 || st?.kind !== 'Assign') return undefined;
  const value = (e: A.Expression): { v: unknown } | undefined => {
    switch (e.kind) {
      case 'Int':
        return { v: e.value };
      case 'Float':
        return { v: e.value };
      case 'String':
        return { v: e.value };
      case 'Bool':
        return { v: e.value };
      case 'None':
        return { v: null };
      case 'UnaryOp': {
        const x = e.op === '-' ? value(e.operand) : undefined;
        return x && (typeof x.v === 'bigint' || typeof x.v === 'number') ? { v: -x.v } : undefined;
      }
      case 'List':
      case 'Tuple': {
        const xs = e.elements.map(value);
        return xs.every((x) => x) ? { v: xs.map((x) => x!.v) } : undefined;
      }
      case 'Dict': {
        const ks = e.keys.map(value);
        const vs = e.values.map(value);
        if (!ks.every((k) => k && typeof k.v === 'string') || !vs.every((v) => v)) return undefined;
        return { v: Object.fromEntries(ks.map((k, i) => [k!.v as string, vs[i]!.v])) };
      }
      default:
        return undefined;
    }
  };
  return value(st.value);
}

/** An output as a Python literal, as the rule author thinks of it (None, True, 2, 2.0, ['a'], {'k': 1}). */
function show(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.0` : Number.isNaN(v) ? 'nan' : !Number.isFinite(v) ? (v > 0 ? 'inf' : '-inf') : String(v);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // A numpy scalar crosses the module boundary as { kind, value }.
    if (typeof o['kind'] === 'string' && 'value' in o && Object.keys(o).length === 2) return show(o['value']);
    return `{${Object.entries(o).map(([k, x]) => `${show(k)}: ${show(x)}`).join(', ')}}`;
  }
  return String(v);
}
