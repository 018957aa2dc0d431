/**
 * The ADT the language-server benchmarks type into: one EC2 node set and
 * `templates` Deployments, each with a scaling policy (about 24 lines per
 * template: 8 give the 200-line ADT, 670 the 16k-line one).
 */
function template(i: number): string {
  return `    web${i}:
      type: tosca.nodes.MiCADO.Container.Application.Docker.Deployment
      properties:
        image: nginx:1.25
        ports:
          - port: 80
        resources:
          requests:
            cpu: 500m
      requirements:
        - host: workers
`;
}

function policy(i: number): string {
  return `    - scaling${i}:
        type: tosca.policies.Scaling.MiCADO
        targets: [ web${i} ]
        properties:
          min_instances: 1
          max_instances: 5
          constants:
            HIGH: 60
          queries:
            CPU: 'avg(rate(container_cpu_usage_seconds_total{pod=~"web${i}-.*"}[1m])) * 100'
          scaling_rule: |
            if CPU > HIGH:
              m_container_count += 1
`;
}

export function adt(templates: number): string {
  let text = `tosca_definitions_version: tosca_simple_yaml_1_2

imports:
  - https://raw.githubusercontent.com/micado-scale/tosca/v0.12.0/micado_types.yaml

topology_template:
  node_templates:
    workers:
      type: tosca.nodes.MiCADO.EC2.Compute
      properties:
        region_name: eu-west-1
        image_id: ami-0a1b2c3d4e5f60718
        instance_type: t3.small
      interfaces:
        Terraform:
          create:
`;
  for (let i = 0; i < templates; i++) text += template(i);
  text += '\n  policies:\n';
  for (let i = 0; i < templates; i++) text += policy(i);
  return text;
}
