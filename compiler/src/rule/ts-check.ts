/**
 * Type-checks generated rule TypeScript with the TypeScript 6.0.x compiler API
 * (spec §6.1 item 1, §7): `noLib` plus a tiny ambient lib that declares the
 * interfaces the checker needs and no values, and the rule-lib's declaration
 * files, all served from memory. The lib and declaration SourceFiles are
 * parsed once per process and the previous Program is handed to the next one,
 * so a re-check costs a few milliseconds. TypeScript itself is loaded lazily
 * (`loadTypeScript`), so commands that never compile a rule never pay for it.
 */
import { readFileSync } from 'node:fs';
import type * as TS from 'typescript';
import { importModule } from '../import-module.js';

export type TypeScript = typeof TS;

/** Interfaces the checker requires under noLib; no values, so no host global is nameable (§6.1). */
const TINY_LIB = `interface Array<T> { length: number; [n: number]: T; }
interface Boolean {}
interface CallableFunction {}
interface Function {}
interface IArguments {}
interface NewableFunction {}
interface Number {}
interface Object {}
interface RegExp {}
interface String {}
`;

const LIB = '/lib.rule.d.ts';
/** Where generated rules import the declarations from (emit-ts's apiModule resolves here). */
export const API_MODULE = './rule-lib/api.js';
const DECLARATIONS = ['api.d.ts', 'values.d.ts'];

let loaded: Promise<TypeScript> | undefined;

/** The pinned TypeScript, imported on first use. */
export function loadTypeScript(): Promise<TypeScript> {
  // typescript is CommonJS: its namespace is the default export.
  loaded ??= importModule('typescript').then((m) => (m as unknown as { default: TypeScript }).default);
  return loaded;
}

export interface TsDiagnostic {
  /** Offset into the checked text; undefined for a diagnostic about no position. */
  readonly start: number | undefined;
  readonly length: number;
  readonly code: number;
  readonly message: string;
}

/** The rule-lib declaration files as built next to the compiler (dist/runtime/src/rule-lib). */
function declarationTexts(): Map<string, string> {
  const dir = new URL('../../../runtime/src/rule-lib/', import.meta.url);
  return new Map(DECLARATIONS.map((f) => [`/rule-lib/${f}`, readFileSync(new URL(f, dir), 'utf8')]));
}

export class RuleTypeChecker {
  private readonly fixed = new Map<string, TS.SourceFile>();
  private readonly rules = new Map<string, TS.SourceFile>();
  private previous: TS.Program | undefined;
  private readonly options: TS.CompilerOptions;

  constructor(private readonly ts: TypeScript) {
    const target = ts.ScriptTarget.ES2022;
    this.fixed.set(LIB, ts.createSourceFile(LIB, TINY_LIB, target, true));
    for (const [name, text] of declarationTexts()) this.fixed.set(name, ts.createSourceFile(name, text, target, true));
    // TypeScript 6 changed several defaults: every option that matters is explicit.
    this.options = {
      noLib: true, types: [], target, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true, noImplicitAny: true, strictNullChecks: true, noEmit: false, skipLibCheck: true, isolatedModules: true,
      verbatimModuleSyntax: true, allowUnreachableCode: true, allowUnusedLabels: true, noUnusedLocals: false, noUnusedParameters: false,
      exactOptionalPropertyTypes: false, noImplicitReturns: false, allowJs: false, checkJs: false,
      removeComments: true, sourceMap: false, declaration: false,
    };
  }

  /** The last checked program, for erasing exactly the checked text (transpile.ts). */
  get program(): TS.Program | undefined {
    return this.previous;
  }

  /** Checks rule files (name → text) in one program; returns each file's diagnostics. */
  check(files: ReadonlyMap<string, string>): Map<string, TsDiagnostic[]> {
    const ts = this.ts;
    for (const [name, text] of files) {
      if (this.rules.get(name)?.text !== text) this.rules.set(name, ts.createSourceFile(name, text, this.options.target!, true));
    }
    for (const name of [...this.rules.keys()]) if (!files.has(name)) this.rules.delete(name);
    const source = (name: string): TS.SourceFile | undefined => this.fixed.get(name) ?? this.rules.get(name);
    const host: TS.CompilerHost = {
      getSourceFile: source,
      getDefaultLibFileName: () => LIB,
      writeFile: () => undefined,
      getCurrentDirectory: () => '/',
      getCanonicalFileName: (f) => f,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => '\n',
      fileExists: (f) => source(f) !== undefined,
      readFile: (f) => source(f)?.text,
      directoryExists: () => true,
      getDirectories: () => [],
    };
    const program = ts.createProgram({ rootNames: [LIB, ...files.keys()], options: this.options, host, ...(this.previous ? { oldProgram: this.previous } : {}) });
    this.previous = program;
    const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
    const out = new Map<string, TsDiagnostic[]>();
    for (const name of files.keys()) {
      const sf = program.getSourceFile(name)!;
      const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf), ...global];
      out.set(name, diags.map((d) => ({
        start: d.file === sf ? d.start : undefined,
        length: d.length ?? 0,
        code: d.code,
        message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
      })));
    }
    return out;
  }
}
