/**
 * The build-time table of Kubernetes field lists (dist/k8s-field-table.json) says what
 * @kubernetes/client-node's models say, for every kind adtc checks and every type under them,
 * so the strict unknown-field check is as strict as with the models themselves.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fieldTable } from '../compiler/src/plan/k8s-field-table.js';
import { clientNodeFieldLists } from '../compiler/src/plan/kubernetes/client-node-field-lists.js';
import { checkManifest, KINDS, modelClassName } from '../compiler/src/plan/kubernetes/k8s-schemas.js';

const test = suite('Kubernetes field table');

test('the built table is client-node\'s field lists for every checked kind and every type under it', () => {
  const table = fieldTable();
  assert.equal(table, clientNodeFieldLists());
  for (const kind of KINDS) assert.ok(table[modelClassName(kind.apiVersion, kind.kind)], `${kind.apiVersion} ${kind.kind}`);
  for (const nested of ['V1PodSpec', 'V1Container', 'V1ContainerPort', 'V1PolicyRule', 'V2MetricSpec']) assert.ok(table[nested], nested);
  assert.equal(table['V1Container']?.['ports'], 'Array<V1ContainerPort>');
});

test('an unknown field deep in a Deployment is reported with its path', () => {
  const problems = checkManifest({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', imagePullPolcy: 'Always' }] } },
    },
  });
  assert.equal(problems, [{ path: ['spec', 'template', 'spec', 'containers', '0', 'imagePullPolcy'], message: "unknown field 'imagePullPolcy'", unknownField: 'imagePullPolcy' }]);
});

test('a field named like an Object.prototype member is unknown, not a crash', () => {
  const problems = checkManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', constructor: 'x' } });
  assert.equal(problems?.map((p) => p.path.join('.')), ['metadata.constructor']);
});

test.run();
