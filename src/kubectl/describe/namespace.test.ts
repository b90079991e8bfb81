import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Namespace } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import type { Stored } from '../../store/object.ts';
import { runKubectl } from '../index.ts';
import { describeNamespace } from './namespace.ts';

test('describe ns: labels, status, and the (empty) quota and limit-range sections', () => {
  const cluster = new Cluster();
  assert.equal(runKubectl(cluster, ['create', 'namespace', 'dev']).exitCode, 0);
  const r = runKubectl(cluster, ['describe', 'namespace', 'dev']);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    [
      'Name:         dev',
      'Labels:       kubernetes.io/metadata.name=dev',
      'Annotations:  <none>',
      'Status:       Active',
      '',
      'No resource quota.',
      '',
      'No LimitRange resource.',
      '',
    ].join('\n'),
  );
});

test('a terminating namespace lists its conditions', () => {
  const ns = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'demo', uid: 'u', resourceVersion: '1', labels: { 'kubernetes.io/metadata.name': 'demo' }, annotations: { owner: 'team-a' } },
    status: {
      phase: 'Terminating',
      conditions: [
        { type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: '2018-09-06T06:57:00Z', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 1 resource instances' },
        { type: 'NamespaceFinalizersRemaining', status: 'False', lastTransitionTime: '2018-09-06T06:57:00Z', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
      ],
    },
  } as Stored<Namespace>;
  assert.equal(
    describeNamespace(ns),
    [
      'Name:         demo',
      'Labels:       kubernetes.io/metadata.name=demo',
      'Annotations:  owner: team-a',
      'Status:       Terminating',
      'Conditions:',
      '  Type                          Status  LastTransitionTime               Reason                  Message',
      '  ----                          ------  ------------------               ------                  -------',
      '  NamespaceContentRemaining     True    Thu, 06 Sep 2018 06:57:00 +0000  SomeResourcesRemain     Some resources are remaining: pods. has 1 resource instances',
      '  NamespaceFinalizersRemaining  False   Thu, 06 Sep 2018 06:57:00 +0000  ContentHasNoFinalizers  All content-preserving finalizers finished',
      '',
      'No resource quota.',
      '',
      'No LimitRange resource.',
      '',
    ].join('\n'),
  );
});
