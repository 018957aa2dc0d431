import type { Cluster, Manifest, ObjectRef } from './cluster.js';

function key(ref: { apiVersion: string; kind: string; name: string; namespace?: string | undefined }): string {
  return `${ref.apiVersion}|${ref.kind}|${ref.namespace ?? ''}|${ref.name}`;
}

/**
 * Deletes the objects of the given kinds that carry the app's label selector but are not in `keep`
 * (what `kubectl apply --prune -l` does). With an empty `keep` this is undeploy. Returns what was deleted.
 */
export async function prune(
  cluster: Cluster,
  kinds: readonly { apiVersion: string; kind: string }[],
  labelSelector: string,
  keep: readonly Manifest[],
): Promise<ObjectRef[]> {
  const kept = new Set(
    keep.map((m) => key({ apiVersion: m.apiVersion, kind: m.kind, name: m.metadata.name, namespace: m.metadata.namespace })),
  );
  const deleted: ObjectRef[] = [];
  for (const { apiVersion, kind } of kinds) {
    for (const object of await cluster.list({ apiVersion, kind, labelSelector })) {
      const ref: ObjectRef = {
        apiVersion,
        kind,
        name: object.metadata.name,
        ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
      };
      if (kept.has(key(ref))) continue;
      if (await cluster.delete(ref)) deleted.push(ref);
    }
  }
  return deleted;
}
