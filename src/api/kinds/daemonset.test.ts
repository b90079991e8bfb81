import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ControllerRevision, DaemonSet, DaemonSetSpec } from 'kubernetes-types/apps/v1.js';
import { Cluster } from '../../cluster.ts';
import { StatusError } from '../errors.ts';
import type { KubeObject, Stored } from '../../store/object.ts';

/** DaemonSet and ControllerRevision through the API server: defaults, strategy, validation wording. */

function daemonSet(spec: Partial<DaemonSetSpec> = {}, name = 'agent'): DaemonSet & KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'ikubernetes/filebeat:5.6.5-alpine' }] } },
      ...spec,
    },
  };
}

/** The message of the Invalid error the API server answers; nothing is written. */
function invalid(cluster: Cluster, write: () => unknown): string {
  const before = cluster.store.resourceVersion;
  try {
    write();
  } catch (e) {
    assert.ok(e instanceof StatusError && e.reason === 'Invalid', String(e));
    assert.equal(cluster.store.resourceVersion, before, 'a rejected request writes nothing');
    return e.message;
  }
  return assert.fail('the request was accepted');
}

test('defaults (SetDefaults_DaemonSet): RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10, a defaulted template', () => {
  const ds = new Cluster().api.create(daemonSet());
  assert.deepEqual(ds.spec?.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.equal(ds.spec?.revisionHistoryLimit, 10);
  assert.equal(ds.spec?.template.spec?.restartPolicy, 'Always');
  assert.equal(ds.spec?.template.spec?.containers[0].imagePullPolicy, 'IfNotPresent');
  assert.equal(ds.metadata.generation, 1);
});

test('OnDelete gets no rollingUpdate; an explicit empty type becomes RollingUpdate', () => {
  const cluster = new Cluster();
  assert.deepEqual(cluster.api.create(daemonSet({ updateStrategy: { type: 'OnDelete' } }, 'a')).spec?.updateStrategy, { type: 'OnDelete' });
  assert.equal(cluster.api.create(daemonSet({ updateStrategy: { type: '' } }, 'b')).spec?.updateStrategy?.type, 'RollingUpdate');
});

test('create: status is the four always-present counts, and the template generation annotation is 1', () => {
  const ds = new Cluster().api.create(daemonSet({}, 'agent'));
  assert.deepEqual(ds.status, { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
  assert.equal(ds.metadata.annotations?.['deprecated.daemonset.template.generation'], '1');
  assert.ok(ds.metadata.uid && ds.metadata.creationTimestamp, 'the server still stamps the metadata it holds');
});

test('update: the template generation follows template changes only; the client cannot set it', () => {
  const cluster = new Cluster();
  const ds = cluster.api.create(daemonSet());
  const relabelled = cluster.api.update({ ...ds, metadata: { ...ds.metadata, labels: { team: 'a' }, annotations: {} } });
  assert.equal(relabelled.metadata.annotations?.['deprecated.daemonset.template.generation'], '1');
  assert.equal(relabelled.metadata.generation, 1);
  const minReady = cluster.api.update({ ...relabelled, spec: { ...relabelled.spec!, minReadySeconds: 5 } });
  assert.equal(minReady.metadata.annotations?.['deprecated.daemonset.template.generation'], '1', 'a spec change outside the template');
  assert.equal(minReady.metadata.generation, 2);
  const image = cluster.api.patch<DaemonSet>('daemonsets.apps', 'default', 'agent', 'strategic', {
    metadata: { annotations: { 'deprecated.daemonset.template.generation': '9' } },
    spec: { template: { spec: { containers: [{ name: 'agent', image: 'ikubernetes/filebeat:5.6.6-alpine' }] } } },
  });
  assert.equal(image.metadata.annotations?.['deprecated.daemonset.template.generation'], '2');
  assert.equal(image.metadata.generation, 3);
});

test('a selector that misses the template labels, as for ReplicaSets', () => {
  const cluster = new Cluster();
  const bad = daemonSet({ template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'a', image: 'x' }] } } });
  assert.equal(
    invalid(cluster, () => cluster.api.create(bad)),
    'DaemonSet.apps "agent" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
  );
});

test('a missing selector is labels.Nothing(): no Required error, the template check fails instead', () => {
  const cluster = new Cluster();
  const noSelector = daemonSet();
  delete (noSelector.spec as Partial<DaemonSetSpec>).selector;
  assert.equal(
    invalid(cluster, () => cluster.api.create(noSelector)),
    'DaemonSet.apps "agent" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`',
  );
});

test('an empty selector is invalid for a daemonset', () => {
  const cluster = new Cluster();
  assert.equal(
    invalid(cluster, () => cluster.api.create(daemonSet({ selector: {} }))),
    'DaemonSet.apps "agent" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
  );
});

