/**
 * The Node releases the installed package and the .vsix's server are tested on: the one running the
 * tests (the machine's Node 20) and Node 22, which .ci/install-node22.sh puts into a fixed folder.
 * A missing Node 22 fails the tests that need it, with the command that installs it: CI runs the
 * installer, so a silent skip would hide that half of the promise "works on Node 20 and 22" went
 * untested.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export interface NodeRuntime {
  /** "Node 20", "Node 22": what the test titles say. */
  readonly name: string;
  /** The node executable, for commands run as `node file.js`; throws if this Node is not installed. */
  executable(): string;
  /** The environment in which `node` (and so every `#!/usr/bin/env node` script, npm and npx) is this Node. */
  env(): NodeJS.ProcessEnv;
}

const node22Dir = process.env['ADTC_NODE22_DIR'] ?? '/opt/adtc-ci/node22';

function findNode22(): string {
  const node = join(node22Dir, 'bin', 'node');
  const version = existsSync(node) ? spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() : undefined;
  if (!version?.startsWith('v22.')) {
    const found = version ? `it answers ${JSON.stringify(version)}` : 'it is not installed';
    throw new Error(`Node 22 is needed at ${node}, but ${found}: run \`bash .ci/install-node22.sh\` (.ci/run does; ADTC_NODE22_DIR names another folder)`);
  }
  return node;
}

function runtime(name: string, find: () => string): NodeRuntime {
  let found: string | undefined;
  const executable = () => (found ??= find());
  return {
    name,
    executable,
    env: () => ({ ...process.env, PATH: dirname(executable()) + delimiter + (process.env['PATH'] ?? '') }),
  };
}

export const nodeRuntimes: readonly NodeRuntime[] = [runtime(`Node ${process.versions.node.split('.')[0]}`, () => process.execPath), runtime('Node 22', findNode22)];

/** The warnings Node itself printed (deprecations, experimental features): users see them on every run, so the tests expect none. */
export function nodeWarnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^\(node:\d+\) /.test(line));
}
