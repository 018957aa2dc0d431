import type { CatalogueEntry } from '../entry.js';

/**
 * ADT8xxx: the plan phase (compiler/src/plan), which runs only on an ADT that
 * validated without errors, so these are problems only a deployment reveals:
 * input values, generated manifests that the Kubernetes schemas refuse, files
 * the translation needs.
 */
export const planCodes = {
  ADT8001: {
    name: 'input-value-missing',
    severity: 'error',
    message: "Input '{input}' has no value: it has no default and none was given. Pass it with --input {input}=VALUE, or give it a default.",
  },
  ADT8002: {
    name: 'input-value-invalid',
    severity: 'error',
    message: "The value given for input '{input}' is not {expected}: {problem}.",
  },
  ADT8003: {
    name: 'input-unknown',
    severity: 'error',
    message: "--input names '{input}', which the ADT does not declare under topology_template.inputs.{hint}",
  },
  ADT8010: {
    name: 'manifest-invalid',
    severity: 'error',
    message: "The {kind} '{name}' generated from this value does not satisfy the Kubernetes schema: {problem}. Correct the value in the ADT.",
  },
  ADT8011: {
    name: 'manifest-unknown-field',
    severity: 'error',
    message: "The {kind} '{name}' generated from this value has a field Kubernetes does not know: '{field}' at {where}. Kubernetes refuses unknown fields; remove it or correct its spelling.",
  },
  ADT8020: {
    name: 'container-image-missing',
    severity: 'error',
    message: "Container '{node}' has no image: set the 'image' property (or an 'image' artifact with a file). MiCADO would fail here with \"Could not get {node} container image\".",
  },
  ADT8021: {
    name: 'duration-invalid',
    severity: 'error',
    message: "'{value}' is not a duration adtc can convert to seconds for terminationGracePeriodSeconds; write it as a number of seconds or as Compose does ('10s', '1m30s').",
  },
  ADT8030: {
    name: 'cloud-init-template-unreadable',
    severity: 'warning',
    message: "The cloud-init base template '{path}' cannot be read (adtc looks for it beside the ADT and in the folders above), so the node set boots with MiCADO's worker template instead. Correct the path, or remove 'path'.",
  },
  ADT8031: {
    name: 'cloud-init-mode-default',
    severity: 'info',
    message: "Node set '{node}' sets no cloud-init merge mode, so adtc appends its cloud_config to the worker template; MiCADO's Terraform path would overwrite the template instead (spec 7 item 35). Set 'append: true' to make the choice explicit.",
  },
  ADT8040: {
    name: 'policy-bound-not-number',
    severity: 'error',
    message: "'{property}' of the scaling policy for '{target}' is '{value}' once the constants are filled in, which is not a whole number.",
  },
  ADT8050: {
    name: 'cloud-init-placeholder-unfilled',
    severity: 'error',
    message: "The cloud-init of node set '{node}' holds {placeholders}, which nothing fills: adtc fills in worker_name when compiling, and master_ip and join_token when deploying (MiCADO's Jinja2 would silently write an empty text). Write the value itself.",
  },
  ADT8051: {
    name: 'credential-kept-out-of-plan',
    severity: 'info',
    message: "The credential '{property}' of node set '{node}' is kept out of the plan: Terraform reads it from the environment when adtc deploys, so export {variable} before running adtc deploy (and keep it out of the ADT).",
  },
  ADT8052: {
    name: 'terraform-property-unsupported',
    severity: 'warning',
    message: "adtc's Terraform configuration for a '{cloud}' has no place for '{property}' of node set '{node}', so the machines are created without it. Remove it, or write the setting into the cloud-init or the image.",
  },
  ADT8053: {
    name: 'source-service-missing',
    severity: 'warning',
    message: "The source '{source}' is scraped through the Service '{service}', which this ADT does not generate, so Prometheus cannot reach it. Give the container a port with 'port:' (not only 'containerPort:') so MiCADO's translation makes a Service, or name a Service that exists.",
  },
} as const satisfies Record<string, CatalogueEntry>;
