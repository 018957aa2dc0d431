/** TOSCA's primitive and special value types (TOSCA 3.3), which are not type definitions. */
export const PRIMITIVE_TYPES = [
  'string', 'integer', 'float', 'boolean', 'timestamp', 'null', 'version', 'range', 'list', 'map', 'any',
  'scalar-unit.size', 'scalar-unit.time', 'scalar-unit.frequency', 'scalar-unit.bitrate',
] as const;

export type PrimitiveType = (typeof PRIMITIVE_TYPES)[number];

export function isPrimitive(name: string): name is PrimitiveType {
  return (PRIMITIVE_TYPES as readonly string[]).includes(name);
}
