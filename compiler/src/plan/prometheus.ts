/**
 * Prometheus configuration for the scaling policies (micado-reference 6.3,
 * 6.5): `sources` as scrape jobs named after the app, so that apps side by side
 * never repeat a job name (a dotted host to the static targets of job `<app>`,
 * a dotless one, a Kubernetes Service, to job `<app>-services` by the Service's
 * cluster DNS name; entries without a port are left out, as MiCADO does and
 * validation warns). MiCADO finds Services with kubernetes_sd_configs, which
 * Debian's Prometheus (the one the runtime and CI use) is built without, so adtc
 * scrapes through the Service instead. And `alerts` as the rule file
 * `<app>.rules`, group `micado`, with `{{CONST}}` filled from the constants.
 */
import { stringify } from 'yaml';
import type { JsonObject } from './json.js';

/** The sources Prometheus scrapes, split by how it reaches them. */
export interface PrometheusTargets {
  readonly staticTargets: string[];
  readonly kubeServices: string[];
}

export interface PrometheusFiles extends PrometheusTargets {
  readonly scrape: string;
  readonly rules: string | undefined;
}

export function prometheusTargets(sources: readonly string[]): PrometheusTargets {
  const staticTargets: string[] = [];
  const kubeServices: string[] = [];
  for (const s of sources) {
    const colon = s.lastIndexOf(':');
    if (colon <= 0 || !/^\d+$/.test(s.slice(colon + 1))) continue;
    const host = s.slice(0, colon);
    const list = host.includes('.') ? staticTargets : kubeServices;
    if (!list.includes(s)) list.push(s);
  }
  return { staticTargets, kubeServices };
}

export function prometheusFiles(appId: string, { staticTargets, kubeServices }: PrometheusTargets, alerts: readonly JsonObject[], namespaceOf: (service: string) => string): PrometheusFiles {
  const jobs: JsonObject[] = [];
  if (staticTargets.length > 0) {
    jobs.push({ job_name: appId, static_configs: [{ targets: staticTargets, labels: { app: appId } }] });
  }
  if (kubeServices.length > 0) {
    const targets = kubeServices.map((s) => {
      const colon = s.lastIndexOf(':');
      const name = s.slice(0, colon);
      return `${name}.${namespaceOf(name)}.svc:${s.slice(colon + 1)}`;
    });
    jobs.push({ job_name: `${appId}-services`, static_configs: [{ targets, labels: { app: appId } }] });
  }
  const scrape = stringify({ scrape_configs: jobs }, { lineWidth: 0 });
  const rules = alerts.length > 0 ? stringify({ groups: [{ name: 'micado', rules: alerts }] }, { lineWidth: 0 }) : undefined;
  return { scrape, rules, staticTargets, kubeServices };
}
