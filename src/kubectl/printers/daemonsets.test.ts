import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import { Cluster } from '../../cluster.ts';
import { tutorialCluster } from '../../cluster-config.ts';
import type { KubeObject } from '../../store/object.ts';
import { runKubectl } from '../index.ts';

/** `kubectl get ds|controllerrevisions` against a settled DaemonSet (printers.go printDaemonSet, printControllerRevision). */

const FILEBEAT: DaemonSet & KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'filebeat-ds', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'filebeat', release: 'stable' } },
    template: { metadata: { labels: { app: 'filebeat', release: 'stable' } }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'filebeat', image: 'ikubernetes/filebeat:5.6.5-alpine' }] } },
  },
};

function running(): Cluster {
  const cluster = new Cluster(tutorialCluster());
  cluster.api.create(FILEBEAT);
  cluster.settle();
  cluster.advance(60_000);
  return cluster;
}

const get = (cluster: Cluster, line: string) => {
  const r = runKubectl(cluster, line.split(' '));
  assert.equal(r.stderr, '');
  return r.stdout;
};

test('get ds: the status counts and the template nodeSelector; -o wide adds containers, images, selector', () => {
  const cluster = running();
  assert.equal(
    get(cluster, 'get ds'),
    [
      'NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
      'filebeat-ds   2         2         2       2            2           kubernetes.io/os=linux   64s',
      '',
    ].join('\n'),
  );
  assert.equal(
    get(cluster, 'get daemonsets -o wide'),
    [
      'NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE   CONTAINERS   IMAGES                              SELECTOR',
      'filebeat-ds   2         2         2       2            2           kubernetes.io/os=linux   64s   filebeat     ikubernetes/filebeat:5.6.5-alpine   app=filebeat,release=stable',
      '',
    ].join('\n'),
  );
});

test('get ds before the controller has looked: zeros, and <none> for no nodeSelector', () => {
  const cluster = new Cluster(tutorialCluster());
  cluster.api.create({ ...FILEBEAT, spec: { ...FILEBEAT.spec!, template: { ...FILEBEAT.spec!.template, spec: { containers: FILEBEAT.spec!.template.spec!.containers } } } });
  assert.equal(get(cluster, 'get ds').split('\n')[1], 'filebeat-ds   0         0         0       0            0           <none>          0s');
});

test('get controllerrevisions: the controller as kind.group/name, the revision number', () => {
  assert.equal(
    get(running(), 'get controllerrevisions'),
    ['NAME                    CONTROLLER                   REVISION   AGE', 'filebeat-ds-54c688cb4   daemonset.apps/filebeat-ds   1          64s', ''].join('\n'),
  );
});

test('get all lists the DaemonSet after the pods (the `all` category), not its ControllerRevisions', () => {
  assert.equal(
    get(running(), 'get all'),
    [
      'NAME                    READY   STATUS    RESTARTS   AGE',
      'pod/filebeat-ds-t4gwt   1/1     Running   0          64s',
      'pod/filebeat-ds-vhb2h   1/1     Running   0          64s',
      '',
      'NAME                         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
      'daemonset.apps/filebeat-ds   2         2         2       2            2           kubernetes.io/os=linux   64s',
      '',
    ].join('\n'),
  );
});
