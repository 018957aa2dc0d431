/**
 * Security policies (micado-reference 3.5, 4.9, 4.12; spec 7 item 30):
 * a network policy derived from L7Proxy with `encryption: true` needs
 * `encryption_key` and `encryption_cert` ("Key and/or cert missing for policy
 * {type}"); the secret policy's `file_secrets` is declared by the type but
 * never handled, so those secrets would silently not exist.
 */
import type { CheckContext } from '../check-context.js';
import { isTrue, policyType } from './micado-nodes.js';

const L7_PROXY = 'tosca.policies.Security.MiCADO.Network.L7Proxy';
const SECRET_PREFIX = 'tosca.policies.Security.MiCADO.Secret';

export function checkSecurityPolicies(ctx: CheckContext): void {
  for (const p of ctx.adt.topology?.policies ?? []) {
    const type = policyType(ctx, p);
    if (!type) continue;
    const props = p.properties;
    if (type.derivesFrom(L7_PROXY)) {
      const encryption = props?.pair('encryption');
      if (!encryption || !isTrue(encryption.value)) continue;
      const missing = ['encryption_key', 'encryption_cert'].filter((k) => props?.get(k) === undefined && type.properties.get(k)?.default === undefined);
      if (missing.length === 0) continue;
      // MiCADO names the policy by the last segment of its type (4.12).
      const shortType = type.name.split('.').pop()!;
      ctx.sink.report('ADT4590', encryption.key.span, { type: shortType, missing: missing.map((k) => `'${k}'`).join(' and ') }, { path: [...p.path, 'properties', 'encryption'] });
    } else if (type.chain.some((t) => t.name.startsWith(SECRET_PREFIX))) {
      const files = props?.pair('file_secrets');
      if (files) ctx.sink.report('ADT4591', files.key.span, {}, { path: [...p.path, 'properties', 'file_secrets'] });
    }
  }
}
