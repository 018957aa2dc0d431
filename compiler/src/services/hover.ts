/** Hover: what the name under the cursor means, from the occurrence index. */
import type { AnalysedModel } from '../pipeline.js';
import { describeNodeTemplate, describeProperty, describeType } from './describe.js';
import { occurrenceAt } from './occurrences.js';
import { ruleNameHover, ruleOccurrenceHover } from './rule-hover.js';
import type { HoverInfo } from './types.js';

export function hover(model: AnalysedModel, offset: number): HoverInfo | undefined {
  const o = occurrenceAt(model, offset);
  if (!o) return ruleNameHover(model, offset);
  switch (o.kind) {
    case 'type':
      return o.typeDef ? { span: o.span, contents: describeType(o.typeDef, model.types) } : { span: o.span, contents: `**${o.name}**: no ${o.typeKind ?? ''} type of this name is defined or imported.` };
    case 'property':
      return o.propertyDef ? { span: o.span, contents: describeProperty(o.propertyDef, o.propertyOwner) } : undefined;
    case 'node':
      return o.nodeTemplate ? { span: o.span, contents: describeNodeTemplate(o.nodeTemplate, model.types) } : undefined;
    case 'input':
      return o.input ? { span: o.span, contents: describeProperty(o.input, undefined, 'input') } : { span: o.span, contents: `**${o.name}**: no input of this name is declared in topology_template.inputs.` };
    case 'repository': {
      const repo = model.adt.repositories.get(o.name);
      const url = repo?.url?.value;
      return { span: o.span, contents: repo ? `**${o.name}** (repository)${url ? `\n\n${String(url)}` : ''}` : `**${o.name}**: no repository of this name is declared.` };
    }
    case 'constant':
    case 'query':
    case 'alert':
    case 'rule-variable':
      return ruleOccurrenceHover(model, o);
  }
}
