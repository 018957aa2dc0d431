#!/usr/bin/env node
// TEST DOUBLE of the terraform/tofu CLI. It records every invocation (argv, working directory, the -var
// values and the contents of any -var-file) as one JSON line in $FAKE_TERRAFORM_LOG (default
// ./fake-terraform.log), and makes `apply` write a plausible terraform.tfstate whose outputs `output -json`
// prints: for variable `<set>_count` (a number) instances `<set>-1…n`, for variable `<set>` (a list of
// keys) one instance per key, each as {id, private_ip, public_ip}. Like the real CLI it holds a state lock
// during apply and fails when another apply holds it. $FAKE_TERRAFORM_DELAY_MS slows apply down;
// $FAKE_TERRAFORM_FAIL=<command> makes that command fail.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

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

switch (command) {
  case 'init':
    mkdirSync('.terraform', { recursive: true });
    process.stdout.write('Terraform has been successfully initialized!\n');
    finish(0);
    break;
  case 'apply': {
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
