import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../../cluster.ts';
import { tutorialCluster } from '../../../cluster-config.ts';
import { runKubectl } from '../../index.ts';

/**
 * `kubectl rollout history|undo` for DaemonSets (polymorphichelpers history.go
 * DaemonSetHistoryViewer, rollback.go DaemonSetRollbacker), through the ControllerRevisions the
 * controller keeps.
 */

function withTwoRevisions(): Cluster {
  const cluster = new Cluster(tutorialCluster());
  cluster.api.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', annotations: { 'kubernetes.io/change-cause': 'first' } },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'ikubernetes/filebeat:5.6.5-alpine' }] } } },
  });
  cluster.settle();
  kubectl(cluster, 'set image ds agent agent=ikubernetes/filebeat:5.6.6-alpine');
  cluster.settle();
  return cluster;
}

function kubectl(cluster: Cluster, line: string): { stdout: string; stderr: string; exitCode: number } {
  const { stdout, stderr, exitCode } = runKubectl(cluster, line.split(' '));
  return { stdout, stderr, exitCode };
}

test('rollout history: one row per ControllerRevision, the change-cause from its annotations', () => {
  const cluster = withTwoRevisions();
  // Revisions copy the DaemonSet's annotations when they are made: both carry the first cause.
  assert.deepEqual(kubectl(cluster, 'rollout history ds agent'), { stdout: 'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         first\n2         first\n\n', stderr: '', exitCode: 0 });
});

test('rollout history --revision: the template that revision restores, without a change-cause annotation', () => {
  const r = kubectl(withTwoRevisions(), 'rollout history daemonset/agent --revision=1');
  assert.equal(
    r.stdout,
    [
      'daemonset.apps/agent with revision #1',
      'Pod Template:',
      '  Labels:\tapp=agent',
      '  Containers:',
      '   agent:',
      '    Image:\tikubernetes/filebeat:5.6.5-alpine',
      '    Port:\t<none>',
      '    Host Port:\t<none>',
      '    Environment:\t<none>',
      '    Mounts:\t<none>',
      '  Volumes:\t<none>',
      '  Node-Selectors:\t<none>',
      '  Tolerations:\t<none>',
      '',
      '',
    ].join('\n'),
  );
  assert.deepEqual(kubectl(withTwoRevisions(), 'rollout history ds agent --revision=7'), { stdout: '', stderr: 'error: unable to find the specified revision\n', exitCode: 1 });
});

test('rollout history -o: the DaemonSet as each revision would make it', () => {
  const r = kubectl(withTwoRevisions(), 'rollout history ds agent -o jsonpath={.spec.template.spec.containers[0].image}{"\\n"}');
  assert.equal(r.stdout, 'ikubernetes/filebeat:5.6.5-alpine\nikubernetes/filebeat:5.6.6-alpine\n');
});

test('rollout undo: back to the previous revision, which is renumbered; undo to the current one is skipped', () => {
  const cluster = withTwoRevisions();
  assert.deepEqual(kubectl(cluster, 'rollout undo ds agent'), { stdout: 'daemonset.apps/agent rolled back\n', stderr: '', exitCode: 0 });
  cluster.settle();
  assert.equal(kubectl(cluster, 'get ds agent -o jsonpath={.spec.template.spec.containers[0].image}').stdout, 'ikubernetes/filebeat:5.6.5-alpine');
  assert.equal(kubectl(cluster, 'rollout history ds agent').stdout, 'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         first\n3         first\n\n');
  assert.equal(kubectl(cluster, 'rollout undo ds agent --to-revision=3').stdout, 'daemonset.apps/agent skipped rollback (current template already matches revision 3)\n');
});

test('rollout undo --dry-run=client prints the template it would restore and changes nothing', () => {
  const cluster = withTwoRevisions();
  const before = cluster.store.resourceVersion;
  const r = kubectl(cluster, 'rollout undo ds agent --dry-run=client');
  assert.match(r.stdout, /^daemonset\.apps\/agent will roll back to Pod Template:\n {2}Labels:\tapp=agent\n[\s\S]*Image:\tikubernetes\/filebeat:5\.6\.5-alpine\n[\s\S]* \(dry run\)\n$/);
  assert.equal(cluster.store.resourceVersion, before);
});

test('rollout undo errors: nothing to go back to, a revision that does not exist', () => {
  const cluster = new Cluster(tutorialCluster());
  cluster.api.create({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox' }] } } } });
  cluster.settle();
  assert.deepEqual(kubectl(cluster, 'rollout undo ds agent'), { stdout: '', stderr: 'error: no last revision to roll back to\n', exitCode: 1 });
  assert.deepEqual(kubectl(cluster, 'rollout undo ds agent --to-revision=4'), { stdout: '', stderr: 'error: unable to find specified revision 4 in history\n', exitCode: 1 });
});
