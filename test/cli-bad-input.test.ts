/**
 * Every command's bad-input paths end with a short message and the documented
 * exit code, never a stack trace: no arguments, an unknown option, a missing
 * file, a binary file, and a reader that closes stdout early.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runAdtc, type Run } from './harness/adtc-process.js';
import { repoRoot } from './harness/paths.js';

const test = suite('cli: bad input');
const ADTC = join(repoRoot, 'bin/adtc.js');
const VALID = 'test/fixtures/adt/model/tosca-1-2-header.valid.yaml';
const WARNINGS = 'test/fixtures/adt/check/string-given-a-list.invalid.yaml';


let scratch = '';
let home = '';
function adtc(args: readonly string[]): Run {
  // An empty HOME and state folder: no kubeconfig, no earlier deployments.
  return runAdtc(args, { env: { HOME: home, ADTC_STATE_DIR: join(home, 'state') }, timeoutMs: 120_000 });
}

/** What a user must see: the documented exit code and a message, never a Node stack trace. */
function expectClean(r: Run, status: number, what: string, message?: RegExp): void {
  assert.is(r.status, status, `${what}: exit code (stderr: ${r.stderr})`);
  assert.not.match(r.stderr, /\n\s+at .+:\d+:\d+\)?\n/, `${what}: no stack trace`);
  assert.not.match(r.stderr, /Node\.js v\d+/, `${what}: no crash banner`);
  if (status !== 0) assert.ok((r.stderr + r.stdout).trim().length > 0, `${what}: says what is wrong`);
  if (message) assert.match(r.stderr, message, what);
}

const COMMANDS: readonly (readonly string[])[] = [['validate'], ['compile'], ['rule', 'eval'], ['deploy'], ['update'], ['undeploy'], ['run'], ['simulate']];

test.before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'adtc-bad-input-'));
  home = join(scratch, 'home');
});
test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('no arguments and an unknown option: usage, exit 2', () => {
  for (const command of COMMANDS) {
    expectClean(adtc(command), 2, `${command.join(' ')} without arguments`);
    expectClean(adtc([...command, '--bogus', VALID]), 2, `${command.join(' ')} --bogus`, /bogus/);
  }
  expectClean(adtc(['lsp']), 2, 'lsp without a transport', /--stdio/);
  expectClean(adtc(['frobnicate']), 2, 'an unknown command', /unknown command 'frobnicate'/);
});

test('a missing file: one line naming it, and the documented exit code', () => {
  expectClean(adtc(['validate', 'no/such.yaml']), 2, 'validate', /'no\/such\.yaml' matches no file or directory/);
  expectClean(adtc(['compile', 'no/such.yaml']), 2, 'compile');
  expectClean(adtc(['rule', 'eval', 'no/such.yaml', '--policy', 'web']), 1, 'rule eval');
  for (const command of ['deploy', 'update']) expectClean(adtc([command, 'no/such.yaml']), 1, command, /no\/such\.yaml/);
  // simulate checks every option and target before it compiles anything: a missing target is a usage error.
  expectClean(adtc(['simulate', 'no/such.yaml', '--load', 'ramp']), 2, 'simulate', /no\/such\.yaml/);
});

test('validate checks the other paths when one is missing, and still exits 2', () => {
  const r = adtc(['validate', 'no/such.yaml', WARNINGS]);
  expectClean(r, 2, 'validate with a missing path');
  assert.match(r.stdout, 'Found 0 errors and 1 warning in 1 file.');
});

test('a binary file is one error, without its bytes in a code frame', () => {
  const binary = join(scratch, 'image.yaml');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00, ...Array.from({ length: 4000 }, (_, i) => i % 256)]));
  const r = adtc(['validate', binary]);
  expectClean(r, 1, 'validate of a binary file');
  assert.match(r.stdout, /error ADT1020: This file is not text \(it holds NUL bytes\)/);
  assert.ok(r.stdout.length < 600, `the report stays short (${r.stdout.length} characters)`);
  assert.match(r.stdout, 'Found 1 error and 0 warnings in 1 file.');
});

test('deploy without a kubeconfig: one line that says how to give one', () => {
  expectClean(adtc(['deploy', 'examples/web-app-on-ec2.yaml']), 1, 'deploy', /no kubeconfig at .*--kubeconfig <file>/);
});

test('--quiet hides warnings but --max-warnings still counts them, and the summary says so', () => {
  const r = adtc(['validate', '--quiet', '--max-warnings', '0', WARNINGS]);
  assert.is(r.status, 1);
  assert.match(r.stdout, 'Found 0 errors in 1 file (1 warning not shown: --quiet).');
  assert.match(r.stderr, '1 warning exceeds --max-warnings 0');
  assert.not.match(r.stdout, 'No problems found');
});

test('a reader that closes stdout early ends the command quietly', async () => {
  for (const args of [['validate', '--format', 'json', 'test/fixtures/adt'], ['compile', '--dry-run', 'examples/web-app-on-ec2.yaml'], ['compile', '--stdout', 'examples/web-app-on-ec2.yaml']]) {
    const child = spawn(process.execPath, [ADTC, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read one chunk, then close the pipe, as `| head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    assert.ok(status === 0 || status === 1, `${args.join(' ')}: exit ${status}, stderr ${stderr}`);
    assert.not.match(stderr, /EPIPE|\n\s+at /, args.join(' '));
  }
});

test.run();
