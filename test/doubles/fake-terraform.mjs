#!/usr/bin/env node
// TEST DOUBLE of the terraform/tofu CLI. It records every invocation (argv, working directory, the -var
// values and the contents of any -var-file) as one JSON line in $FAKE_TERRAFORM_LOG (default
// ./fake-terraform.log), and makes `apply` write a plausible terraform.tfstate whose outputs `output -json`
// prints: for variable `<set>_count` (a number) instances `<set>-1…n`, for variable `<set>` (a list of
// keys) one instance per key, each as {id, private_ip, public_ip}. Like the real CLI it holds a state lock
// during apply and fails when another apply holds it. $FAKE_TERRAFORM_DELAY_MS slows apply down;
// $FAKE_TERRAFORM_FAIL=<command> makes that command fail.
// It checks its working folder as the real CLI does before planning: a configuration must be there
// (*.tf.json), `init` must have run (.terraform), every file("${path.module}/…") the configuration reads must
// exist, every var.<name> it uses must be declared, every declared variable without a default must be given,
// and every -var must be declared (TF_VAR_<name> in the environment gives a variable, as for the real CLI).
// `destroy` empties the state.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const command = args[0] ?? '';
const log = process.env.FAKE_TERRAFORM_LOG ?? 'fake-terraform.log';
const entry = { argv: args, cwd: process.cwd(), vars: {}, tfvars: undefined, started: Date.now() };

for (let i = 1; i < args.length; i++) {
  const arg = args[i];
  if (arg === '-var') {
    const [name, ...value] = args[++i].split('=');
    entry.vars[name] = JSON.parse(value.join('='));
  } else if (arg.startsWith('-var-file=')) {
    entry.tfvars = JSON.parse(readFileSync(arg.slice('-var-file='.length), 'utf8'));
  }
}

function finish(code, stderr) {
  entry.ended = Date.now();
  entry.exitCode = code;
  appendFileSync(log, `${JSON.stringify(entry)}\n`);
  if (stderr) process.stderr.write(`${stderr}\n`);
  process.exit(code);
}

if (process.env.FAKE_TERRAFORM_FAIL === command) finish(1, `Error: ${command} failed as the test asked`);

/** The checks `terraform plan` makes of the working folder before it talks to any provider. */
function checkWorkingFolder() {
  const configs = readdirSync('.').filter((f) => f.endsWith('.tf.json') || f.endsWith('.tf'));
  if (configs.length === 0) finish(1, 'Error: No configuration files');
  if (!existsSync('.terraform')) finish(1, 'Error: Inconsistent dependency lock file\n\nTo make the initial dependency selections, run:\n  terraform init');
  const declared = {};
  for (const file of configs) {
    const text = readFileSync(file, 'utf8');
    const config = JSON.parse(text);
    Object.assign(declared, config.variable ?? {});
    for (const m of text.matchAll(/file\(\\"\$\{path\.module\}\/([^"\\]+)\\"\)/g)) {
      if (!existsSync(m[1])) finish(1, `Error: Invalid function argument\n\n  on ${file}: Invalid value for "path" parameter: no file exists at "${m[1]}".`);
    }
    for (const m of text.matchAll(/var\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
      if (!(m[1] in (config.variable ?? {})) && !configs.some((f) => f !== file && m[1] in (JSON.parse(readFileSync(f, 'utf8')).variable ?? {}))) {
        finish(1, `Error: Reference to undeclared input variable\n\n  on ${file}: An input variable with the name "${m[1]}" has not been declared.`);
      }
    }
  }
  const fromEnvironment = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('TF_VAR_')).map(([k, v]) => [k.slice('TF_VAR_'.length), v]));
  const given = { ...fromEnvironment, ...entry.tfvars, ...entry.vars };
  for (const name of Object.keys(entry.vars)) if (!(name in declared)) finish(1, `Error: Value for undeclared variable\n\nA variable named "${name}" was assigned on the command line, but the root module does not declare a variable of that name.`);
  for (const [name, def] of Object.entries(declared)) if (!('default' in def) && !(name in given)) finish(1, `Error: No value for required variable\n\nThe root module input variable "${name}" is not set, and has no default value.`);
}

switch (command) {
  case 'init':
    mkdirSync('.terraform', { recursive: true });
    process.stdout.write('Terraform has been successfully initialized!\n');
    finish(0);
    break;
  case 'destroy':
    checkWorkingFolder();
    if (existsSync('.terraform.tfstate.lock.info')) finish(1, 'Error: Error acquiring the state lock');
    writeFileSync('terraform.tfstate', JSON.stringify({ version: 4, terraform_version: '1.5.7', outputs: {} }, null, 2));
    process.stdout.write('Destroy complete!\n');
    finish(0);
    break;
  case 'apply': {
    checkWorkingFolder();
    if (existsSync('.terraform.tfstate.lock.info')) finish(1, 'Error: Error acquiring the state lock');
    writeFileSync('.terraform.tfstate.lock.info', String(process.pid));
    const delay = Number(process.env.FAKE_TERRAFORM_DELAY_MS ?? 0);
    setTimeout(() => {
      const variables = { ...entry.tfvars, ...entry.vars };
      const outputs = {};
      let subnet = 0;
      for (const [name, value] of Object.entries(variables)) {
        subnet++;
        const counted = /^(.*)_count$/.exec(name);
        const keys = counted ? Array.from({ length: Number(value) }, (_, i) => `${counted[1]}-${i + 1}`) : Array.isArray(value) ? value : undefined;
        if (keys === undefined) continue;
        const instances = keys.map((id, i) => ({ id, private_ip: `10.${subnet}.0.${i + 1}`, public_ip: `192.0.2.${subnet * 10 + i + 1}` }));
        outputs[counted ? counted[1] : name] = { sensitive: false, type: ['list', 'object'], value: instances };
      }
      writeFileSync('terraform.tfstate', JSON.stringify({ version: 4, terraform_version: '1.5.7', outputs }, null, 2));
      rmSync('.terraform.tfstate.lock.info');
      process.stdout.write('Apply complete!\n');
      finish(0);
    }, delay);
    break;
  }
  case 'output': {
    const state = existsSync('terraform.tfstate') ? JSON.parse(readFileSync('terraform.tfstate', 'utf8')) : { outputs: {} };
    process.stdout.write(`${JSON.stringify(state.outputs)}\n`);
    finish(0);
    break;
  }
  default:
    finish(1, `fake terraform: unsupported command ${command}`);
}
