/**
 * Prometheus configuration for the scaling policies (micado-reference 6.3,
 * 6.5): `sources` as scrape jobs (a dotted host to the static targets of job
 * `micado`, a dotless one, a Kubernetes Service, to job `kube-services` through
 * service discovery; entries without a port are left out, as MiCADO does and
 * validation warns) and `alerts` as the rule file `<app>.rules`, group
 * `micado`, with `{{CONST}}` filled from the constants.
 */
import { stringify } from 'yaml';
import type { JsonObject } from './json.js';

export interface PrometheusFiles {
  readonly scrape: string;
  readonly rules: string | undefined;
  readonly staticTargets: string[];
  readonly kubeServices: string[];
}

export function prometheusFiles(appId: string, sources: readonly string[], alerts: readonly JsonObject[]): PrometheusFiles {
  const staticTargets: string[] = [];
  const kubeServices: string[] = [];
  for (const s of sources) {
    const colon = s.lastIndexOf(':');
    if (colon <= 0 || !/^\d+$/.test(s.slice(colon + 1))) continue;
    const host = s.slice(0, colon);
    const list = host.includes('.') ? staticTargets : kubeServices;
    if (!list.includes(s)) list.push(s);
  }
  const jobs: JsonObject[] = [];
  if (staticTargets.length > 0) {
    jobs.push({ job_name: 'micado', static_configs: [{ targets: staticTargets, labels: { app: appId } }] });
  }
  if (kubeServices.length > 0) {
    jobs.push({
      job_name: 'kube-services',
      kubernetes_sd_configs: [{ role: 'endpoints' }],
      relabel_configs: [
        {
          source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_number'],
          separator: ':',
          regex: kubeServices.map(escapeRegex).join('|'),
          action: 'keep',
        },
        { source_labels: ['__meta_kubernetes_service_name'], target_label: 'service' },
        { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
        { target_label: 'app', replacement: appId },
      ],
    });
  }
  const scrape = stringify({ scrape_configs: jobs }, { lineWidth: 0 });
  const rules = alerts.length > 0 ? stringify({ groups: [{ name: 'micado', rules: alerts }] }, { lineWidth: 0 }) : undefined;
  return { scrape, rules, staticTargets, kubeServices };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
