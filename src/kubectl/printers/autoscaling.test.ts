import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import { formatHpaMetrics } from './autoscaling.ts';

const cpu = (averageUtilization?: number, averageValue?: string): MetricSpec => ({ type: 'Resource', resource: { name: 'cpu', target: { type: averageValue ? 'AverageValue' : 'Utilization', averageUtilization, averageValue } } });
const cpuNow = (averageUtilization: number, averageValue: string): MetricStatus => ({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization, averageValue } } });

test('TARGETS cells as printers.go formatHPAMetrics writes them (v1.32)', () => {
  const cases: [MetricSpec[] | undefined, MetricStatus[] | null | undefined, string][] = [
    [undefined, undefined, '<none>'],
    [[cpu(80)], null, 'cpu: <unknown>/80%'],
    [[cpu(80)], [{ type: '' }], 'cpu: <unknown>/80%'],
    [[cpu(80)], [cpuNow(45, '45m')], 'cpu: 45%/80%'],
    [[cpu(undefined, '500m')], [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '250m' } } }], 'cpu: 250m/500m'],
    [[{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } }], null, '<unknown>/10'],
    [[{ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } }], null, '<unknown>/30 (avg)'],
    [[cpu(80), cpu(70), cpu(60)], [cpuNow(1, '1m')], 'cpu: 1%/80%, cpu: <unknown>/70% + 1 more...'],
  ];
  for (const [specs, statuses, want] of cases) assert.equal(formatHpaMetrics(specs, statuses), want);
});
