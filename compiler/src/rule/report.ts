/**
 * Turns rule problems (grammar's and the checker's) into ADT diagnostics at
 * their place in the file (spec §8.5): start and end mapped separately
 * through the placeholder and scalar maps, fixes and related ranges too. A
 * problem inside substituted text gets the note "NAME = value" at the
 * constant; a rule inherited from a bundled profile is reported on the
 * policy's `type:` value, with the exact place in the profile as a note.
 */
import type { Code } from '../diagnostics/catalogue.js';
import type { Fix, RelatedInformation } from '../diagnostics/diagnostic.js';
import type { DiagnosticSink, ReportOptions } from '../diagnostics/sink.js';
import type { Span } from '../source/span.js';
import type { YNode, YScalar } from '../read/yaml-tree.js';
import type { PolicyTemplate } from '../model/entities.js';
import type { Substitution } from './placeholders.js';
import { catalogueCode, type RuleProblem } from './problem.js';
import type { RuleSource } from './rule-source.js';
import type { SourceMap } from './source-map.js';

type Report = (code: Code, span: Span, args: Readonly<Record<string, string | number>>, options: ReportOptions) => void;

export class RuleReporter {
  private readonly uri: string;

  constructor(
    private readonly sink: DiagnosticSink,
    private readonly source: RuleSource,
    private readonly map: SourceMap,
    private readonly substitutions: readonly Substitution[],
    private readonly constants: ReadonlyMap<string, { readonly node: YNode; readonly key: YScalar; readonly policy: PolicyTemplate }>,
  ) {
    this.uri = source.file.uri;
  }

  reportAll(problems: readonly RuleProblem[]): void {
    for (const p of problems) this.report(p);
  }

  report(p: RuleProblem): void {
    const at = this.span(p.start, p.end);
    const related: RelatedInformation[] = (p.related ?? []).map((r) => ({ span: this.span(r.start, r.end), message: r.message }));
    for (const s of this.substitutions) {
      if (s.start >= p.end || s.end <= p.start) continue;
      const c = this.constants.get(s.name);
      if (c) related.push({ span: c.node.span, message: `${s.name} = ${s.value}` });
    }
    let span = at;
    let fixes: Fix[] = p.fix && this.fixable(p.fix) ? [{ title: p.fix.title, edits: p.fix.edits.map((e) => ({ span: this.span(e.start, e.end), newText: e.newText })) }] : [];
    const type = this.source.policy.type;
    if (this.source.bundled && type) {
      span = type.span;
      fixes = [];
      related.unshift({ span: at, message: `The rule comes from the default of 'scaling_rule' in '${this.source.fromType}', a bundled MiCADO type; the problem is here.` });
    }
    const report = this.sink.report.bind(this.sink) as Report;
    report(catalogueCode(p.code) as Code, span, p.args, { path: this.source.path, related, fixes });
  }

  private span(start: number, end: number): Span {
    const r = this.map.toFile(start, end);
    return { uri: this.uri, start: r.start, end: r.end };
  }

  /**
   * A fix is offered where its text can go into the scalar as written: any
   * text in a literal block; in other styles only text without quotes,
   * backslashes or breaks, which would need escaping.
   */
  private fixable(fix: NonNullable<RuleProblem['fix']>): boolean {
    if (this.source.scalar.style === 'literal') return true;
    return fix.edits.every((e) => !/['"\\\n]/.test(e.newText));
  }
}
