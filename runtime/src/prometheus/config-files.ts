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
  return writeAtomically(directory, `${stack}.targets.json`, `${JSON.stringify([{ targets, labels }], null, 2)}\n`);
}

export interface ScrapeJob {
  readonly job_name: string;
  readonly [key: string]: unknown;
}

/**
 * A scrape-config fragment (`scrape_configs:` only) for a server that includes it through
 * `scrape_config_files` (Prometheus 2.43 and later; needs a reload).
 */
export function writeScrapeConfigFragment(directory: string, stack: string, jobs: readonly ScrapeJob[]): Promise<string> {
  return writeAtomically(directory, `${stack}.scrape.yml`, stringify({ scrape_configs: jobs }));
}
