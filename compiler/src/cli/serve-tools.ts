/**
 * The compiler's part of `adtc serve`: checking an uploaded ADT exactly as `adtc validate` does (its JSON report,
 * flattened to one diagnostic per entry with line, column and code) and compiling it as `adtc compile` does.
 * An uploaded ADT reads nothing of the server but its upload folder and the bundled profiles (confinedHost).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { confinedHost, fileSystemHost } from '../host.js';
import { profilesRoot } from '../profiles/micado-refs.js';
import { runCompile } from './compile-command.js';
import type { CliIo } from './io.js';
import { runValidate } from './validate-command.js';

interface ApiDiagnostic {
  severity: string;
  code: string;
  message: string;
  line: number;
  column: number;
  file: string;
}

interface ValidateReport {
  files: { path: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; column: number } } }[] }[];
}

function captured(cwd: string): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { cwd, isTerminal: false, stdout: (t) => void (out += t), stderr: (t) => void (err += t) }, out: () => out, err: () => err };
}

const hostFor = (uploadDir: string | undefined) => (uploadDir === undefined ? fileSystemHost : confinedHost([uploadDir, profilesRoot]));

const inputFlags = (inputs: Readonly<Record<string, string>>) => Object.entries(inputs).flatMap(([k, v]) => ['--input', `${k}=${v}`]);

export const serveTools = {
  async check(adtPath: string, inputs: Readonly<Record<string, string>>, uploadDir?: string): Promise<ApiDiagnostic[]> {
    const run = captured(dirname(adtPath));
    const code = runValidate([adtPath, '--format', 'json', ...inputFlags(inputs)], run.io, hostFor(uploadDir));
    if (code === 2) throw new Error(`cannot check the ADT: ${run.err().trim()}`);
    const report = JSON.parse(run.out()) as ValidateReport;
    return report.files.flatMap((f) =>
      f.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, line: d.range.start.line, column: d.range.start.column, file: f.path })),
    );
  },
  async compile(adtPath: string, planDir: string, appId: string, inputs: Readonly<Record<string, string>>, uploadDir?: string): Promise<{ ok: true } | { ok: false; report: string }> {
    const run = captured(dirname(adtPath));
    mkdirSync(planDir, { recursive: true });
    const code = await runCompile([adtPath, '-o', planDir, '--app-id', appId, '--no-color', ...inputFlags(inputs)], run.io, hostFor(uploadDir));
    return code === 0 ? { ok: true } : { ok: false, report: run.err().trim() };
  },
};
