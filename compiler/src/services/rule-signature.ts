/**
 * Signature help for calls in scaling rules. Read from the text rather than
 * the AST, because while a call is being typed (`max(CPU, `) it does not
 * parse yet: the innermost open parenthesis before the cursor, the callee
 * written before it, and the commas at that depth.
 */
import type { AnalysedModel } from '../pipeline.js';
import { callSignature } from './rule-describe.js';
import { ruleAt } from './rules.js';
import type { SignatureHelpInfo } from './types.js';

export function ruleSignatureHelp(model: AnalysedModel, offset: number): SignatureHelpInfo | undefined {
  const found = ruleAt(model, offset);
  if (!found) return undefined;
  const text = found.rule.text.slice(0, found.at);
  const stack: { open: string; at: number; commas: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (ch === '"' || ch === "'") {
      const triple = text.startsWith(ch.repeat(3), i);
      const close = triple ? text.indexOf(ch.repeat(3), i + 3) : findClose(text, i + 1, ch);
      if (close < 0) return undefined;
      i = close + (triple ? 2 : 0);
    } else if (ch === '(' || ch === '[' || ch === '{') stack.push({ open: ch, at: i, commas: 0 });
    else if (ch === ')' || ch === ']' || ch === '}') stack.pop();
    else if (ch === ',' && stack.length > 0) stack.at(-1)!.commas++;
  }
  const frame = stack.at(-1);
  if (frame?.open !== '(') return undefined;
  const callee = /([A-Za-z_][\w.]*)\s*$/.exec(text.slice(0, frame.at))?.[1];
  const signature = callee ? callSignature(callee) : undefined;
  if (!signature) return undefined;
  // Past the last parameter of a variadic function, the variadic one stays active.
  const variadic = signature.parameters.findIndex((p) => p.startsWith('*'));
  const active = variadic >= 0 && frame.commas >= variadic ? variadic : frame.commas;
  return { signatures: [signature], activeSignature: 0, activeParameter: Math.min(active, Math.max(0, signature.parameters.length - 1)) };
}

/** The closing quote of a one-line string, or -1 when the line ends first (an unclosed string). */
function findClose(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}
