/**
 * Benchmark of validation against the size of an ADT (not a test): an ADT
 * with N container nodes, each with its own scaling policy (a query, a
 * constant and a rule), validated in a fresh process per size, for N = 100,
 * 1,000 and 10,000. Prints the time and the peak memory of each; README.md
 * quotes the figures. Validation must grow linearly: the time per policy
 * stays flat, and 1,200 policies take at most 1 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileSystemHost } from '../../compiler/src/host.js';
import { validate } from '../../compiler/src/pipeline.js';

/** An ADT with `n` containers and one scaling policy each. */
export function adtWithPolicies(n: number): string {
  const nodes: string[] = [];
  const policies: string[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push(`    app-${i}:\n      type: tosca.nodes.MiCADO.Container.Application.Docker.Deployment\n      properties:\n        image: nginx\n`);
    policies.push(
      `    - scale-${i}:\n        type: tosca.policies.Scaling.MiCADO\n        targets: [ app-${i} ]\n        properties:\n          min_instances: 1\n          max_instances: 5\n` +
        `          constants:\n            HIGH_${i}: 80\n          queries:\n            CPU_${i}: 'avg(rate(container_cpu_usage_seconds_total{container="app-${i}"}[60s]))'\n` +
        `          scaling_rule: |\n            if CPU_${i} is not None and CPU_${i} > HIGH_${i}:\n              m_container_count = m_container_count + 1\n            elif CPU_${i} is not None and CPU_${i} < HIGH_${i} / 4:\n              m_container_count = m_container_count - 1\n`,
    );
  }
  return `tosca_definitions_version: tosca_simple_yaml_1_2\nimports:\n  - https://raw.githubusercontent.com/micado-scale/tosca/v0.12.0/micado_types.yaml\ntopology_template:\n  node_templates:\n${nodes.join('')}  policies:\n${policies.join('')}`;
}

const size = Number(process.argv[2]);
if (size > 0) {
  // One size, in this fresh process: warm up (JIT, profile cache) on a small ADT, then measure.
  const dir = mkdtempSync(join(tmpdir(), 'adtc-scale-'));
  try {
    writeFileSync(join(dir, 'small.yaml'), adtWithPolicies(100));
    for (let i = 0; i < 3; i++) validate(join(dir, 'small.yaml'), fileSystemHost);
    const file = join(dir, 'adt.yaml');
    const text = adtWithPolicies(size);
    writeFileSync(file, text);
    const t = performance.now();
    const r = validate(file, fileSystemHost);
    const ms = performance.now() - t;
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    console.log(JSON.stringify({ size, bytes: text.length, ms, rssMB: process.resourceUsage().maxRSS / 1024, errors }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const sizes = process.argv[2] === undefined ? [100, 1000, 1200, 10000] : [];
  console.log('adtc validate, by number of policies (one process per size; peak RSS includes the runtime)');
  for (const n of sizes) {
    const out = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), String(n)], { encoding: 'utf8' })) as { bytes: number; ms: number; rssMB: number; errors: number };
    console.log(`  ${String(n).padStart(6)} policies (${(out.bytes / 1e6).toFixed(2)} MB): ${out.ms.toFixed(0).padStart(6)} ms, ${(out.ms / n).toFixed(3)} ms per policy, peak RSS ${out.rssMB.toFixed(0)} MB${out.errors ? `, ${out.errors} errors (the generator is wrong)` : ''}`);
  }
}
