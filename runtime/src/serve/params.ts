/**
 * `params`: the values of the ADT's topology inputs, as MiCADO's clients send them: a JSON object (v2.0), or a
 * Python dict literal such as `{'replicas': 2, 'debug': True}` (v1.0, which MiCADO reads with ast.literal_eval).
 * The Python form is read only for plain literals (no double quotes inside); anything else is refused, not guessed.
 */
export function parseParams(text: string | undefined): { inputs: Record<string, string> } | { problem: string } {
  if (text === undefined || text.trim() === '') return { inputs: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const python = text.includes('"') ? undefined : text.replace(/'/g, '"').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null');
    try {
      parsed = python === undefined ? undefined : JSON.parse(python);
    } catch {
      parsed = undefined;
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: `Parsed params are not a valid map (dict): send them as JSON ({"name": "value"}) or a Python dict ({'name': 'value'}), not ${JSON.stringify(text.slice(0, 80))}` };
  }
  // Inputs are given to the compiler as text, as `adtc compile --input NAME=VALUE` takes them.
  return { inputs: Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) };
}
