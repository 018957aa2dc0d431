/**
 * JSON Schema (draft 2020-12) of plan.json, format version 1. It ships with the
 * package as an object so that the runtime and any tool can validate a plan
 * with ajv without reading files. Strict: no unknown keys anywhere the plan
 * defines the shape (properties, constants and query maps are open by nature).
 */

const json = {};
const str = { type: 'string' };
const strings = { type: 'array', items: str };
const int = { type: 'integer', minimum: 0 };
const path = { type: 'string', pattern: '^(?!/)(?!.*\\.\\.)[^\\\\]+$' };
const dict = { type: 'object', additionalProperties: json };

function obj(required: readonly string[], properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required, properties };
}

const secretRef = obj(['secret', 'namespace', 'key'], { secret: str, namespace: str, key: str });
const bounds = { min: int, max: int };

export const PLAN_SCHEMA_ID = 'https://adtc.dev/schemas/plan-1.json';

export const planSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: PLAN_SCHEMA_ID,
  title: 'adtc deployable plan',
  ...obj(
    ['formatVersion', 'app', 'inputs', 'nodeSets', 'kubernetes', 'monitoring', 'prometheus', 'policies', 'secrets', 'networkSecurity', 'outputs'],
    {
      formatVersion: { const: 1 },
      app: obj(['id', 'compiler', 'source'], {
        id: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
        compiler: obj(['name', 'version'], { name: { const: 'adtc' }, version: str }),
        source: obj(['file', 'sha256'], { file: str, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } }),
      }),
      inputs: {
        type: 'array',
        items: {
          ...obj(['name', 'type', 'from'], { name: str, type: str, from: { enum: ['given', 'default'] }, value: json, ref: secretRef }),
          // A secret input carries a reference and never a value.
          if: { properties: { type: { const: 'secret' } } },
          then: { required: ['ref'], not: { required: ['value'] } },
          else: { required: ['value'], not: { required: ['ref'] } },
        },
      },
      nodeSets: {
        type: 'array',
        items: obj(['name', 'node', 'type', 'cloud', 'backend', 'properties', 'count', 'contextualisation', 'description'], {
          name: str,
          node: str,
          type: str,
          cloud: { enum: ['ec2', 'nova', 'cloudsigma', 'cloudbroker', 'azure', 'gce', 'oci'] },
          backend: { enum: ['occopus', 'terraform'] },
          properties: dict,
          count: obj(['min', 'max', 'initial'], { ...bounds, initial: int }),
          contextualisation: obj(['mode', 'file'], { mode: { enum: ['append', 'insert', 'overwrite'] }, file: path }),
          description: path,
          terraform: obj(['config', 'variables', 'variable', 'variableStyle', 'output'], {
            config: path,
            variables: path,
            variable: str,
            variableStyle: { const: 'keys' },
            output: str,
          }),
          occopus: obj(['nodeDefinition', 'infrastructure', 'infraName'], { nodeDefinition: path, infrastructure: path, infraName: str }),
        }),
      },
      kubernetes: obj(['objects'], {
        objects: {
          type: 'array',
          items: obj(['apiVersion', 'kind', 'name', 'file', 'origin'], { apiVersion: str, kind: str, name: str, namespace: str, file: path, origin: str, shared: { type: 'boolean' } }),
        },
      }),
      monitoring: obj(['nodeMetrics', 'containerMetrics'], { nodeMetrics: { type: 'boolean' }, containerMetrics: { type: 'boolean' } }),
      prometheus: obj(['scrapeConfig', 'staticTargets', 'kubeServices'], { scrapeConfig: path, ruleFile: path, staticTargets: strings, kubeServices: strings }),
      policies: {
        type: 'array',
        items: obj(['name', 'target', 'kind', 'hosts', 'bounds', 'stage', 'priority', 'constants', 'queries', 'alerts', 'order', 'rule'], {
          name: str,
          target: str,
          kind: { enum: ['vm', 'container'] },
          workload: obj(['kind', 'name', 'namespace'], { kind: str, name: str, namespace: str }),
          hosts: strings,
          bounds: obj(['min', 'max'], bounds),
          stage: str,
          priority: { type: 'integer' },
          constants: dict,
          queries: { type: 'object', additionalProperties: obj(['expr'], { expr: str, label: str }) },
          alerts: strings,
          order: int,
          rule: {
            ...obj([], { module: path, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }, source: str }),
            // Either the compiled module with its hash, or (until the rule compiler is wired in) the rule's text.
            oneOf: [{ required: ['module', 'sha256'] }, { required: ['source'], not: { required: ['module'] } }],
          },
        }),
      },
      secrets: {
        type: 'array',
        items: obj(['name', 'namespace', 'keys', 'file', 'origin'], { name: str, namespace: str, keys: strings, file: path, origin: str }),
      },
      networkSecurity: {
        type: 'array',
        items: obj(['name', 'type', 'targets', 'ports', 'secrets'], { name: str, type: str, targets: strings, ports: { type: 'array', items: int }, secrets: strings }),
      },
      outputs: {
        type: 'array',
        items: obj(['name'], { name: str, description: str, value: json, attribute: obj(['node', 'name'], { node: str, name: str }) }),
      },
    },
  ),
} as const;
