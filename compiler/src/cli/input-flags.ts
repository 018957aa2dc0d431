/** `--input NAME=VALUE` flags, shared by every command that reads an ADT. */

/** The values by name, or the message for a flag that is not NAME=VALUE (its value not echoed: it may be a secret). */
export function parseInputFlags(flags: readonly string[]): { inputs: Map<string, string> } | { error: string } {
  const inputs = new Map<string, string>();
  for (const pair of flags) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return { error: `--input needs NAME=VALUE, not '${pair.replace(/=.*/, '=…')}'` };
    inputs.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return { inputs };
}
