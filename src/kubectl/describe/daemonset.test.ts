import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../cluster.ts';
import { tutorialCluster } from '../../cluster-config.ts';
import { runKubectl } from '../index.ts';

/** `kubectl describe daemonset` (describe.go DaemonSetDescriber, kubectl v0.32: no Namespace line). */

test('describe ds: selector, node selector, the status counts without alignment, pods by phase, template, events', () => {
  const cluster = new Cluster(tutorialCluster());
  cluster.api.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'filebeat-ds', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'filebeat', release: 'stable' } },
      template: { metadata: { labels: { app: 'filebeat', release: 'stable' } }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'filebeat', image: 'ikubernetes/filebeat:5.6.5-alpine' }] } },
    },
  });
  cluster.settle();
  cluster.advance(60_000);
  const r = runKubectl(cluster, ['describe', 'ds', 'filebeat-ds']);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    [
      'Name:           filebeat-ds',
      'Selector:       app=filebeat,release=stable',
      'Node-Selector:  kubernetes.io/os=linux',
      'Labels:         <none>',
      'Annotations:    deprecated.daemonset.template.generation: 1',
      'Desired Number of Nodes Scheduled: 2',
      'Current Number of Nodes Scheduled: 2',
      'Number of Nodes Scheduled with Up-to-date Pods: 2',
      'Number of Nodes Scheduled with Available Pods: 2',
      'Number of Nodes Misscheduled: 0',
      'Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:  app=filebeat',
      '           release=stable',
      '  Containers:',
      '   filebeat:',
      '    Image:         ikubernetes/filebeat:5.6.5-alpine',
      '    Port:          <none>',
      '    Host Port:     <none>',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  kubernetes.io/os=linux',
      '  Tolerations:     <none>',
      'Events:',
      '  Type    Reason            Age   From                  Message',
      '  ----    ------            ----  ----                  -------',
      '  Normal  SuccessfulCreate  64s   daemonset-controller  Created pod: filebeat-ds-vhb2h',
      '  Normal  SuccessfulCreate  64s   daemonset-controller  Created pod: filebeat-ds-t4gwt',
      '',
    ].join('\n'),
  );
});