test('exactly one of maxSurge and maxUnavailable is non-zero (surging needs an explicit maxUnavailable 0)', () => {
  const cluster = new Cluster();
  const rolling = (rollingUpdate: Record<string, unknown>) => daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate } });
  assert.equal(
    invalid(cluster, () => cluster.api.create(rolling({ maxSurge: 1 }))),
    'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
  );
  assert.equal(
    invalid(cluster, () => cluster.api.create(rolling({ maxUnavailable: 0 }))),
    'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
  );
  assert.equal(
    invalid(cluster, () => cluster.api.create(rolling({ maxUnavailable: '0%', maxSurge: '0%' }))),
    'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
  );
  const surging = cluster.api.create(rolling({ maxSurge: '10%', maxUnavailable: 0 }));
  assert.deepEqual(surging.spec?.updateStrategy?.rollingUpdate, { maxSurge: '10%', maxUnavailable: 0 });
});

test('percentages: at most 100%, and well formed', () => {
  const cluster = new Cluster();
  const rolling = (rollingUpdate: Record<string, unknown>) => daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate } });
  assert.equal(
    invalid(cluster, () => cluster.api.create(rolling({ maxUnavailable: 0, maxSurge: '150%' }))),
    'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
  );
  assert.equal(
    invalid(cluster, () => cluster.api.create(rolling({ maxUnavailable: -1 }))),
    'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
  );
  assert.match(
    invalid(cluster, () => cluster.api.create(rolling({ maxUnavailable: 'x' }))),
    /maxUnavailable: Invalid value: intstr.IntOrString\{Type:1, IntVal:0, StrVal:"x"\}: a valid percent string must be a numeric string followed by an ending '%'/,
  );
});

test('an unknown strategy type lists the supported ones, RollingUpdate first', () => {
  const cluster = new Cluster();
  assert.equal(
    invalid(cluster, () => cluster.api.create(daemonSet({ updateStrategy: { type: 'Sometimes' } }))),
    'DaemonSet.apps "agent" is invalid: spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Sometimes", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
  );
});

test('the template restarts Always, has no activeDeadlineSeconds; minReadySeconds and revisionHistoryLimit are not negative', () => {
  const cluster = new Cluster();
  const template = (extra: Record<string, unknown>) => ({ metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'x' }], ...extra } });
  assert.equal(
    invalid(cluster, () => cluster.api.create(daemonSet({ template: template({ restartPolicy: 'Never' }) }))),
    'DaemonSet.apps "agent" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  );
  assert.equal(
    invalid(cluster, () => cluster.api.create(daemonSet({ template: template({ activeDeadlineSeconds: 5 }) }))),
    'DaemonSet.apps "agent" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
  );
  assert.equal(
    invalid(cluster, () => cluster.api.create(daemonSet({ minReadySeconds: -1, revisionHistoryLimit: -2 }))),
    'DaemonSet.apps "agent" is invalid: [spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0, spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0]',
  );
});

test('the selector is immutable in apps/v1', () => {
  const cluster = new Cluster();
  const ds = cluster.api.create(daemonSet({ selector: { matchLabels: { app: 'agent' } } }));
  assert.equal(
    invalid(cluster, () => cluster.api.update({ ...ds, spec: { ...ds.spec!, selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } } })),
    'DaemonSet.apps "agent" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Exists", Values:[]string(nil)}}}: field is immutable',
  );
});

test('ControllerRevision: data is mandatory and immutable, revision not negative and changeable', () => {
  const cluster = new Cluster();
  const revision = (data: object | undefined, n: number): ControllerRevision & KubeObject => ({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'agent-1', namespace: 'default' }, data, revision: n });
  assert.equal(invalid(cluster, () => cluster.api.create(revision(undefined, -1))), 'ControllerRevision.apps "agent-1" is invalid: [data: Required value: data is mandatory, revision: Invalid value: -1: must be greater than or equal to 0]');
  const cr = cluster.api.create(revision({ a: 1 }, 1)) as Stored<ControllerRevision>;
  const renumbered = cluster.api.update({ ...cr, revision: 3 });
  assert.equal(renumbered.revision, 3);
  assert.equal(
    invalid(cluster, () => cluster.api.update({ ...renumbered, data: { a: 2 } })),
    'ControllerRevision.apps "agent-1" is invalid: data: Invalid value: runtime.RawExtension{Raw:[]uint8{0x7b, 0x22, 0x61, 0x22, 0x3a, 0x32, 0x7d}, Object:runtime.Object(nil)}: field is immutable',
  );
});

test('discovery: ds and controllerrevisions in apps/v1, the DaemonSet in the `all` category', () => {
  const kinds = new Cluster().api.kinds;
  const ds = kinds.resolve('ds')!;
  assert.deepEqual([ds.kind, ds.group, ds.version, ds.resource, ds.categories], ['DaemonSet', 'apps', 'v1', 'daemonsets', ['all']]);
  const cr = kinds.resolve('controllerrevisions')!;
  assert.deepEqual([cr.kind, cr.group, cr.shortNames, cr.categories], ['ControllerRevision', 'apps', [], []]);
  const order = kinds.all().map((k) => k.resource);
  assert.ok(order.indexOf('controllerrevisions') < order.indexOf('daemonsets') && order.indexOf('daemonsets') < order.indexOf('deployments'), 'api-resources order within apps');
});
