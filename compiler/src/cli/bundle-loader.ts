/**
 * Runs one of the bundles `npm run build` writes (CommonJS, see scripts/bundle.mjs)
 * with a V8 code cache. Parsing and compiling the bundle's source was a fifth of
 * every cold start, and Node 20 keeps no compile cache for ES modules, so the
 * bundle is compiled as a `vm.Script` from the code V8 serialised at the end of
 * an earlier run (its bytecode, including the functions that run compiled).
 *
 * The cache is a file per bundle and command in the user's cache folder, keyed
 * by a hash of the bundle's text and Node's version (not by the file's time:
 * npm gives every installed file the same one, and V8 itself compares only the
 * source's length, so a changed bundle of the same size would run the old
 * code); it is written once, at exit,
 * atomically (a temporary file renamed), and replaces older caches of the same
 * bundle and command. V8 refuses a cache made by another V8 or for another
 * source, and anything that goes wrong with the folder (read-only, missing home)
 * only means running without a cache: the command itself never fails for it.
 * `ADTC_CODE_CACHE=off` turns it off; `ADTC_CODE_CACHE=<folder>` puts it there.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

/**
 * Loads the bundle at `url` and returns its exports. `variant` names what the
 * process runs (the subcommand), so each command keeps the code it compiled.
 * A script from a code cache cannot import() on Node 20, so the bundle imports
 * ES modules through `importer`: by default this module's own import() (it sits
 * beside the bundles, so specifiers resolve alike); a bundle that loads another
 * passes on the importer it was given (compiler/src/import-module.ts).
 */
export function loadBundle(url: URL, variant: string, importer: (specifier: string) => Promise<unknown> = (specifier) => import(specifier)): Record<string, unknown> {
  const file = fileURLToPath(url);
  // Hashed as read: hashing the decoded text would encode all of it again. esbuild writes ASCII (non-ASCII
  // characters escaped), which decodes as Latin-1 several times faster than as UTF-8, with the same text.
  const bytes = readFileSync(file);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cache = codeCache(bytes, file, variant);
  const cachedData = cache === undefined ? undefined : readOrUndefined(cache.file);
  // The parameters are CommonJS's, plus what scripts/bundle.mjs puts where modules read import.meta.url and import ES modules.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __adtcBundleUrl, __adtcImport) {${source}\n})`, { filename: file, cachedData });
  if (cache !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
    // At exit the functions the command ran are compiled too, so the cache spares the next run compiling them.
    process.once('exit', () => writeCodeCache(cache, script));
  }
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(file), module, file, dirname(file), pathToFileURL(file).href, importer);
  return module.exports;
}


interface CodeCache {
  readonly folder: string;
  /** The bundle and command: the same for every build of the bundle. */
  readonly prefix: string;
  /** Node's version and the architecture: a cache for another Node is left to that Node. */
  readonly suffix: string;
  readonly file: string;
}

/** The cache of this bundle for this command; undefined when caching is off or there is no cache folder. */
function codeCache(bytes: Buffer, file: string, variant: string): CodeCache | undefined {
  const setting = process.env['ADTC_CODE_CACHE'];
  if (setting === 'off') return undefined;
  try {
    const folder = setting || join(userCacheRoot(), 'adtc', 'code-cache');
    const prefix = `${basename(file).replace(/\.[^.]*$/, '')}-${variant.replace(/[^a-z0-9-]/gi, '_')}-`;
    const suffix = `-node${process.versions.node}-${process.arch}.bin`;
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 20);
    return { folder, prefix, suffix, file: join(folder, `${prefix}${hash}${suffix}`) };
  } catch {
    return undefined;
  }
}

/** The platform's folder for caches (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows). */
function userCacheRoot(): string {
  if (process.platform === 'win32') return process.env['LOCALAPPDATA'] || join(homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches');
  return process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCodeCache(cache: CodeCache, script: vm.Script): void {
  const temporary = `${cache.file}.${process.pid}.tmp`;
  try {
    mkdirSync(cache.folder, { recursive: true });
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cache.file);
    // Caches of earlier builds of the same bundle would only pile up.
    for (const f of readdirSync(cache.folder)) {
      const path = join(cache.folder, f);
      if (f.startsWith(cache.prefix) && f.endsWith(cache.suffix) && path !== cache.file) rmSync(path, { force: true });
    }
  } catch {
    // No cache this time; a temporary file left by a failed write is removed if it can be.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder itself is unusable: nothing was written.
    }
  }
}
