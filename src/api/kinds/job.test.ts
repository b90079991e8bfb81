import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job, JobSpec } from 'kubernetes-types/batch/v1.js';
import { Cluster } from '../../cluster.ts';
import { formatError } from '../../kubectl/errors.ts';
import { StatusError } from '../errors.ts';

/** Jobs at the API server: pkg/apis/batch/v1/defaults.go, pkg/registry/batch/job/strategy.go, pkg/apis/batch/validation. */
function job(name: string, spec: Partial<JobSpec> = {}, restartPolicy = 'Never'): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { template: { spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
  };
}

/** What kubectl prints when the API server refuses `fn`, or '' when it accepts. */
function refusal(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (e) {
    assert.ok(e instanceof StatusError, String(e));
    return formatError(e);
  }
}

test('defaults: completions and parallelism 1, backoffLimit 6, NonIndexed, not suspended, TerminatingOrFailed, manualSelector false', () => {
  const c = new Cluster();
  const j = c.api.create(job('a'));
  assert.deepEqual(
    { completions: j.spec?.completions, parallelism: j.spec?.parallelism, backoffLimit: j.spec?.backoffLimit, completionMode: j.spec?.completionMode, suspend: j.spec?.suspend, podReplacementPolicy: j.spec?.podReplacementPolicy, manualSelector: j.spec?.manualSelector },
    { completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false },
  );
  // Only parallelism defaults when completions is set; a per-index limit makes backoffLimit MaxInt32.
  const b = c.api.create(job('b', { completions: 5 }));
  assert.deepEqual([b.spec?.completions, b.spec?.parallelism], [5, 1]);
  const q = c.api.create(job('q', { parallelism: 3 }));
  assert.deepEqual([q.spec?.completions, q.spec?.parallelism], [undefined, 3]);
  const p = c.api.create(job('p', { completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: 1 }));
  assert.equal(p.spec?.backoffLimit, 2147483647);
  assert.equal(c.api.create(job('f', { podFailurePolicy: { rules: [] } })).spec?.podReplacementPolicy, 'Failed');
});

test('the selector is generated from the uid, the template and the Job get job-name and controller-uid labels', () => {
  const c = new Cluster();
  const j = c.api.create(job('pi'));
  const uid = j.metadata.uid;
  assert.deepEqual(j.spec?.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
  const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
  assert.deepEqual(j.spec?.template.metadata?.labels, labels);
  assert.deepEqual(j.metadata.labels, labels);
  // Labels of its own are the Job's; the template keeps the user's and gets the generated ones.
  const k = c.api.create({ ...job('k'), metadata: { name: 'k', labels: { team: 'a' } } });
  assert.deepEqual(k.metadata.labels, { team: 'a' });
  assert.equal(k.spec?.template.metadata?.labels?.['job-name'], 'k');
});

test('bad specs get the API server wording', () => {
  const c = new Cluster();
  assert.equal(refusal(() => c.api.create(job('neg', { completions: -1 }))), 'The Job "neg" is invalid: spec.completions: Invalid value: -1: must be greater than or equal to 0');
  assert.equal(refusal(() => c.api.create(job('always', {}, ''))), 'The Job "always" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  assert.equal(
    refusal(() => c.api.create(job('odd', {}, 'Sometimes'))),
    'The Job "odd" is invalid: \n* spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n* spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
  );
  assert.equal(refusal(() => c.api.create(job('idx', { completionMode: 'Indexed', parallelism: 2 }))), 'The Job "idx" is invalid: spec.completions: Required value: when completion mode is Indexed');
  assert.equal(refusal(() => c.api.create(job('neg-limit', { backoffLimit: -2 }))), 'The Job "neg-limit" is invalid: spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0');
  const long = 'x'.repeat(62);
  assert.equal(
    refusal(() => c.api.create(job(long, { completionMode: 'Indexed', completions: 10 }))),
    `The Job "${long}" is invalid: metadata.name: Invalid value: "${long}": will not able to create pod with invalid DNS label: ${long}-9`,
  );
  assert.equal(c.store.list('jobs.batch').length, 0);
});

test('updates: completions, selector and template are fixed; an Indexed Job may scale completions with parallelism', () => {
  const c = new Cluster();
  c.api.create(job('a', { completions: 2, suspend: true }));
  assert.equal(refusal(() => c.api.patch('jobs.batch', 'default', 'a', 'merge', { spec: { completions: 3 } })), 'The Job "a" is invalid: spec.completions: Invalid value: 3: field is immutable');
  assert.match(refusal(() => c.api.patch('jobs.batch', 'default', 'a', 'merge', { spec: { selector: { matchLabels: { x: 'y' } } } })), /^The Job "a" is invalid: \n\* spec\.selector: Invalid value: v1\.LabelSelector/);
  assert.equal(
    refusal(() => c.api.patch('jobs.batch', 'default', 'a', 'merge', { spec: { template: { spec: { restartPolicy: 'OnFailure' } } } })),
    'The Job "a" is invalid: spec.template: Invalid value: core.PodTemplateSpec{…}: field is immutable',
  );
  // A suspended Job that never started may change where its pods go.
  assert.equal(refusal(() => c.api.patch('jobs.batch', 'default', 'a', 'merge', { spec: { template: { spec: { nodeSelector: { disk: 'ssd' } } } } })), '');
  c.api.create(job('i', { completionMode: 'Indexed', completions: 2, parallelism: 2 }));
  assert.equal(refusal(() => c.api.patch('jobs.batch', 'default', 'i', 'merge', { spec: { completions: 4 } })), 'The Job "i" is invalid: spec.completions: Invalid value: 4: can only be modified in tandem with spec.parallelism');
  assert.equal(refusal(() => c.api.patch('jobs.batch', 'default', 'i', 'merge', { spec: { completions: 4, parallelism: 4 } })), '');
});
