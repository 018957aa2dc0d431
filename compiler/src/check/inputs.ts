/** Topology inputs (TOSCA 3.6.15; micado-reference 1.6): supported types, defaults, missing values. */
import type { CheckContext } from './check-context.js';
import { checkPropertyDef } from './definitions.js';

/** MiCADO rewrites `secret` to `string` before parsing and refuses every other type. */
const MICADO_INPUT_TYPES = ['map', 'list', 'string', 'integer', 'boolean', 'float', 'timestamp', 'secret'];

export function checkInputs(ctx: CheckContext): void {
  const topology = ctx.adt.topology;
  if (!topology) return;
  for (const input of topology.inputs.values()) {
    const unsupported = input.type !== undefined && !MICADO_INPUT_TYPES.includes(input.type.name);
    if (unsupported) {
      const code = ctx.micado === false ? 'ADT4033' : 'ADT4026';
      ctx.sink.report(code, input.type!.span, { input: input.name, type: input.type!.name, supported: MICADO_INPUT_TYPES.join(', ') }, { path: [...input.path, 'type'] });
    }
    if ((!unsupported || ctx.micado === false) && input.type?.name !== 'secret') {
      checkPropertyDef({ ...ctx, inImport: false }, input);
    }
    if (input.required && input.default === undefined && input.value === undefined) {
      ctx.sink.report('ADT4022', input.nameSpan, { input: input.name }, { path: input.path });
    }
  }
}
