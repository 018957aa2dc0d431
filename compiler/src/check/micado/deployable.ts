/**
 * MiCADO's own rule that an ADT has something to deploy. TOSCA makes
 * topology_template optional (a file of definitions is a service template
 * too), so validating reports only a warning, named as MiCADO's rule, on a file
 * that is neither a type library nor a topology (ADT4030); compiling and
 * deploying need node templates and refuse any file without them (ADT4031).
 */
import { isTypeLibrary } from '../../model/build-service-template.js';
import type { CheckContext } from '../check-context.js';

export function checkDeployable(ctx: CheckContext, forDeployment: boolean): void {
  const { adt } = ctx;
  if (!adt.root) return;
  const span = adt.root.pairs[0]?.key.span ?? adt.root.span;
  if (forDeployment) {
    if (adt.topology && adt.topology.nodeTemplates.size > 0) return;
    // An empty node_templates is ADT2009 already.
    if (adt.topology?.node.has('node_templates')) return;
    const what = isTypeLibrary(adt) ? 'this file only defines or imports types' : 'this file has no topology_template with node_templates';
    ctx.sink.report('ADT4031', span, { what }, { path: [] });
    return;
  }
  if (!adt.topology && !isTypeLibrary(adt) && !adt.root.has('topology_template')) ctx.sink.report('ADT4030', span, {}, { path: [] });
}
