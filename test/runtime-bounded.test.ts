/**
 * The call-bounding layer on its own: which failures are tried again, how a hung call ends, and that the
 * cycle's signal abandons a call at once. Calls here are plain promises; the fault matrix runs the same layer
 * against the real drivers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DependencyError, bounded, httpStatusOf, isTransient } from '../runtime/src/loop/bounded.js';
import type { CallBounds, FailureKind } from '../runtime/src/loop/bounded.js';
import { KubeConfig } from '@kubernetes/client-node';
import { boundedCluster } from '../runtime/src/kubernetes/bounded-cluster.js';
import { ClientCluster } from '../runtime/src/kubernetes/client-cluster.js';
import { KubeApiServerDouble } from './doubles/kube-apiserver.js';

const QUICK: CallBounds = { timeoutMs: 200, attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

test('transient failures (no status, 408, 429, 5xx) are tried again; other statuses are not', () => {
  assert.is(httpStatusOf(new Error('Occopus POST /scaleto/w/2 answered HTTP 503: busy')), 503);
  assert.is(httpStatusOf({ status: 429 }), 429);
  assert.ok(isTransient(new Error('connect ECONNREFUSED 127.0.0.1:9')));
  assert.ok(isTransient(new Error('Kubernetes API: scale failed (HTTP 500 InternalError): etcd')));
  assert.ok(isTransient({ code: 429 }));
  assert.not.ok(isTransient(new Error('Kubernetes API: scale failed (HTTP 403 Forbidden): no rights')));
  assert.not.ok(isTransient(new Error('answered HTTP 404: no such node')));
});

test('a call failing twice with 503 succeeds on the third attempt; each failure is reported', async () => {
  let calls = 0;
  const failures: FailureKind[] = [];
  const value = await bounded('occopus', 'scale w to 2', async () => {
    if (++calls < 3) throw new Error('answered HTTP 503');
    return 'done';
  }, { bounds: QUICK, onFailure: (_d, _o, kind) => failures.push(kind) });
  assert.is(value, 'done');
  assert.equal(failures, ['failed', 'failed']);
});

test('a 403 is not tried again and says what failed', async () => {
  let calls = 0;
  const error = await bounded('kubernetes', 'scale Deployment default/web to 2', async () => {
    calls++;
    throw new Error('HTTP 403 forbidden');
  }, { bounds: QUICK }).catch((e: unknown) => e);
  assert.is(calls, 1);
  assert.instance(error, DependencyError);
  assert.is((error as Error).message, 'kubernetes: scale Deployment default/web to 2 failed: HTTP 403 forbidden');
});

test('a call that never answers times out on every attempt and fails as a timeout', async () => {
  let calls = 0;
  const error = (await bounded('prometheus', 'query up', () => {
    calls++;
    return new Promise<never>(() => undefined);
  }, { bounds: { ...QUICK, attempts: 2 } }).catch((e: unknown) => e)) as DependencyError;
  assert.is(calls, 2);
  assert.is(error.kind, 'timeout');
  assert.is(error.message, 'prometheus: query up timed out after 2 attempts: no answer within 0.2 s');
});

test('the signal abandons a hung call at once, and refuses new ones', async () => {
  const stop = new AbortController();
  const pending = bounded('kubernetes', 'list nodes', () => new Promise<never>(() => undefined), { bounds: { ...QUICK, timeoutMs: 60_000 }, signal: stop.signal }).catch((e: unknown) => e);
  stop.abort();
  const error = (await pending) as DependencyError;
  assert.is(error.kind, 'abandoned');
  assert.match(error.message, /abandoned: the loop is stopping$/);
  let called = false;
  const refused = (await bounded('kubernetes', 'list nodes', async () => (called = true), { bounds: QUICK, signal: stop.signal }).catch((e: unknown) => e)) as DependencyError;
  assert.not.ok(called);
  assert.is(refused.kind, 'abandoned');
});

test('a bounded Cluster ends a call to an API server that never answers, naming the operation', async () => {
  const kube = await KubeApiServerDouble.start();
  try {
    const config = new KubeConfig();
    config.loadFromString(kube.kubeconfig());
    const cluster = boundedCluster(new ClientCluster(config));
    kube.stallNext(1, (r) => r.path === '/api/v1/namespaces/default');
    // The limit is minutes; the test only checks the call is wrapped: the stall is cut by closing the server.
    const pending = cluster.ensureNamespace('default').catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await kube.close();
    const error = (await pending) as Error;
    assert.instance(error, DependencyError);
    assert.match(error.message, /^kubernetes: ensure namespace failed: /);
  } finally {
    await kube.close().catch(() => undefined);
  }
});

test.run();
