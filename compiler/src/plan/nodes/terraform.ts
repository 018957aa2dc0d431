/**
 * Terraform JSON for a Terraform-interfaced node set (micado-reference 5.3),
 * shaped for the runtime's Terraform driver in its "keys" style: variable
 * `<set>` lists instance keys, every resource iterates over it with for_each,
 * and output `<set>` lists `{id, private_ip, public_ip}` with id = the key, so
 * the driver can drop a chosen instance. Secret input values become sensitive
 * variables, never text in the file.
 */
import type { Json, JsonObject } from '../json.js';
import { isObject, SecretValue, str } from '../json.js';
import type { NodeSetDraft } from './node-set-types.js';

export const CLOUD_INIT_FILE = 'cloud-init.yaml';

interface Resource {
  readonly type: string;
  readonly body: JsonObject;
  readonly privateIp: string;
  readonly publicIp: string;
  readonly provider: { readonly name: string; readonly source: string; readonly version: string; readonly config: JsonObject };
  readonly extra?: Record<string, Record<string, JsonObject>>;
}

const each = '${each.key}';

/**
 * The node set's Terraform JSON and variables, and the properties it has no place for (`unused`), which the
 * compiler reports rather than drop in silence.
 */
export function terraformConfig(set: NodeSetDraft): { config: string; variables: string; unused: string[] } {
  const secrets = new Set<string>();
  const used = new Set<string>();
  const all = withSecretVariables(set.properties, secrets) as JsonObject;
  // Every property the translation reads counts as emitted.
  const p = new Proxy(all, { get: (target, key) => (typeof key === 'string' && used.add(key), target[key as string]) });
  const r = resourceFor(set, p);
  if (set.cloud === 'azure') for (const key of AZURE_DATA_PROPERTIES) used.add(key);
  const name = set.name;
  const variable: JsonObject = { [name]: { type: 'list(string)', description: `instance keys of node set ${name}`, default: [] } };
  for (const s of [...secrets].sort()) variable[s] = { type: 'string', sensitive: true };
  const resource: Record<string, Record<string, JsonObject>> = { ...(r.extra ?? {}) };
  resource[r.type] = { ...(resource[r.type] ?? {}), [name]: r.body };
  const config = {
    terraform: { required_providers: { [r.provider.name]: { source: r.provider.source, version: r.provider.version } } },
    provider: { [r.provider.name]: r.provider.config },
    variable,
    ...(set.cloud === 'azure' ? { data: azureData(set) } : {}),
    resource,
    output: {
      [name]: { value: `\${[for k, i in ${r.type}.${name} : { id = k, private_ip = ${r.privateIp}, public_ip = ${r.publicIp} }]}` },
    },
  };
  const keys = Array.from({ length: set.count.initial }, (_v, i) => String(i + 1));
  const unused = Object.keys(all).filter((key) => !used.has(key)).sort();
  return { config: `${JSON.stringify(config, null, 2)}\n`, variables: `${JSON.stringify({ [name]: keys }, null, 2)}\n`, unused };
}

function withSecretVariables(v: Json, secrets: Set<string>): Json {
  if (v instanceof SecretValue) {
    secrets.add(v.input);
    return `\${var.${v.input}}`;
  }
  if (Array.isArray(v)) return v.map((x) => withSecretVariables(x, secrets));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withSecretVariables(x, secrets)]));
  return v;
}

function pick(p: JsonObject, ...keys: string[]): Json | undefined {
  for (const k of keys) if (p[k] !== undefined && p[k] !== null) return p[k];
  return undefined;
}

