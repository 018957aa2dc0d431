/**
 * The server's settings, from initializationOptions or the `adt` section of
 * workspace/didChangeConfiguration. Anything malformed falls back to the
 * default, since settings are user input.
 */
import { catalogue, isCode, type SeverityOverrides } from '../../compiler/src/index.js';

export interface Settings {
  readonly severity: SeverityOverrides;
  /** Resolve each MiCADO tag to its own historical profile rather than MiCADO's effective resolution. */
  readonly pinnedProfiles: boolean;
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
  return {
    severity: severity as SeverityOverrides,
    pinnedProfiles: o['profiles'] === 'pinned',
    debounceMs: typeof debounce === 'number' && debounce >= 0 && debounce <= 5000 ? debounce : 150,
  };
}
