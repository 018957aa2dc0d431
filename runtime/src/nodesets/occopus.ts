import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { NodeSetDriver, NodeSetLifecycle, NodeSetNode, NodeSetSource } from './driver.js';
import { NodeSetError } from './driver.js';
import { fillWorkerJoin, withoutToken } from './worker-join.js';

export interface OccopusOptions {
  /** Occopus REST service, e.g. http://occopus:5000 */
  readonly url: string;
  /** The infrastructure the node sets belong to (the plan names one per app). */
  readonly infraId: string;
  /**
   * The command that imports node definitions into Occopus (`occopus-import`, or e.g. `docker exec occopus
   * occopus-import`), run with the definition file's path as its last argument. Occopus's REST service builds
   * infrastructures only from definitions imported this way, as MiCADO's adaptor does before each build.
   */
  readonly importCommand?: readonly string[];
  /** Where the filled node definitions are written for the import, then deleted (default: the system's temporary folder). */
  readonly workDir?: string;
  readonly timeoutMs?: number;
}

/** Per node, what `GET /infrastructures/<id>` reports. */
interface NodeStatus {
  scaling?: { min?: number; max?: number; target?: number };
  instances?: Record<string, { resource_address?: unknown; state?: unknown }>;
}

/**
 * NodeSetDriver over Occopus's REST service: `GET /infrastructures/<id>` for the state,
 * `POST …/scaleto/<node>/<n>` to resize, `POST …/scaledown/<node>/<instance id>` to drop one instance.
 * Provisioning imports the node definitions (the worker join filled into their context templates) and builds
 * the infrastructure from the plan's descriptor (`POST /infrastructures/`); removal deletes it.
 */
export class OccopusDriver implements NodeSetDriver, NodeSetLifecycle {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: OccopusOptions) {
    this.base = `${options.url.replace(/\/+$/, '')}/infrastructures/${encodeURIComponent(options.infraId)}`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  private async call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: string, base = this.base): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { method, signal: AbortSignal.timeout(this.timeoutMs), ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/x-yaml' } }) });
    } catch (error) {
      throw new NodeSetError(`Occopus ${method} ${path || '/'} failed: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw new NodeSetError(`Occopus ${method} ${path || '/'} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
    try {
      return text === '' ? undefined : JSON.parse(text);
    } catch {
      return text;
    }
  }

  private async node(set: string): Promise<NodeStatus> {
    const infrastructure = (await this.call('GET', '')) as Record<string, NodeStatus> | undefined;
    const node = infrastructure?.[set];
    if (node === undefined) throw new NodeSetError(`Occopus infrastructure ${this.options.infraId} has no node ${set}`);
    return node;
  }

  private async exists(): Promise<boolean> {
    try {
      await this.call('GET', '');
      return true;
    } catch (error) {
      if (error instanceof NodeSetError && / answered HTTP 404/.test(error.message)) return false;
      throw error;
    }
  }

  /** Imports the set's node definition and builds the infrastructure unless it exists, then scales the set. */
  async provision(source: NodeSetSource, count: number): Promise<void> {
    const files = source.set.occopus;
    if (files === undefined) throw new NodeSetError(`node set ${source.set.name} has no Occopus node definition in the plan`);
    if (!(await this.exists())) {
      await this.importDefinitions(source);
      const descriptor = parse(await readFile(join(source.planDir, files.infrastructure), 'utf8')) as Record<string, unknown>;
      await this.call('POST', '/', stringify({ ...descriptor, infra_name: this.options.infraId }), `${this.options.url.replace(/\/+$/, '')}/infrastructures`);
    } else if ((await this.call('GET', '') as Record<string, unknown> | undefined)?.[source.set.name] === undefined) {
      throw new NodeSetError(`Occopus infrastructure ${this.options.infraId} exists without node ${source.set.name}; remove it (adtc undeploy) and deploy again`);
    }
    await this.scale(source.set.name, count);
  }

  /**
   * The node definitions of every node set of the infrastructure, the join filled into each context template,
   * written for the import command and deleted after it.
   */
  private async importDefinitions(source: NodeSetSource): Promise<void> {
    const command = this.options.importCommand;
    if (command === undefined || command.length === 0) {
      throw new NodeSetError(`Occopus infrastructure ${this.options.infraId} does not exist; to build it, Occopus needs the node definitions imported: pass --occopus-import with the command that runs occopus-import`);
    }
    const definitions: Record<string, { contextualisation?: { context_template?: string } }[]> = {};
    for (const set of source.plan.nodeSets) {
      if (set.occopus === undefined || set.occopus.infraName !== source.set.occopus?.infraName) continue;
      const file = set.occopus.nodeDefinition;
      const read = parse(await readFile(join(source.planDir, file), 'utf8')) as typeof definitions;
      for (const [name, variants] of Object.entries(read)) {
        for (const variant of variants) {
          const context = variant.contextualisation;
          if (typeof context?.context_template === 'string') context.context_template = fillWorkerJoin(context.context_template, source.join, `${file} (context_template)`);
        }
        definitions[name] = variants;
      }
    }
    const dir = await mkdtemp(join(this.options.workDir ?? tmpdir(), 'adtc-occopus-'));
    const path = join(dir, `${source.set.name}.yaml`);
    try {
      await writeFile(path, stringify(definitions, { lineWidth: 0 }), { mode: 0o600 });
      await new Promise<void>((resolveImport, reject) => {
        execFile(command[0]!, [...command.slice(1), path], { timeout: this.timeoutMs }, (error, _stdout, stderr) => {
          if (error === null) return resolveImport();
          reject(new NodeSetError(`${command.join(' ')} failed (${error.code ?? error.signal ?? error.message}): ${withoutToken(stderr.trim().split('\n').slice(-10).join('\n'), source.join)}`));
        });
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Deletes the infrastructure (every node set in it); gone already is fine. */
  async remove(): Promise<void> {
    if (await this.exists()) await this.call('DELETE', '');
  }

  async count(set: string): Promise<number> {
    return (await this.node(set)).scaling?.target ?? 0;
  }

  async listNodes(set: string): Promise<NodeSetNode[]> {
    const instances = (await this.node(set)).instances ?? {};
    return Object.entries(instances).map(([id, instance]) => ({ id, addr: String(instance.resource_address ?? '') }));
  }

  async scale(set: string, count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 0) throw new NodeSetError(`cannot scale ${set} to ${count}`);
    await this.call('POST', `/scaleto/${encodeURIComponent(set)}/${count}`);
  }

  async drop(set: string, nodes: readonly string[]): Promise<void> {
    // A rule may name an address instead of an instance id; Occopus only knows ids.
    const instances = await this.listNodes(set);
    for (const node of nodes) {
      const instance = instances.find((i) => i.id === node || i.addr === node);
      if (instance === undefined) throw new NodeSetError(`node set ${set} has no instance ${node}`);
      await this.call('POST', `/scaledown/${encodeURIComponent(set)}/${encodeURIComponent(instance.id)}`);
    }
  }
}