function defined(o: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

const userData = `\${file("\${path.module}/${CLOUD_INIT_FILE}")}`;

function resourceFor(set: NodeSetDraft, p: JsonObject): Resource {
  const forEach = `\${toset(var.${set.name})}`;
  switch (set.cloud) {
    case 'ec2': {
      const endpoint = str(pick(p, 'endpoint', 'endpoint_cloud'));
      // Every other property is an aws_instance argument in MiCADO; adtc passes the ones the types declare.
      return {
        type: 'aws_instance',
        provider: { name: 'aws', source: 'hashicorp/aws', version: '~> 5.0', config: defined({ region: pick(p, 'region_name'), ...(endpoint ? { endpoints: [{ ec2: endpoint }] } : {}) }) },
        body: defined({
          for_each: forEach,
          ami: pick(p, 'image_id'),
          instance_type: pick(p, 'instance_type'),
          key_name: pick(p, 'key_name'),
          subnet_id: pick(p, 'subnet_id'),
          vpc_security_group_ids: pick(p, 'security_group_ids'),
          instance_initiated_shutdown_behavior: 'terminate',
          user_data: userData,
          tags: { ...(isObject(p['tags']) ? p['tags'] : {}), Name: `${set.name}${each}` },
        }),
        privateIp: 'i.private_ip',
        publicIp: 'i.public_ip',
      };
    }
    case 'nova': {
      const network = defined({ name: pick(p, 'network_name'), uuid: pick(p, 'network_id') });
      return {
        type: 'openstack_compute_instance_v2',
        provider: {
          name: 'openstack',
          source: 'terraform-provider-openstack/openstack',
          version: '~> 1.54',
          config: defined({ auth_url: pick(p, 'auth_url', 'endpoint', 'endpoint_cloud'), tenant_id: pick(p, 'project_id'), tenant_name: pick(p, 'tenant_name'), user_domain_name: pick(p, 'user_domain_name') }),
        },
        body: defined({
          for_each: forEach,
          name: `${set.name}${each}`,
          image_id: pick(p, 'image_id'),
          flavor_id: pick(p, 'flavor_id'),
          flavor_name: pick(p, 'flavor_name'),
          key_pair: pick(p, 'key_name'),
          security_groups: pick(p, 'security_groups'),
          availability_zone: pick(p, 'availability_zone'),
          config_drive: pick(p, 'config_drive'),
          user_data: userData,
          ...(Object.keys(network).length > 0 ? { network: [network] } : {}),
        }),
        privateIp: 'i.access_ip_v4',
        publicIp: 'i.access_ip_v4',
      };
    }
    case 'gce': {
      const keys = str(pick(p, 'ssh-keys'));
      return {
        type: 'google_compute_instance',
        provider: { name: 'google', source: 'hashicorp/google', version: '~> 5.0', config: defined({ project: pick(p, 'project'), region: pick(p, 'region') }) },
        body: defined({
          for_each: forEach,
          name: `${set.name}${each}`,
          machine_type: pick(p, 'machine_type'),
          zone: pick(p, 'zone'),
          tags: pick(p, 'tags'),
          boot_disk: [{ initialize_params: [defined({ image: pick(p, 'image') })] }],
          network_interface: [{ network: pick(p, 'network') ?? 'default', access_config: [{}] }],
          metadata: defined({ 'user-data': userData, 'ssh-keys': keys ? `ubuntu:${keys}` : undefined }),
        }),
        privateIp: 'i.network_interface[0].network_ip',
        publicIp: 'i.network_interface[0].access_config[0].nat_ip',
      };
    }
    case 'oci':
      return {
        type: 'oci_core_instance',
        provider: { name: 'oci', source: 'oracle/oci', version: '~> 5.0', config: defined({ region: pick(p, 'region') }) },
        body: defined({
          for_each: forEach,
          display_name: `${set.name}${each}`,
          availability_domain: pick(p, 'availability_domain'),
          compartment_id: pick(p, 'compartment_id'),
          shape: pick(p, 'shape'),
          source_details: [defined({ source_type: 'image', source_id: pick(p, 'source_id') })],
          create_vnic_details: [defined({ subnet_id: pick(p, 'subnet_id'), nsg_ids: pick(p, 'network_security_group') === undefined ? undefined : [pick(p, 'network_security_group')!], assign_public_ip: true })],
          metadata: defined({ ssh_authorized_keys: pick(p, 'ssh_keys'), user_data: `\${base64encode(file("\${path.module}/${CLOUD_INIT_FILE}"))}` }),
        }),
        privateIp: 'i.private_ip',
        publicIp: 'i.public_ip',
      };
    default:
      return azure(set, p, forEach);
  }
}

/**
 * Azure (5.3): the resource group, subnet and network security group looked up as data sources, a NIC (and a
 * public IP when asked) per instance with the security group attached to it, a Linux VM.
 */
function azure(set: NodeSetDraft, p: JsonObject, forEach: string): Resource {
  const n = set.name;
  const group = pick(p, 'resource_group');
  const publicIp = p['public_ip'] === true;
  const extra: Record<string, Record<string, JsonObject>> = {
    azurerm_network_interface_security_group_association: {
      [n]: {
        for_each: forEach,
        network_interface_id: '${azurerm_network_interface.' + n + '[each.key].id}',
        network_security_group_id: '${data.azurerm_network_security_group.' + n + '.id}',
      },
    },
    azurerm_network_interface: {
      [n]: {
        for_each: forEach,
        name: `${n}${each}-nic`,
        location: '${data.azurerm_resource_group.' + n + '.location}',
        resource_group_name: group ?? null,
        ip_configuration: [defined({
          name: 'internal',
          subnet_id: '${data.azurerm_subnet.' + n + '.id}',
          private_ip_address_allocation: 'Dynamic',
          public_ip_address_id: publicIp ? '${azurerm_public_ip.' + n + '[each.key].id}' : undefined,
        })],
      },
    },
  };
  if (publicIp) {
    extra['azurerm_public_ip'] = { [n]: { for_each: forEach, name: `${n}${each}-ip`, location: '${data.azurerm_resource_group.' + n + '.location}', resource_group_name: group ?? null, allocation_method: 'Static' } };
  }
  const admin = str(pick(p, 'admin_username')) ?? 'ubuntu';
  const image = pick(p, 'source_image_id');
  return {
    type: 'azurerm_linux_virtual_machine',
    provider: { name: 'azurerm', source: 'hashicorp/azurerm', version: '~> 3.0', config: { features: {} } },
    extra,
    body: defined({
      for_each: forEach,
      name: `${n}${each}`,
      resource_group_name: group,
      location: '${data.azurerm_resource_group.' + n + '.location}',
      size: pick(p, 'size'),
      admin_username: admin,
      admin_password: pick(p, 'admin_password'),
      disable_password_authentication: p['public_key'] !== undefined,
      network_interface_ids: ['${azurerm_network_interface.' + n + '[each.key].id}'],
      admin_ssh_key: p['public_key'] !== undefined ? [{ username: admin, public_key: p['public_key']! }] : undefined,
      os_disk: [{ caching: 'ReadWrite', storage_account_type: 'Standard_LRS' }],
      source_image_id: image,
      source_image_reference: image === undefined ? [{ publisher: 'Canonical', offer: 'UbuntuServer', sku: pick(p, 'image_sku') ?? '18.04-LTS', version: 'latest' }] : undefined,
      custom_data: `\${base64encode(file("\${path.module}/${CLOUD_INIT_FILE}"))}`,
    }),
    privateIp: 'i.private_ip_address',
    publicIp: 'i.public_ip_address',
  };
}

/** The Azure properties the data sources read. */
const AZURE_DATA_PROPERTIES = ['resource_group', 'subnet', 'virtual_network', 'network_security_group'];

/** Data sources the Azure resources read. */
function azureData(set: NodeSetDraft): JsonObject {
  const p = set.properties;
  const n = set.name;
  const group = pick(p, 'resource_group') ?? null;
  return {
    azurerm_resource_group: { [n]: { name: group } },
    azurerm_subnet: { [n]: { name: pick(p, 'subnet') ?? null, virtual_network_name: pick(p, 'virtual_network') ?? null, resource_group_name: group } },
    azurerm_network_security_group: { [n]: { name: pick(p, 'network_security_group') ?? null, resource_group_name: group } },
  };
}
