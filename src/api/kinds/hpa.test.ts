import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import { Cluster } from '../../cluster.ts';
import { StatusError } from '../errors.ts';
import type { KubeObject } from '../../store/object.ts';

type Obj = Record<string, unknown>;
const REF = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const hpa = (spec: Obj, apiVersion = 'autoscaling/v2'): KubeObject => ({ apiVersion, kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec } as KubeObject);

function created(obj: KubeObject): HorizontalPodAutoscaler {
  return new Cluster().api.create(obj) as HorizontalPodAutoscaler;
}

/** The kubectl rendering of the Invalid error the API server answers (one line per cause). */
function invalid(obj: KubeObject): string[] {
  const c = new Cluster();
  const before = c.store.resourceVersion;
  try {
    c.api.create(obj);
  } catch (e) {
    assert.ok(e instanceof StatusError && e.reason === 'Invalid', String(e));
    assert.equal(c.store.resourceVersion, before, 'a rejected request writes nothing');
    return e.fieldErrors.map((f) => `${f.field}: ${f.type}${f.value !== undefined && f.type !== 'Required value' && f.type !== 'Forbidden' ? `: ${JSON.stringify(f.value instanceof Object ? (f.value as { text: string }).text : f.value)}` : ''}${f.detail ? `: ${f.detail}` : ''}`);
  }
  return assert.fail('the request was accepted');
}

test('defaults (v2 SetDefaults_HorizontalPodAutoscaler): minReplicas 1, 80% CPU, an empty status, no generation', () => {
  const h = created(hpa({ scaleTargetRef: REF, maxReplicas: 3 }));
  assert.equal(h.spec?.minReplicas, 1);
  assert.deepEqual(h.spec?.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  assert.deepEqual(h.status, { currentMetrics: null, desiredReplicas: 0 });
  assert.equal(h.metadata?.generation, undefined);
  assert.equal(h.spec?.behavior, undefined, 'the behavior is filled in only when given');
});

test('a given behavior gets the default rules for what it leaves out', () => {
  const h = created(hpa({ scaleTargetRef: REF, maxReplicas: 3, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } }));
  assert.deepEqual(h.spec?.behavior, {
    scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
    scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
  });
});

test('autoscaling/v1 is converted: targetCPUUtilizationPercentage becomes a CPU metric, none means 80%', () => {
  const v1 = created(hpa({ scaleTargetRef: REF, minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 60 }, 'autoscaling/v1'));
  assert.equal(v1.apiVersion, 'autoscaling/v2');
  assert.deepEqual(v1.spec, { scaleTargetRef: REF, minReplicas: 2, maxReplicas: 4, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] });
  const bare = created(hpa({ scaleTargetRef: REF, maxReplicas: 4 }, 'autoscaling/v1'));
  assert.equal(bare.spec?.metrics?.[0].resource?.target.averageUtilization, 80);
});

test('target quantities are stored canonical', () => {
  const h = created(hpa({ scaleTargetRef: REF, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '0.5Gi' } } }] }));
  assert.equal(h.spec?.metrics?.[0].resource?.target.averageValue, '512Mi');
});

test('validation with the API server wording (pkg/apis/autoscaling/validation)', () => {
  assert.deepEqual(invalid(hpa({ scaleTargetRef: REF, minReplicas: 5, maxReplicas: 3 })), ['spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`']);
  assert.deepEqual(invalid(hpa({ scaleTargetRef: REF, minReplicas: 0, maxReplicas: 3 })), [
    'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
    'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
  ]);
  assert.deepEqual(invalid(hpa({ scaleTargetRef: { kind: 'Deployment' } })), [
    'spec.maxReplicas: Invalid value: 0: must be greater than 0',
    'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`',
    'spec.scaleTargetRef.name: Required value',
  ]);
  assert.deepEqual(invalid(hpa({ scaleTargetRef: { kind: 'a/b', name: '..' }, maxReplicas: 1 })), [
    `spec.scaleTargetRef.kind: Invalid value: "a/b": may not contain '/'`,
    `spec.scaleTargetRef.name: Invalid value: "..": may not be '..'`,
  ]);
  assert.deepEqual(invalid(hpa({ scaleTargetRef: REF, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }] })), [
    'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
  ]);
  assert.deepEqual(invalid(hpa({ scaleTargetRef: REF, maxReplicas: 3, metrics: [{ type: 'Pods', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] })), [
    // With exactly one source present upstream forbids nothing, even the wrong one.
    'spec.metrics[0].pods: Required value: must populate information for the given metric source',
  ]);
  assert.deepEqual(invalid(hpa({ scaleTargetRef: REF, maxReplicas: 3, metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1' } }, resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] })), [
    'spec.metrics[0].resource: Forbidden: must populate the given metric source only',
  ]);
  assert.deepEqual(invalid(hpa({ scaleTargetRef: REF, maxReplicas: 3, metrics: [{ type: 'Bogus' }] })), [
    'spec.metrics[0].type: Unsupported value: "Bogus": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
    'spec.metrics[0].type: Unsupported value: "Bogus": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
  ]);
  assert.deepEqual(invalid(hpa({ scaleTargetRef: REF, maxReplicas: 3, behavior: { scaleUp: { selectPolicy: 'Most', policies: [], stabilizationWindowSeconds: 4000 } } })), [
    'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600',
    'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Most": supported values: "Disabled", "Max", "Min"',
    'spec.behavior.scaleUp.policies: Required value: must specify at least one Policy',
  ]);
  assert.deepEqual(invalid(hpa({ scaleTargetRef: REF, maxReplicas: 3, behavior: { scaleDown: { policies: [{ type: 'Pods', value: 0, periodSeconds: 1801 }] } } })), [
    'spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero',
    'spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800',
  ]);
});

test('an update may keep minReplicas 0 only if the autoscaler already had it', () => {
  const c = new Cluster();
  const h = c.api.create(hpa({ scaleTargetRef: REF, maxReplicas: 3 })) as HorizontalPodAutoscaler;
  assert.throws(() => c.api.update({ ...h, spec: { ...h.spec!, minReplicas: 0 } }), /spec.minReplicas: Invalid value: 0: must be greater than or equal to 1/);
});
