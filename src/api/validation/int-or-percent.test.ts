import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../cluster.ts';
import { StatusError } from '../errors.ts';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.ts';
import { formatFieldError } from '../field-errors.ts';

test('a bad percent is reported as the IntOrString itself, as v1.32 field errors print it with %#v', () => {
  const [err] = validatePositiveIntOrPercent('x', 'spec.strategy.rollingUpdate.maxSurge');
  assert.equal(formatFieldError(err!), `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"x"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`);
  assert.deepEqual(validatePositiveIntOrPercent('25%', 'p'), []);
  assert.equal(validatePositiveIntOrPercent(-1, 'p').length, 1);
  assert.equal(notMoreThan100Percent('101%', 'p').length, 1);
  assert.deepEqual(notMoreThan100Percent(101, 'p'), [], 'an absolute number is not a percentage');
});

test('a Deployment with maxUnavailable "x" is refused with the same wording, and nothing is written', () => {
  const cluster = new Cluster();
  const before = cluster.store.resourceVersion;
  assert.throws(
    () => cluster.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 'x' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'ikubernetes/myapp:v1' }] } },
      },
    }),
    (e: unknown) => e instanceof StatusError && e.message.includes('spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"x"}'),
  );
  assert.equal(cluster.store.resourceVersion, before);
});
