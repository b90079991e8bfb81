import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../cluster.ts';
import { eventMessages, getDeployment, newDeployment, replicaSetsOf, setImage } from './testing.ts';

/** rollback.go: the deprecated server-side rollback, requested through an annotation. */

const requestRollback = (cluster: Cluster, revision: string) =>
  cluster.api.patch('deployments.apps', 'default', 'web', 'merge', { metadata: { annotations: { 'deprecated.deployment.rollback.to': revision } } });

test('rollbackTo 0 goes back to the previous revision, which is renumbered; the request is cleared', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 2));
  cluster.settle();
  setImage(cluster, 'web', 'ikubernetes/myapp:v2');
  cluster.settle();
  requestRollback(cluster, '0');
  cluster.settle();
  const d = getDeployment(cluster, 'web');
  assert.equal(d.spec?.template.spec?.containers[0].image, 'ikubernetes/myapp:v1');
  assert.equal(d.spec?.template.metadata?.labels?.['pod-template-hash'], undefined);
  assert.equal(d.metadata.annotations?.['deprecated.deployment.rollback.to'], undefined);
  assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  assert.deepEqual(eventMessages(cluster, 'web', 'DeploymentRollback'), ['Rolled back deployment "web" to revision 1']);
  assert.deepEqual(
    replicaSetsOf(cluster, 'web').map((rs) => [rs.metadata.annotations?.['deployment.kubernetes.io/revision'], rs.spec?.replicas]),
    [['2', 0], ['3', 2]],
  );
});

test('rollbackTo an unknown revision or the current template only warns and clears the request', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 1));
  cluster.settle();
  requestRollback(cluster, '0');
  cluster.settle();
  assert.deepEqual(eventMessages(cluster, 'web', 'DeploymentRollbackRevisionNotFound'), ['Unable to find last revision.']);
  requestRollback(cluster, '7');
  cluster.settle();
  assert.deepEqual(eventMessages(cluster, 'web', 'DeploymentRollbackRevisionNotFound'), ['Unable to find last revision.', 'Unable to find the revision to rollback to.']);
  requestRollback(cluster, '1');
  cluster.settle();
  assert.deepEqual(eventMessages(cluster, 'web', 'DeploymentRollbackTemplateUnchanged'), ['The rollback revision contains the same template as current deployment "web"']);
  assert.equal(getDeployment(cluster, 'web').metadata.annotations?.['deprecated.deployment.rollback.to'], undefined);
  assert.equal(replicaSetsOf(cluster, 'web').length, 1);
});
