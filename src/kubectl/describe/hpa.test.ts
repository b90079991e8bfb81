import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Stored } from '../../store/object.ts';
import { describeHorizontalPodAutoscaler } from './hpa.ts';

const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);

const base = (spec: Partial<HorizontalPodAutoscaler['spec']>, status: HorizontalPodAutoscaler['status']): Stored<HorizontalPodAutoscaler> => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'php-apache', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2024-01-01T11:50:00Z' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, ...spec },
  status,
});

test('describe hpa: metrics, replicas and conditions (describeHorizontalPodAutoscalerV2)', () => {
  const hpa = base(
    { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }, { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }] },
    {
      currentReplicas: 3,
      desiredReplicas: 4,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 62, averageValue: '124m' } } }, { type: '' }],
      conditions: [
        { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 4', lastTransitionTime: '2024-01-01T11:55:00Z' },
        { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)', lastTransitionTime: '2024-01-01T11:55:00Z' },
      ],
    },
  );
  assert.equal(
    describeHorizontalPodAutoscaler(hpa, [], NOW),
    `Name:                                                  php-apache
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Mon, 01 Jan 2024 11:50:00 +0000
Reference:                                             Deployment/php-apache
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  62% (124m) / 50%
  resource memory on pods:                             <unknown> / 100Mi
Min replicas:                                          1
Max replicas:                                          10
Deployment pods:                                       3 current / 4 desired
Conditions:
  Type           Status  Reason            Message
  ----           ------  ------            -------
  AbleToScale    True    SucceededRescale  the HPA controller was able to update the target scale to 4
  ScalingActive  True    ValidMetricFound  the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)
Events:          <none>
`,
  );
});

test('a behavior is printed per direction; without one nothing is', () => {
  const hpa = base(
    {
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
        scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
      },
    },
    { desiredReplicas: 0, currentMetrics: null as unknown as [] },
  );
  // The policy lines and `Deployment pods:` share a column block, as in kubectl's own output.
  assert.equal(
    describeHorizontalPodAutoscaler(hpa, undefined, NOW).split('\n').slice(7).join('\n'),
    `  resource cpu on pods  (as a percentage of request):  <unknown> / 80%
Min replicas:                                          1
Max replicas:                                          10
Behavior:
  Scale Up:
    Stabilization Window: 0 seconds
    Select Policy: Max
    Policies:
      - Type: Pods     Value: 4    Period: 15 seconds
      - Type: Percent  Value: 100  Period: 15 seconds
  Scale Down:
    Select Policy: Max
    Policies:
      - Type: Percent  Value: 100  Period: 15 seconds
Deployment pods:       0 current / 0 desired
`,
  );
});
