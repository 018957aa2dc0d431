/**
 * TOSCA intrinsic functions (TOSCA 4.3, 4.4, 4.5): recognising a function call
 * in a value. Their arguments are checked in function-calls.ts.
 */
import type { YMap, YNode, YPair } from '../read/yaml-tree.js';

export const FUNCTION_NAMES = [
  'get_input', 'get_property', 'get_attribute', 'get_operation_output', 'get_nodes_of_type', 'get_artifact',
  'concat', 'join', 'token',
] as const;

export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface FunctionCall {
  readonly name: FunctionName;
  readonly pair: YPair;
  readonly node: YMap;
  readonly args: YNode;
}

export function asFunctionCall(n: YNode | undefined): FunctionCall | undefined {
  if (n?.kind !== 'map' || n.pairs.length !== 1) return undefined;
  const pair = n.pairs[0]!;
  if (!(FUNCTION_NAMES as readonly string[]).includes(pair.name)) return undefined;
  return { name: pair.name as FunctionName, pair, node: n, args: pair.value };
}
