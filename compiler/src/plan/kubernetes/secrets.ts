/**
 * Secrets (micado-reference 4.9, 4.12): the only files that hold secret values.
 * - `<app>-inputs`: the values of the ADT's `secret` inputs, read by containers
 *   through secretKeyRef (named after the app, so apps of a namespace never
 *   share it);
 * - `micado.appsecret`: the text_secrets of the KubernetesSecretDistribution
 *   policy, where MiCADO's credential store puts them;
 * - TLS key and certificate of an encrypted network security policy.
 */
import type { JsonObject } from '../json.js';
import { SecretValue } from '../json.js';
import type { PlanContext } from '../plan-context.js';
import { defaultLabels } from './manifest.js';

export const APP_SECRET = 'micado.appsecret';

export function inputsSecretName(appId: string): string {
  return `${appId}-inputs`;
}

export function secretManifest(pc: PlanContext, name: string, namespace: string, data: Readonly<Record<string, string>>, type = 'Opaque'): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, labels: defaultLabels(name, pc.appId) },
    type,
    stringData: { ...data },
  };
}

/** The Secret of the secret inputs, or undefined when the ADT has none with a value. */
export function inputsSecret(pc: PlanContext): JsonObject | undefined {
  const data: Record<string, string> = {};
  for (const [name, input] of pc.inputs) if (input.value instanceof SecretValue) data[name] = input.value.value;
  return Object.keys(data).length > 0 ? secretManifest(pc, inputsSecretName(pc.appId), 'default', data) : undefined;
}
