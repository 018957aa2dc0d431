import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { NodeSetDriver, NodeSetLifecycle, NodeSetNode, NodeSetSource } from './driver.js';
import { NodeSetError } from './driver.js';
import { serialised } from './serial.js';
import { fillWorkerJoin, withoutToken } from './worker-join.js';

/**
 * How a node set's size reaches the Terraform configuration:
 * - `count`: variable `<set>_count`, a number (resources use `count`); only the last instances can go,
 *   so dropping chosen nodes is refused.
 * - `keys`: variable `<set>`, a list of instance keys (resources use `for_each`, as MiCADO's
 *   terraform.tfvars.json does); growing appends `last + 1`, dropping removes the chosen node's key.
 */
export type VariableStyle = 'count' | 'keys';

export interface TerraformOptions {
  /**
   * The node set's own working directory: its configuration, the files it reads, its variables and its state.
   * One per app and node set, so no two applies ever share a state.
   */
  readonly workingDir: string;
  /** `terraform`, `tofu` or a path to either. */
  readonly binary?: string;
  readonly style?: VariableStyle;
  /** Pass variables with `-var-file=<file>` (default) or as one `-var name=value` each. */
  readonly passVariables?: 'var-file' | 'var';
  /** Name of the variables file in the working directory. */
  readonly variablesFile?: string;
  /** Limit for one CLI run; cloud applies are slow. */
  readonly timeoutMs?: number;
}

type Variables = Record<string, number | string[]>;

interface OutputInstance {
  id?: unknown;
  private_ip?: unknown;
  public_ip?: unknown;
}

/**
 * NodeSetDriver over the Terraform/OpenTofu CLI. Listing reads `terraform output -json`: output `<set>` must
 * be a list of `{id, private_ip, public_ip}` (the compiler's Terraform JSON declares it). Provisioning copies
 * the plan's configuration and every file it reads into the working directory (the cloud-init with the worker
 * join filled in, readable by the owner only), runs `init` once per directory and applies; removal destroys.
 */
export class TerraformDriver implements NodeSetDriver, NodeSetLifecycle {
  private readonly dir: string;
  private readonly binary: string;
  private readonly style: VariableStyle;
  private readonly passVariables: 'var-file' | 'var';
  private readonly variablesPath: string;
  private readonly timeoutMs: number;
  /** Variables of the last successful apply, to skip applies that would change nothing. */
  private applied: string | undefined;
  /** The join token, kept out of every error message this driver raises. */
  private secret: NodeSetSource['join'];

  constructor(options: TerraformOptions) {
    this.dir = resolve(options.workingDir);
    this.binary = options.binary ?? 'terraform';
    this.style = options.style ?? 'count';
    this.passVariables = options.passVariables ?? 'var-file';
    this.variablesPath = join(this.dir, options.variablesFile ?? 'adtc.tfvars.json');
    this.timeoutMs = options.timeoutMs ?? 30 * 60_000;
  }

  private variableName(set: string): string {
    return this.style === 'count' ? `${set}_count` : set;
  }

