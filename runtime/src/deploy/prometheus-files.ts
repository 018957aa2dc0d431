/**
 * What deploy hands Prometheus for one app: its alerting rules as `rules/<app>.rules` and its scrape targets
 * as `targets/<app>.targets.json`, a file_sd file. Both are read through globs of a configuration set up once
 * (README, "Prometheus for adtc"), which every Prometheus 2.x accepts, Debian's 2.42 included: no
 * `scrape_config_files` (2.43+), no job name shared between apps. Each app's targets are labelled with the
 * app and a job of its own (`<app>` for host:port sources, `<app>-services` for the app's Services, addressed
 * in the namespace the Service is deployed to).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../kubernetes/cluster.js';
import { writeDurably } from '../loop/state.js';
import type { Plan } from '../plan/plan-types.js';
import type { TargetGroup } from '../prometheus/config-files.js';
import { writeTargetGroups } from '../prometheus/config-files.js';

/** The app's target groups; a Service source is addressed by its cluster DNS name in its deployed namespace. */
export function targetGroups(plan: Plan, manifests: readonly Manifest[], namespace: string): TargetGroup[] {
  const id = plan.app.id;
  const services = plan.prometheus.kubeServices.map((source) => {
    const colon = source.lastIndexOf(':');
    const name = source.slice(0, colon);
    const service = manifests.find((m) => m.kind === 'Service' && m.metadata.name === name);
    return `${name}.${service?.metadata.namespace ?? namespace}.svc:${source.slice(colon + 1)}`;
  });
  return [
    { targets: plan.prometheus.staticTargets, labels: { app: id, job: id } },
    { targets: services, labels: { app: id, job: `${id}-services` } },
  ].filter((group) => group.targets.length > 0);
}

/** Writes the app's rule and target files under `configDir`; returns their paths. */
export async function writePrometheusFiles(planDir: string, plan: Plan, manifests: readonly Manifest[], namespace: string, configDir: string): Promise<string[]> {
  const files: string[] = [];
  const id = plan.app.id;
  if (plan.prometheus.ruleFile !== undefined) {
    const file = join(configDir, 'rules', `${id}.rules`);
    await writeDurably(file, await readFile(join(planDir, plan.prometheus.ruleFile), 'utf8'));
    files.push(file);
  }
  files.push(await writeTargetGroups(join(configDir, 'targets'), id, targetGroups(plan, manifests, namespace)));
  return files;
}
