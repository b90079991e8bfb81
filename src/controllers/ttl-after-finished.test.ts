import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from 'kubernetes-types/batch/v1.js';
import { Cluster } from '../cluster.ts';
import type { KubeObject } from '../store/object.ts';
import { expireAt } from './ttl-after-finished.ts';

/** The TTL-after-finished controller (pkg/controller/ttlafterfinished). */
const job = (ttl?: number): Job & KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'short', namespace: 'default' },
  spec: { ...(ttl !== undefined ? { ttlSecondsAfterFinished: ttl } : {}), template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['echo', 'hi'] }] } } },
});

test('expiry is the Complete or Failed condition time plus the TTL; nothing without both', () => {
  const finished = (type: string) => ({ ...job(30), status: { conditions: [{ type, status: 'True', lastTransitionTime: '2018-09-06T06:57:04Z' }] } });
  assert.equal(expireAt(finished('Complete')), Date.UTC(2018, 8, 6, 6, 57, 34));
  assert.equal(expireAt(finished('Failed')), Date.UTC(2018, 8, 6, 6, 57, 34));
  assert.equal(expireAt(finished('SuccessCriteriaMet')), undefined);
  assert.equal(expireAt({ ...finished('Complete'), spec: { template: {} } }), undefined);
});

test('a finished Job is deleted, pods first, when its TTL is up; settling alone does not wait for it', () => {
  const c = new Cluster();
  c.api.create(job(30));
  c.settle();
  const done = c.store.get<Job>('jobs.batch', 'default', 'short')!;
  const expiry = expireAt(done)!;
  assert.ok(expiry > c.clock.now());
  assert.equal(c.store.list('pods', 'default').length, 1);
  c.advance(expiry - c.clock.now() - 1000);
  assert.ok(c.store.get('jobs.batch', 'default', 'short'));
  c.advance(1000);
  assert.equal(c.store.get('jobs.batch', 'default', 'short'), undefined);
  assert.equal(c.store.list('pods', 'default').length, 0);
});

test('a TTL of 0 deletes the Job as soon as it finishes; without a TTL it stays', () => {
  const c = new Cluster();
  c.api.create(job(0));
  c.settle();
  assert.equal(c.store.get('jobs.batch', 'default', 'short'), undefined);
  const d = new Cluster();
  d.api.create(job());
  d.settle();
  d.advance(24 * 3600 * 1000);
  assert.ok(d.store.get('jobs.batch', 'default', 'short'));
});
