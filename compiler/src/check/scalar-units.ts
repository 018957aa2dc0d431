/**
 * TOSCA scalar-unit values (TOSCA 3.3.6): "<number> <unit>", units compared
 * case-insensitively as tosca-parser does, normalised to bytes, seconds, hertz
 * or bits per second for constraint comparisons.
 */
const UNITS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'scalar-unit.size': {
    b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3, tb: 1e12, tib: 1024 ** 4,
  },
  'scalar-unit.time': { d: 86400, h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, ns: 1e-9 },
  'scalar-unit.frequency': { hz: 1, khz: 1e3, mhz: 1e6, ghz: 1e9 },
  'scalar-unit.bitrate': {
    bps: 1, kbps: 1e3, kibps: 1024, mbps: 1e6, mibps: 1024 ** 2, gbps: 1e9, gibps: 1024 ** 3, tbps: 1e12, tibps: 1024 ** 4,
  },
};

export function unitsOf(type: string): readonly string[] {
  return Object.keys(UNITS[type] ?? {});
}

/** The value in the base unit, or undefined when `text` is not a scalar-unit of `type`. */
export function parseScalarUnit(type: string, text: string): number | undefined {
  const m = /^\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*([A-Za-z]+)\s*$/.exec(text);
  if (!m) return undefined;
  const factor = UNITS[type]?.[m[2]!.toLowerCase()];
  if (factor === undefined) return undefined;
  return Number(text.trim().slice(0, text.trim().length - m[2]!.length).trim()) * factor;
}
