/**
 * TEST DOUBLE of the Kubernetes API server: an in-memory store behind node:http on a loopback port, faithful
 * enough for what the runtime's ClientCluster (through the real @kubernetes/client-node) uses: discovery,
 * namespaces, server-side apply, get/list with label selectors, delete (single and collection), the scale
 * subresource, readiness status set by the test, resourceVersion, errors as Kubernetes Status objects and
 * fault injection (error answers, and requests held open forever, applied or not, to kill a client mid-call). It is not a Kubernetes: no controllers run, SSA field ownership is reduced to "the last
 * manager that applied the object", and namespace deletion is immediate.
 */
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

export interface ResourceType {
  readonly group: string; // '' for core
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly scalable?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly contentType: string | undefined;
  readonly body: unknown;
  /** The status code answered; 0 while unanswered. */
  status: number;
  /** Set when the request was held open by stallNext: whether the server applied it before stalling. */
  stalled?: 'applied' | 'not-applied';
}

type Obj = Record<string, any>;

const BUILTIN_TYPES: ResourceType[] = [
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  { group: '', version: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false },
  { group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', namespaced: true },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true },
  { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true },
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, scalable: true },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', namespaced: true, scalable: true },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, scalable: true },
  { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', namespaced: true },
  { group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true },
];

const TOKEN = 'double-token';

class HttpFailure extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

function apiVersionOf(type: ResourceType): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** A label selector in the API's string syntax: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x)`. */
export function matchesSelector(labels: Readonly<Record<string, string>>, selector: string): boolean {
  const terms = selector.split(/,(?![^(]*\))/).map((t) => t.trim()).filter((t) => t !== '');
  return terms.every((term) => {
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const values = m[3]!.split(',').map((v) => v.trim());
      const has = m[1]! in labels && values.includes(labels[m[1]!]!);
      return m[2] === 'in' ? has : !has;
    }
    if ((m = term.match(/^([^!=]+)!=(.*)$/))) return labels[m[1]!.trim()] !== m[2]!.trim();
    if ((m = term.match(/^([^!=]+)==?(.*)$/))) return labels[m[1]!.trim()] === m[2]!.trim();
    if (term.startsWith('!')) return !(term.slice(1) in labels);
    return term in labels;
  });
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export class KubeApiServerDouble {
  readonly requests: RecordedRequest[] = [];
  private readonly types: ResourceType[] = [...BUILTIN_TYPES];
  private readonly store = new Map<string, Obj>();
  /** Last field manager that applied each object (simplified SSA ownership). */
  private readonly appliedBy = new Map<string, string>();
  private readonly faults: { status: number; remaining: number; match: (r: RecordedRequest) => boolean }[] = [];
  private readonly stalls: { remaining: number; applied: boolean; match: (r: RecordedRequest) => boolean }[] = [];
  private revision = 1;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** With `tls` (PEM), it serves HTTPS, as a real API server does for a pod's in-cluster client. */
  static async start(options: { readonly tls?: { readonly cert: Buffer; readonly key: Buffer } } = {}): Promise<KubeApiServerDouble> {
    const server = options.tls ? createHttpsServer(options.tls) : createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const double = new KubeApiServerDouble(server, `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`);
    server.on('request', (req, res) => void double.handle(req, res));
    for (const name of ['default', 'kube-system']) double.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    return double;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A kubeconfig (YAML) whose current context points at this double with a bearer token. */
  kubeconfig(namespace = 'default'): string {
    return stringifyYaml({
      apiVersion: 'v1',
      kind: 'Config',
      // @kubernetes/client-node refuses plain http unless TLS verification is off; the double serves http on loopback.
      clusters: [{ name: 'double', cluster: { server: this.url, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'double', user: { token: TOKEN } }],
      contexts: [{ name: 'double', context: { cluster: 'double', user: 'double', namespace } }],
      'current-context': 'double',
    });
  }

  async writeKubeconfig(): Promise<string> {
    const path = join(await mkdtemp(join(tmpdir(), 'adtc-kubeconfig-')), 'config');
    await writeFile(path, this.kubeconfig(), { mode: 0o600 });
    return path;
  }

  addCustomResource(type: Omit<ResourceType, 'scalable'>): void {
    this.types.push(type);
  }

  /** The next `count` requests matching `match` (default: any) are answered with `status` instead of being served. */
  failNext(count: number, status: number, match: (request: RecordedRequest) => boolean = () => true): void {
    this.faults.push({ status, remaining: count, match });
  }

  /**
   * The next `count` requests matching `match` get no answer, ever (until close): a client waiting on them
   * is stuck mid-call. With `applied`, the server first carries the request out, as when a response is lost.
   */
  stallNext(count: number, match: (request: RecordedRequest) => boolean, options: { applied?: boolean } = {}): void {
    this.stalls.push({ remaining: count, applied: options.applied === true, match });
  }

  /** Stores an object as is (seeding Nodes, Pods, …), filling in the metadata the server would. */
  put(object: Obj): Obj {
    const type = this.typeOfKind(object['apiVersion'], object['kind']);
    const stored = clone(object);
    stored['metadata'] = {
      uid: randomUUID(),
      creationTimestamp: new Date().toISOString(),
      generation: 1,
      ...stored['metadata'],
      resourceVersion: this.nextRevision(),
    };
    this.store.set(this.key(type, stored['metadata'].namespace, stored['metadata'].name), stored);
    return clone(stored);
  }

  get(apiVersion: string, kind: string, name: string, namespace?: string): Obj | undefined {
    const object = this.store.get(this.key(this.typeOfKind(apiVersion, kind), namespace, name));
    return object === undefined ? undefined : clone(object);
  }

  /** Replaces an object's status, as its controller would (e.g. readiness fields). */
  setStatus(apiVersion: string, kind: string, name: string, namespace: string | undefined, status: Obj): void {
    const object = this.store.get(this.key(this.typeOfKind(apiVersion, kind), namespace, name));
    if (object === undefined) throw new Error(`no ${kind} ${namespace ?? ''}/${name} in the double`);
    object['status'] = clone(status);
    object['metadata'].resourceVersion = this.nextRevision();
  }

  /** Objects of a kind currently stored (all namespaces). */
  all(apiVersion: string, kind: string): Obj[] {
    const type = this.typeOfKind(apiVersion, kind);
    return [...this.store.entries()].filter(([k]) => k.startsWith(`${type.group}/${type.plural}/`)).map(([, v]) => clone(v));
  }

  private nextRevision(): string {
    return String(++this.revision);
  }

  private key(type: ResourceType, namespace: string | undefined, name: string): string {
    return `${type.group}/${type.plural}/${type.namespaced ? (namespace ?? 'default') : ''}/${name}`;
  }

  private typeOfKind(apiVersion: string, kind: string): ResourceType {
    const type = this.types.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
    if (type === undefined) throw new Error(`the double does not serve ${apiVersion} ${kind}`);
    return type;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const contentType = req.headers['content-type']?.split(';')[0];
    let body: unknown = undefined;
    if (text !== '') {
      try {
        body = contentType === 'application/apply-patch+yaml' ? parseYaml(text) : JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType,
      body,
      status: 0,
    };
    this.requests.push(record);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      send(401, statusObject(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const fault = this.faults.find((f) => f.remaining > 0 && f.match(record));
    if (fault !== undefined) {
      fault.remaining--;
      const reason = { 429: 'TooManyRequests', 409: 'Conflict', 503: 'ServiceUnavailable' }[fault.status] ?? 'InternalError';
      send(fault.status, statusObject(fault.status, reason, `injected fault ${fault.status}`), fault.status === 429 ? { 'retry-after': '1' } : {});
      return;
    }
    const stall = this.stalls.find((s) => s.remaining > 0 && s.match(record));
    if (stall !== undefined) {
      stall.remaining--;
      let applied = false;
      if (stall.applied) {
        try {
          this.route(record);
          applied = true;
        } catch {
          // A request the server refuses changes nothing, stalled or not.
        }
      }
      record.stalled = applied ? 'applied' : 'not-applied';
      return;
    }
    try {
      const [status, payload] = this.route(record);
      send(status, payload);
    } catch (error) {
      if (error instanceof HttpFailure) send(error.code, statusObject(error.code, error.reason, error.message));
      else send(500, statusObject(500, 'InternalError', String(error)));
    }
  }

  private route(r: RecordedRequest): [number, unknown] {
    const segments = r.path.split('/').filter((s) => s !== '');
    if (r.method === 'GET' && r.path === '/api') return [200, { kind: 'APIVersions', versions: ['v1'] }];
    if (r.method === 'GET' && r.path === '/apis') return [200, this.groupList()];
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api' && segments.length >= 2) {
      [group, version, rest] = ['', segments[1]!, segments.slice(2)];
    } else if (segments[0] === 'apis' && segments.length >= 3) {
      [group, version, rest] = [segments[1]!, segments[2]!, segments.slice(3)];
    } else {
      throw notFound('the server could not find the requested resource');
    }
    const served = this.types.filter((t) => t.group === group && t.version === version);
    if (served.length === 0) throw notFound('the server could not find the requested resource');
    if (rest.length === 0 && r.method === 'GET') return [200, this.resourceList(group, version, served)];
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3 && served.some((t) => t.plural === rest[2] && t.namespaced)) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const type = served.find((t) => t.plural === rest[0]);
    if (type === undefined) throw notFound('the server could not find the requested resource');
    const [, name, subresource] = rest;
    if (name === undefined) return this.collection(r, type, namespace);
    if (subresource === 'scale' && type.scalable) return this.scale(r, type, namespace, name);
    if (subresource !== undefined) throw notFound('the server could not find the requested resource');
    return this.single(r, type, namespace, name);
  }

  private groupList(): Obj {
    const groups = [...new Set(this.types.filter((t) => t.group !== '').map((t) => t.group))];
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map((name) => {
        const versions = [...new Set(this.types.filter((t) => t.group === name).map((t) => t.version))].map((v) => ({
          groupVersion: `${name}/${v}`,
          version: v,
        }));
        return { name, versions, preferredVersion: versions[0] };
      }),
    };
  }

  private resourceList(group: string, version: string, served: ResourceType[]): Obj {
    const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update'];
    const resources = served.flatMap((t) => [
      { name: t.plural, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs },
      ...(t.scalable
        ? [{ name: `${t.plural}/scale`, singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }]
        : []),
    ]);
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group === '' ? version : `${group}/${version}`, resources };
  }

  private requireNamespace(type: ResourceType, namespace: string | undefined): void {
    if (!type.namespaced) return;
    if (!this.store.has(`/namespaces//${namespace}`)) throw notFound(`namespaces "${namespace}" not found`);
  }

  private collection(r: RecordedRequest, type: ResourceType, namespace: string | undefined): [number, unknown] {
    const selector = r.query['labelSelector'] ?? '';
    const prefix = `${type.group}/${type.plural}/${type.namespaced && namespace !== undefined ? `${namespace}/` : ''}`;
    const matching = [...this.store.entries()]
      .filter(([k, v]) => k.startsWith(prefix) && matchesSelector(v['metadata'].labels ?? {}, selector))
      .map(([k, v]) => [k, v] as const);
    const list = (items: Obj[]): Obj => ({
      kind: `${type.kind}List`,
      apiVersion: apiVersionOf(type),
      metadata: { resourceVersion: String(this.revision) },
      // As the real server does, list items carry no apiVersion/kind.
      items: items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
    });
    switch (r.method) {
      case 'GET':
        return [200, list(matching.map(([, v]) => clone(v)))];
      case 'DELETE':
        for (const [k] of matching) this.remove(k);
        return [200, list(matching.map(([, v]) => v))];
      case 'POST': {
        const object = r.body as Obj;
        const name = object?.['metadata']?.name;
        if (typeof name !== 'string' || name === '') throw invalid(type, '', 'metadata.name: Required value');
        this.checkKind(type, object);
        const ns = type.namespaced ? (namespace ?? 'default') : undefined;
        this.requireNamespace(type, ns);
        if (this.store.has(this.key(type, ns, name))) throw new HttpFailure(409, 'AlreadyExists', `${type.plural} "${name}" already exists`);
        return [201, this.create(type, ns, object)];
      }
      default:
        throw new HttpFailure(405, 'MethodNotAllowed', `${r.method} is not supported on a collection`);
    }
  }

  private remove(key: string): void {
    this.store.delete(key);
    this.appliedBy.delete(key);
    // Deleting a namespace takes its objects with it (immediately here; the real server terminates them).
    if (key.startsWith('/namespaces//')) {
      const ns = key.slice('/namespaces//'.length);
      for (const k of [...this.store.keys()]) if (k.split('/')[2] === ns) this.remove(k);
    }
  }

  private checkKind(type: ResourceType, object: Obj): void {
    if (object['apiVersion'] !== apiVersionOf(type) || object['kind'] !== type.kind) {
      throw new HttpFailure(400, 'BadRequest', `the body's ${object['apiVersion']} ${object['kind']} does not match the URL's ${apiVersionOf(type)} ${type.kind}`);
    }
    const labels: Obj = object['metadata']?.labels ?? {};
    for (const [k, v] of Object.entries(labels)) {
      if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
        throw invalid(type, object['metadata'].name, `metadata.labels: Invalid value: "${String(v)}": a valid label must be 63 characters or less (label ${k})`);
      }
    }
  }

  private create(type: ResourceType, namespace: string | undefined, object: Obj): Obj {
    const stored = clone(object);
    stored['metadata'] = {
      ...stored['metadata'],
      ...(namespace === undefined ? {} : { namespace }),
      uid: randomUUID(),
      creationTimestamp: new Date().toISOString(),
      generation: 1,
      resourceVersion: this.nextRevision(),
    };
    if (type.scalable && stored['spec']?.replicas === undefined) stored['spec'] = { ...stored['spec'], replicas: 1 };
    if (type.kind === 'Namespace') stored['status'] = { phase: 'Active' };
    this.store.set(this.key(type, namespace, stored['metadata'].name), stored);
    return clone(stored);
  }

  private single(r: RecordedRequest, type: ResourceType, namespace: string | undefined, name: string): [number, unknown] {
    const key = this.key(type, namespace, name);
    const existing = this.store.get(key);
    const missing = (): HttpFailure => notFound(`${type.plural}${type.group ? `.${type.group}` : ''} "${name}" not found`);
    switch (r.method) {
      case 'GET':
        if (existing === undefined) throw missing();
        return [200, clone(existing)];
      case 'DELETE':
        if (existing === undefined) throw missing();
        this.remove(key);
        return [200, { ...statusObject(200, '', ''), status: 'Success', details: { name, kind: type.plural, uid: existing['metadata'].uid } }];
      case 'PUT': {
        if (existing === undefined) throw missing();
        const object = r.body as Obj;
        this.checkKind(type, object);
        const rv = object['metadata']?.resourceVersion;
        if (rv !== undefined && rv !== existing['metadata'].resourceVersion) throw conflict(type, name);
        return [200, this.update(type, key, existing, object, false)];
      }
      case 'PATCH':
        return this.patch(r, type, namespace, name, key, existing);
      default:
        throw new HttpFailure(405, 'MethodNotAllowed', `${r.method} is not supported`);
    }
  }

  private patch(r: RecordedRequest, type: ResourceType, namespace: string | undefined, name: string, key: string, existing: Obj | undefined): [number, unknown] {
    const body = r.body as Obj;
    if (r.contentType === 'application/apply-patch+yaml') {
      const manager = r.query['fieldManager'];
      if (manager === undefined || manager === '') throw new HttpFailure(400, 'BadRequest', 'PATCH, fieldManager is required for apply requests');
      if (typeof body !== 'object' || body === null) throw new HttpFailure(400, 'BadRequest', 'the apply body is not an object');
      this.checkKind(type, body);
      if (body['metadata']?.name !== name) throw new HttpFailure(400, 'BadRequest', `the name in the body ("${body['metadata']?.name}") does not match the URL ("${name}")`);
      if (type.namespaced && body['metadata']?.namespace !== undefined && body['metadata'].namespace !== namespace) {
        throw new HttpFailure(400, 'BadRequest', 'the namespace of the object does not match the namespace of the request');
      }
      this.requireNamespace(type, namespace);
      const managed = [{ manager, operation: 'Apply', apiVersion: apiVersionOf(type), time: new Date().toISOString(), fieldsType: 'FieldsV1' }];
      if (existing === undefined) {
        const created = this.create(type, type.namespaced ? namespace : undefined, { ...body, metadata: { ...body['metadata'], managedFields: managed } });
        this.store.get(key)!['metadata'].managedFields = managed;
        this.appliedBy.set(key, manager);
        return [201, created];
      }
      const owner = this.appliedBy.get(key);
      if (owner !== undefined && owner !== manager && r.query['force'] !== 'true') {
        throw new HttpFailure(409, 'Conflict', `Apply failed with 1 conflict: conflict with "${owner}": .spec`);
      }
      this.appliedBy.set(key, manager);
      // Fields the applier leaves out stay as others set them; replicas is the one the runtime relies on.
      const spec = body['spec'] !== undefined && existing['spec']?.replicas !== undefined && body['spec'].replicas === undefined
        ? { ...body['spec'], replicas: existing['spec'].replicas }
        : body['spec'];
      const merged = { ...body, ...(spec === undefined ? {} : { spec }), metadata: { ...body['metadata'], managedFields: managed } };
      return [200, this.update(type, key, existing, merged, true)];
    }
    if (existing === undefined) throw notFound(`${type.plural} "${name}" not found`);
    const patched = applyPatch(clone(existing), r.contentType, body);
    return [200, this.update(type, key, existing, patched, false)];
  }

  /** Stores a new version, keeping server-owned metadata and the status, bumping generation when the spec changed. */
  private update(type: ResourceType, key: string, existing: Obj, next: Obj, replaceMetadata: boolean): Obj {
    const stored = clone(next);
    const old = existing['metadata'];
    const specChanged = JSON.stringify(existing['spec']) !== JSON.stringify(stored['spec']);
    stored['metadata'] = {
      ...(replaceMetadata ? {} : old),
      ...stored['metadata'],
      ...(old.namespace === undefined ? {} : { namespace: old.namespace }),
      uid: old.uid,
      creationTimestamp: old.creationTimestamp,
      generation: specChanged ? old.generation + 1 : old.generation,
      resourceVersion: this.nextRevision(),
    };
    if (existing['status'] !== undefined) stored['status'] = existing['status'];
    this.checkKind(type, stored);
    this.store.set(key, stored);
    return clone(stored);
  }

  private scale(r: RecordedRequest, type: ResourceType, namespace: string | undefined, name: string): [number, unknown] {
    const key = this.key(type, namespace, name);
    const existing = this.store.get(key);
    if (existing === undefined) throw notFound(`${type.plural}.${type.group} "${name}" not found`);
    const asScale = (object: Obj): Obj => ({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name, namespace, uid: object['metadata'].uid, resourceVersion: object['metadata'].resourceVersion },
      spec: { replicas: object['spec']?.replicas ?? 0 },
      status: { replicas: object['status']?.replicas ?? 0, selector: '' },
    });
    if (r.method === 'GET') return [200, asScale(existing)];
    let replicas: unknown;
    if (r.method === 'PUT') {
      const rv = (r.body as Obj)?.['metadata']?.resourceVersion;
      if (rv !== undefined && rv !== existing['metadata'].resourceVersion) throw conflict(type, name);
      replicas = (r.body as Obj)?.['spec']?.replicas;
    } else if (r.method === 'PATCH') {
      replicas = applyPatch(asScale(existing), r.contentType, r.body)['spec']?.replicas;
    } else {
      throw new HttpFailure(405, 'MethodNotAllowed', `${r.method} is not supported on scale`);
    }
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw new HttpFailure(422, 'Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
    }
    const updated = this.update(type, key, existing, { ...existing, spec: { ...existing['spec'], replicas } }, false);
    return [200, asScale(updated)];
  }
}

