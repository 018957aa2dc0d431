import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

/**
 * Files the runtime writes into a directory that the Prometheus server reads. Each write goes to a temporary
 * name first and is renamed into place, so Prometheus never reads a half-written file.
 */
async function writeAtomically(directory: string, name: string, text: string): Promise<string> {
  await mkdir(directory, { recursive: true });
  const path = join(directory, name);
  const temporary = join(directory, `.${name}.${process.pid}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, path);
  return path;
}

/** An alerting rule as written in a policy's `data.alerts` (spec 6.3: written as given). */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

/** `<stack>.rules` with the alerts in group `micado`, as the Policy Keeper writes them. */
export function writeAlertRules(directory: string, stack: string, alerts: readonly AlertRule[]): Promise<string> {
  return writeAtomically(directory, `${stack}.rules`, stringify({ groups: [{ name: 'micado', rules: alerts }] }));
}

/**
 * Targets for a `file_sd_configs` scrape job (the dotted `host:port` entries of `data.sources`). Prometheus
 * watches these files itself: no reload needed.
 */
export function writeScrapeTargets(
  directory: string,
  stack: string,
  targets: readonly string[],
  labels: Readonly<Record<string, string>> = {},
): Promise<string> {
  return writeTargetGroups(directory, stack, [{ targets, labels }]);
}

export interface TargetGroup {
  readonly targets: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** Several target groups in one file_sd file; a group's `job` label names its job (file_sd labels win over the job's name). */
export function writeTargetGroups(directory: string, stack: string, groups: readonly TargetGroup[]): Promise<string> {
  return writeAtomically(directory, `${stack}.targets.json`, `${JSON.stringify(groups, null, 2)}\n`);
}