  private run(args: readonly string[]): Promise<string> {
    return new Promise((resolveRun, reject) => {
      execFile(
        this.binary,
        args,
        {
          cwd: this.dir,
          timeout: this.timeoutMs,
          maxBuffer: 64 * 1024 * 1024,
          // Machine-readable, never waiting for a prompt.
          env: { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' },
        },
        (error, stdout, stderr) => {
          if (error === null) return resolveRun(stdout);
          const tail = withoutToken(stderr.trim().split('\n').slice(-15).join('\n'), this.secret);
          reject(new NodeSetError(`${this.binary} ${args[0]} in ${this.dir} failed (${error.code ?? error.signal ?? error.message})${tail ? `:\n${tail}` : ''}`));
        },
      );
    });
  }

  private async readVariables(): Promise<Variables> {
    try {
      return JSON.parse(await readFile(this.variablesPath, 'utf8')) as Variables;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new NodeSetError(`cannot read ${this.variablesPath}: ${(error as Error).message}`);
    }
  }

  private async writeVariables(variables: Variables): Promise<void> {
    await mkdir(dirname(this.variablesPath), { recursive: true });
    const temporary = `${this.variablesPath}.tmp`;
    await writeFile(temporary, `${JSON.stringify(variables, null, 2)}\n`);
    await rename(temporary, this.variablesPath);
  }

  /** Writes the variables and applies them, unless they are what the last successful apply used. */
  private async applyVariables(variables: Variables): Promise<void> {
    const text = JSON.stringify(variables);
    if (text === this.applied) return;
    await this.writeVariables(variables);
    await this.initOnce();
    await this.run(['apply', '-auto-approve', '-input=false', '-no-color', ...this.passed(variables)]);
    this.applied = text;
  }

  private passed(variables: Variables): string[] {
    return this.passVariables === 'var-file'
      ? [`-var-file=${this.variablesPath}`]
      : Object.entries(variables).flatMap(([name, value]) => ['-var', `${name}=${JSON.stringify(value)}`]);
  }

  /** `init` when the directory was never initialised (by this process or an earlier one). */
  private async initOnce(): Promise<void> {
    if (existsSync(join(this.dir, '.terraform'))) return;
    await this.run(['init', '-input=false', '-no-color']);
  }

  /**
   * Writes the working directory from the plan: the configuration, the cloud-init it reads with the join filled
   * in, and an empty instance list unless the directory already has variables (a redeploy keeps the loop's
   * keys). Then applies `count` instances.
   */
  provision(source: NodeSetSource, count: number): Promise<void> {
    const files = source.set.terraform;
    if (files === undefined) return Promise.reject(new NodeSetError(`node set ${source.set.name} has no Terraform configuration in the plan`));
    this.secret = source.join;
    return serialised(this.dir, async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await copyFile(join(source.planDir, files.config), join(this.dir, basename(files.config)));
      const cloudInit = source.set.contextualisation.file;
      const text = fillWorkerJoin(await readFile(join(source.planDir, cloudInit), 'utf8'), source.join, cloudInit);
      await writeFile(join(this.dir, basename(cloudInit)), text, { mode: 0o600 });
      if (!existsSync(this.variablesPath)) await this.writeVariables(this.style === 'keys' ? { [files.variable]: [] } : { [this.variableName(source.set.name)]: 0 });
      this.applied = undefined;
    }).then(() => this.scale(source.set.name, count));
  }

  /** `terraform destroy` with the current variables, then the working directory goes (state included). */
  remove(): Promise<void> {
    return serialised(this.dir, async () => {
      if (!existsSync(this.dir)) return;
      await this.initOnce();
      await this.run(['destroy', '-auto-approve', '-input=false', '-no-color', ...this.passed(await this.readVariables())]);
      await rm(this.dir, { recursive: true, force: true });
      this.applied = undefined;
    });
  }

  /** Applies the configuration with the current variables (initial deployment, or after an update). */
  apply(): Promise<void> {
    return serialised(this.dir, async () => {
      this.applied = undefined;
      await this.applyVariables(await this.readVariables());
    });
  }

  async count(set: string): Promise<number> {
    const value = (await this.readVariables())[this.variableName(set)];
    return Array.isArray(value) ? value.length : (value ?? 0);
  }

  scale(set: string, count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 0) return Promise.reject(new NodeSetError(`cannot scale ${set} to ${count}`));
    return serialised(this.dir, async () => {
      const variables = await this.readVariables();
      const name = this.variableName(set);
      if (this.style === 'count') {
        variables[name] = count;
      } else {
        const keys = [...((variables[name] as string[] | undefined) ?? [])];
        while (keys.length > count) keys.pop();
        while (keys.length < count) keys.push(String(Math.max(0, ...keys.map(Number).filter(Number.isFinite)) + 1));
        variables[name] = keys;
      }
      await this.applyVariables(variables);
    });
  }

  private async instances(set: string): Promise<OutputInstance[]> {
    const outputs = JSON.parse(await this.run(['output', '-json', '-no-color'])) as Record<string, { value?: unknown }>;
    const value = outputs[set]?.value;
    return Array.isArray(value) ? (value as OutputInstance[]) : [];
  }

  listNodes(set: string): Promise<NodeSetNode[]> {
    return serialised(this.dir, async () =>
      (await this.instances(set)).map((instance) => ({
        id: String(instance.id ?? ''),
        addr: String(instance.private_ip ?? instance.public_ip ?? ''),
      })),
    );
  }

  drop(set: string, nodes: readonly string[]): Promise<void> {
    if (this.style === 'count') {
      return Promise.reject(new NodeSetError(`node set ${set} is sized by a count variable: chosen nodes cannot be dropped (use style "keys")`));
    }
    return serialised(this.dir, async () => {
      const doomed = new Set<string>();
      for (const instance of await this.instances(set)) {
        const names = [instance.id, instance.private_ip, instance.public_ip].filter((n) => typeof n === 'string');
        if (names.some((n) => nodes.includes(n as string))) doomed.add(String(instance.id));
      }
      const variables = await this.readVariables();
      const keys = (variables[set] as string[] | undefined) ?? [];
      variables[set] = keys.filter((key) => !doomed.has(key));
      await this.applyVariables(variables);
    });
  }
}