function statusObject(code: number, reason: string, message: string): Obj {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function notFound(message: string): HttpFailure {
  return new HttpFailure(404, 'NotFound', message);
}

function conflict(type: ResourceType, name: string): HttpFailure {
  return new HttpFailure(409, 'Conflict', `Operation cannot be fulfilled on ${type.plural} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
}

function invalid(type: ResourceType, name: string, detail: string): HttpFailure {
  return new HttpFailure(422, 'Invalid', `${type.kind} "${name}" is invalid: ${detail}`);
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: Obj = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Obj) } : {};
  for (const [k, v] of Object.entries(patch as Obj)) {
    if (v === null) delete result[k];
    else result[k] = mergePatch(result[k], v);
  }
  return result;
}

/** Merge patches (strategic merge treated as JSON merge) and the `replace`/`add`/`remove` ops of JSON patches. */
function applyPatch(target: Obj, contentType: string | undefined, patch: unknown): Obj {
  if (contentType === 'application/merge-patch+json' || contentType === 'application/strategic-merge-patch+json') {
    return mergePatch(target, patch) as Obj;
  }
  if (contentType === 'application/json-patch+json' && Array.isArray(patch)) {
    for (const op of patch as Obj[]) {
      const path = String(op['path']).split('/').slice(1);
      const last = path.pop()!;
      let parent: Obj = target;
      for (const p of path) parent = (parent[p] ??= {});
      if (op['op'] === 'remove') delete parent[last];
      else parent[last] = op['value'];
    }
    return target;
  }
  throw new HttpFailure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format: ${contentType}`);
}
