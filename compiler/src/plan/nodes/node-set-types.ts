/** The shapes the VM node-set translation shares (micado-reference 5). */
import type { JsonObject } from '../json.js';

export type Cloud = 'ec2' | 'nova' | 'cloudsigma' | 'cloudbroker' | 'azure' | 'gce' | 'oci';
export type Backend = 'occopus' | 'terraform';
export type CloudInitMode = 'append' | 'insert' | 'overwrite';

export interface NodeSetDraft {
  readonly name: string;
  readonly node: string;
  readonly type: string;
  readonly cloud: Cloud;
  readonly backend: Backend;
  readonly properties: JsonObject;
  readonly count: { min: number; max: number; initial: number };
  readonly mode: CloudInitMode;
  readonly cloudInit: string;
}
