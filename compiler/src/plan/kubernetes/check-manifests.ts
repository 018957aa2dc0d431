/**
 * Every manifest against the Kubernetes schemas before anything is written; a
 * problem is reported at the ADT value that produced the bad field (Origins),
 * else at the node or policy that produced the object.
 */
import type { PlanContext } from '../plan-context.js';
import { checkManifest } from './k8s-schemas.js';
import type { Manifest } from './manifest.js';

export function checkManifests(pc: PlanContext, manifests: readonly Manifest[]): void {
  for (const m of manifests) {
    // JSON round trip: secret placeholders as they will be written, no undefined.
    const data = JSON.parse(JSON.stringify(m.object)) as Record<string, unknown>;
    const problems = checkManifest(data) ?? [];
    const kind = String(m.object['kind'] ?? 'object');
    const meta = m.object['metadata'];
    const name = typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? String((meta as Record<string, unknown>)['name'] ?? '') : '';
    for (const p of problems) {
      const span = pc.origins.spanAt(m.object, p.path, m.anchor);
      if (p.unknownField !== undefined) {
        pc.sink.report('ADT8011', span, { kind, name, field: p.unknownField, where: p.path.join('.') }, { path: m.path });
      } else {
        pc.sink.report('ADT8010', span, { kind, name, problem: p.message }, { path: m.path });
      }
    }
  }
}
