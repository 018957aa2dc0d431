/**
 * The one way the compiler imports an ES module at run time (TypeScript, the
 * runtime by URL, a compiled rule as a data: URL). In the bundled command this
 * goes through the bundle loader's own `import()` (ADTC_IMPORT, see
 * scripts/bundle.mjs): on Node 20 a script compiled from a V8 code cache cannot
 * import by itself (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). Specifiers are
 * absolute URLs or package names, which resolve the same from either place.
 */
declare const ADTC_IMPORT: ((specifier: string) => Promise<unknown>) | undefined;

export function importModule(specifier: string): Promise<unknown> {
  return typeof ADTC_IMPORT === 'function' ? ADTC_IMPORT(specifier) : import(specifier);
}
