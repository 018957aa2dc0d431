/**
 * The server's settings, from initializationOptions or the `adt` section of
 * workspace/didChangeConfiguration. Anything malformed falls back to the
 * default, since settings are user input.
 */
import { isAbsolute } from 'node:path';
import { catalogue, isCode, type SeverityOverrides, type ValidateOptions } from '../../compiler/src/index.js';

export interface Settings {
  readonly severity: SeverityOverrides;
  /** Resolve each MiCADO tag to its own historical profile rather than MiCADO's effective resolution. */
  readonly pinnedProfiles: boolean;
  /** URL prefixes read from local folders, as `adtc validate --map-url` (`adt.urlMap`: prefix → absolute folder). */
  readonly urlMap: NonNullable<ValidateOptions['urlMap']>;
  readonly debounceMs: number;
}

const LEVELS = new Set(['error', 'warning', 'info', 'hint', 'off']);

export function readSettings(raw: unknown): Settings {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const severity: Record<string, string> = {};
  const given = o['severity'];
  if (typeof given === 'object' && given !== null) {
    for (const [code, level] of Object.entries(given)) {
      // The sink never demotes an error; unknown codes and levels are ignored.
      if (isCode(code) && typeof level === 'string' && LEVELS.has(level) && catalogue[code].severity !== 'error') severity[code] = level;
    }
  }
  const debounce = o['debounceMs'];
  const mapped = o['urlMap'];
  const urlMap = typeof mapped === 'object' && mapped !== null
    ? Object.entries(mapped).filter(([prefix, folder]) => /^[a-z][a-z0-9+.-]*:\/\//i.test(prefix) && typeof folder === 'string' && isAbsolute(folder)).map(([prefix, folder]) => ({ prefix, folder: folder as string }))
    : [];
  return {
    severity: severity as SeverityOverrides,
    pinnedProfiles: o['profiles'] === 'pinned',
    urlMap,
    debounceMs: typeof debounce === 'number' && debounce >= 0 && debounce <= 5000 ? debounce : 150,
  };
}
