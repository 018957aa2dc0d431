/**
 * The compiler's public entry: the only module the language server (and any
 * other tool built on adtc) imports. Everything it exports is plain data in
 * UTF-16 offsets and labels; no protocol types.
 */
import type { Host } from './host.js';
import { AdtWorkspace } from './services/language-service.js';

export type { CancellationToken } from './cancellation.js';
export type { Code } from './diagnostics/catalogue.js';
export { catalogue, isCode } from './diagnostics/catalogue.js';
export type { Diagnostic, Fix, ObjectPath, RelatedInformation, TextEdit } from './diagnostics/diagnostic.js';
export type { Severity } from './diagnostics/entry.js';
export type { SeverityOverrides } from './diagnostics/sink.js';
export { fileSystemHost, type Host } from './host.js';
export { expandTargets } from './cli/targets.js';
export { toolVersion } from './cli/version.js';
export { cataloguePagePath } from './diagnostics/catalogue-page.js';
export { validate, type AnalysedModel, type ValidateOptions, type ValidationResult } from './pipeline.js';
export { LineIndex, type Position } from './source/line-index.js';
export type { SourceFile } from './source/source-file.js';
export type { Span } from './source/span.js';
export type { Analysis } from './workspace.js';
export { AdtWorkspace } from './services/language-service.js';
export type * from './services/types.js';
export { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from './services/types.js';
/** The scaling-rule compiler: parse, check and compile a rule from its text and environment (loads TypeScript only when compiling). */
export * as rules from './rule/index.js';

/** A workspace over `host`: open documents overlay the host's files; analyses are memoised per version. */
export function createWorkspace(host: Host): AdtWorkspace {
  return new AdtWorkspace(host);
}
