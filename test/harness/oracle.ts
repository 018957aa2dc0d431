/**
 * Client for the CPython differential oracle (oracle.py, spec §5). One
 * long-lived /usr/bin/python3 process per test run; evaluate() sends a batch
 * of cases as JSON lines and resolves with the results in order. The oracle's
 * answers do not depend on the CPU: numpy's transcendental functions are
 * answered correctly rounded (correctly_rounded.py), and evaluate() fails when
 * numpy's own value is beyond the error numpy documents.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Tagged JSON value, as produced by the runtime's `toJson`. */
export interface EncodedValue { t: string; v?: unknown }

export interface OracleCase {
  src: string;
  mode?: 'exec' | 'eval';
  inputs?: Record<string, EncodedValue>;
  clock?: number;
}

export interface OracleResult {
  /** Canonical "kind:repr" of every namespace entry the rule bound or was given. */
  ns: Record<string, string>;
  out: string;
  err: [string, number | null] | null;
  /** Canonical result of an `eval` case. */
  value?: string;
  /** numpy results further from the correctly rounded value than numpy documents. */
  numpyBeyondBound?: string[];
}

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(fileURLToPath(new URL('.', import.meta.url)), '../../../test/harness/oracle.py');

/** Fails loudly when the oracle's requirements are missing: CI installs python3-numpy and python3-mpmath. */
export function requireOraclePython(): void {
  const r = spawnSync(PYTHON, ['-c', 'import mpmath, numpy; assert numpy.__version__.startswith("1.")'], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`the rule-lib oracle needs ${PYTHON} with numpy 1.x and mpmath (apt-get install python3-numpy python3-mpmath): ${r.stderr || r.error}`);
  }
}

export class Oracle {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<(r: OracleResult) => void> = [];
  private exited: string | undefined;

  constructor() {
    requireOraclePython();
    this.proc = spawn(PYTHON, [SCRIPT], {
      env: { PATH: '/usr/bin:/bin', PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1', TZ: 'UTC', LC_ALL: 'C.UTF-8' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    this.proc.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    this.proc.on('exit', (code) => {
      this.exited = `oracle exited with ${code}: ${stderr}`;
      for (const w of this.waiting.splice(0)) w({ ns: {}, out: '', err: ['OracleError', null] });
    });
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const w = this.waiting.shift();
      if (w) w(JSON.parse(line) as OracleResult);
    });
  }

  async evaluate(cases: readonly OracleCase[]): Promise<OracleResult[]> {
    if (this.exited) throw new Error(this.exited);
    const all = cases.map(() => new Promise<OracleResult>((resolve) => this.waiting.push(resolve)));
    this.proc.stdin.write(cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const results = await Promise.all(all);
    // The README promises rule authors that MiCADO's numpy stays within its documented error of adtc's values.
    const beyond = results.flatMap((r) => r.numpyBeyondBound ?? []);
    if (beyond.length > 0) throw new Error(`numpy is beyond the error it documents on this machine:\n${beyond.slice(0, 20).join('\n')}`);
    return results;
  }

  close(): void {
    this.proc.stdin.end();
  }
}

let shared: Oracle | undefined;

/** The process-wide oracle; started on first use. */
export function oracle(): Oracle {
  shared ??= new Oracle();
  return shared;
}

export function closeOracle(): void {
  shared?.close();
  shared = undefined;
}
