/**
 * Every fix adtc offers is valid where it lands: each fix whose edits are all
 * in the validated file is applied to its text and the file validated again
 * (without this step); a fix after which the file has an error it did not
 * have before (compared by code and message, since positions move) is
 * withdrawn, so neither `adtc validate` nor an editor's quick fix proposes an
 * edit that makes things worse. The diagnostic and its hint stay.
 */
import type { Diagnostic, Fix } from './diagnostics/diagnostic.js';
import type { Host } from './host.js';

/** Validation of a replacement text of `uri`, as the pipeline runs it, without fix checking. */
export type Revalidate = (host: Host) => readonly Diagnostic[];

/** At most this many fixes are checked per file (each costs a validation); fixes beyond it are withdrawn unchecked. */
export const FIX_CHECK_BUDGET = 50;

/** Checks the fixes of the diagnostics `wanted` picks (all by default); the others are returned as they are. */
export function withCheckedFixes(diagnostics: readonly Diagnostic[], uri: string, text: string, host: Host, revalidate: Revalidate, wanted: (d: Diagnostic) => boolean = () => true): readonly Diagnostic[] {
  if (!diagnostics.some((d) => d.fixes.length > 0 && wanted(d))) return diagnostics;
  const before = errorKeys(diagnostics, uri);
  let budget = FIX_CHECK_BUDGET;
  const valid = (fix: Fix): boolean => {
    if (fix.edits.some((e) => e.span.uri !== uri)) return true;
    if (budget-- <= 0) return false;
    const edited = applyEdits(text, fix);
    if (edited === undefined) return false;
    const overlay: Host = { readFile: (u) => (u === uri ? edited : host.readFile(u)) };
    return !addsError(before, errorKeys(revalidate(overlay), uri));
  };
  return diagnostics.map((d) => {
    if (d.fixes.length === 0 || !wanted(d)) return d;
    const kept = d.fixes.filter(valid);
    return kept.length === d.fixes.length ? d : { ...d, fixes: kept };
  });
}

/** The text with the fix's edits applied; undefined when edits overlap. */
export function applyEdits(text: string, fix: Fix): string | undefined {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  for (let i = 1; i < edits.length; i++) if (edits[i]!.span.end > edits[i - 1]!.span.start) return undefined;
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

export function errorKeys(diagnostics: readonly Diagnostic[], uri: string): string[] {
  return diagnostics.filter((d) => d.severity === 'error' && d.span.uri === uri).map((d) => `${d.code} ${d.message}`);
}

/** Whether `after` holds an error more often than `before` does. */
export function addsError(before: readonly string[], after: readonly string[]): boolean {
  const left = new Map<string, number>();
  for (const k of before) left.set(k, (left.get(k) ?? 0) + 1);
  return after.some((k) => {
    const n = left.get(k) ?? 0;
    left.set(k, n - 1);
    return n <= 0;
  });
}
