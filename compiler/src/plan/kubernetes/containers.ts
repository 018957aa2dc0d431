/**
 * One container from a container node's properties (micado-reference 4.4,
 * 4.5): Kubernetes-style properties copied, Compose-style ones converted where
 * no Kubernetes twin is set, pod-level settings collected for the pod, falsy
 * keys dropped, env values as strings. A secret input used as an env value
 * becomes a secretKeyRef to the inputs' Secret.
 */
import { INIT } from '../../check/micado/micado-nodes.js';
import type { Json, JsonObject } from '../json.js';
import { isObject, SecretValue, str, truthy } from '../json.js';
import type { PlanContext, PlanNode } from '../plan-context.js';
import { allProperties, nodeValue } from '../values.js';
import { inputsSecretName } from './secrets.js';

const KUBERNETES_KEYS = [
  'args', 'command', 'env', 'envFrom', 'image', 'imagePullPolicy', 'lifecycle', 'livenessProbe', 'name', 'readinessProbe', 'resources',
  'securityContext', 'stdin', 'stdinOnce', 'terminationMessagePath', 'terminationMessagePolicy', 'tty', 'volumeDevices', 'volumeMounts', 'workingDir',
];

export interface ContainerPart {
  readonly container: JsonObject;
  readonly init: boolean;
  /** Pod-level fields (terminationGracePeriodSeconds, hostPID, dnsConfig). */
  readonly pod: JsonObject;
  readonly labels: Record<string, string>;
  /** The node's `ports` entries, for Services and container ports. */
  readonly ports: readonly Json[];
  readonly image: string | undefined;
}

export function containerOf(pc: PlanContext, node: PlanNode): ContainerPart {
  const props = allProperties(pc, node);
  const c: JsonObject = {};
  for (const k of KUBERNETES_KEYS) if (k in props) c[k] = props[k]!;
  if (!truthy(c['name'])) c['name'] = str(props['container_name']) ?? node.name;
  if (!truthy(c['command']) && typeof props['entrypoint'] === 'string') c['command'] = shellSplit(props['entrypoint']);
  if (!truthy(c['args']) && typeof props['cmd'] === 'string') c['args'] = shellSplit(props['cmd']);
  if (!truthy(c['env']) && isObject(props['environment'])) c['env'] = Object.entries(props['environment']).map(([name, value]) => ({ name, value }));
  if (!truthy(c['stdin']) && props['stdin_open'] !== undefined) c['stdin'] = props['stdin_open']!;
  if (!truthy(c['workingDir']) && props['working_dir'] !== undefined) c['workingDir'] = props['working_dir']!;
  if (props['privileged'] === true) c['securityContext'] = { ...(isObject(c['securityContext']) ? c['securityContext'] : {}), privileged: true };
  const image = imageOf(pc, node, props);
  if (image !== undefined) c['image'] = image;
  else pc.sink.report('ADT8020', node.t.nameSpan, { node: node.t.name }, { path: node.t.path });
  if (Array.isArray(c['env'])) c['env'] = c['env'].map((e) => envEntry(pc.appId, e));
  for (const k of Object.keys(c)) if (!truthy(c[k])) delete c[k];

  const pod: JsonObject = {};
  const grace = props['stop_grace_period'];
  if (grace !== undefined && grace !== null) {
    const seconds = durationSeconds(grace);
    if (seconds === undefined) {
      const n = node.t.properties?.get('stop_grace_period');
      pc.sink.report('ADT8021', n?.span ?? node.t.nameSpan, { value: String(grace) }, { path: [...node.t.path, 'properties', 'stop_grace_period'] });
    } else pod['terminationGracePeriodSeconds'] = seconds;
  }
  if (props['pid'] === 'host') pod['hostPID'] = true;
  const nameservers = listOf(props['dns']);
  const searches = listOf(props['dns_search']);
  if (nameservers.length > 0 || searches.length > 0) {
    pod['dnsConfig'] = { ...(nameservers.length > 0 ? { nameservers } : {}), ...(searches.length > 0 ? { searches } : {}) };
  }
  const labels: Record<string, string> = {};
  if (isObject(props['labels'])) for (const [k, v] of Object.entries(props['labels'])) labels[k] = String(v);
  const ports = Array.isArray(props['ports']) ? props['ports'] : [];
  return { container: c, init: node.type.derivesFrom(INIT), pod, labels, ports, image };
}

/** Every env value a string, as MiCADO writes them; a secret input is read from the inputs' Secret. */
function envEntry(appId: string, e: Json): Json {
  if (!isObject(e)) return e;
  const v = e['value'];
  if (v instanceof SecretValue) {
    const rest: JsonObject = { ...e };
    delete rest['value'];
    return { ...rest, valueFrom: { secretKeyRef: { name: inputsSecretName(appId), key: v.input } } };
  }
  if (v === undefined || v === null || typeof v === 'string') return e;
  return { ...e, value: typeof v === 'object' ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v) };
}

/** Image from the property, else the image artifact with its repository (4.5); undefined when there is none (spec 7 item 27). */
function imageOf(pc: PlanContext, node: PlanNode, props: JsonObject): string | undefined {
  let image = str(props['image']);
  let repository: string | undefined;
  const artifact = node.t.artifacts.get('image') ?? node.type.artifacts.get('image');
  if (artifact) {
    const file = artifact.file ? nodeValue(pc, artifact.file, node) : undefined;
    image ??= str(file) || undefined;
    repository = artifact.repository?.name;
  }
  if (!image) return undefined;
  if (!repository || repository.toLowerCase().replace(/[\s_-]/g, '') === 'dockerhub') return image;
  const url = pc.adt.repositories.get(repository)?.url;
  const base = typeof url?.value === 'string' ? url.value.replace(/^https?:\/\//, '').replace(/^\/+|\/+$/g, '') : undefined;
  return base ? `${base}/${image}` : image;
}

function listOf(v: Json | undefined): Json[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null ? [] : [v];
}

/** Python's shlex.split for the common cases: whitespace, single and double quotes, backslashes. */
export function shellSplit(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      started = true;
    } else if (/\s/.test(ch)) {
      if (started || cur) out.push(cur);
      cur = '';
      started = false;
    } else cur += ch;
  }
  if (started || cur) out.push(cur);
  return out;
}

/** Compose durations ('1m30s', '10s', '500ms') or a number of seconds, to whole seconds (spec 7 item 24). */
export function durationSeconds(v: Json): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const text = v.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text));
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 's' ? n : m[2] === 'ms' ? n / 1000 : 0;
    matched = re.lastIndex;
  }
  return matched === text.length && text.length > 0 ? Math.round(total) : undefined;
}
