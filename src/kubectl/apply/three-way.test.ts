import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaForKind, type PatchSchema } from '../../api/patch/merge-keys.ts';
import { mergeStrategic, strategicMerge, type Json, type JsonMap } from '../../api/patch/strategic.ts';
import { loadUpstreamCases, mergeItemSchema } from '../../api/patch/testdata/merge-item.ts';
import { goJson } from './go-json.ts';
import { createThreeWayMergePatch, createTwoWayMergePatch } from './three-way.ts';

const cases = loadUpstreamCases();
const apply = (original: JsonMap | undefined, patch: JsonMap) =>
  mergeStrategic(structuredClone(original ?? {}), structuredClone(patch), mergeItemSchema, { mergeParallelList: true, ignoreUnmatchedNulls: true });

test('upstream raw cases: the two-way patch, byte for byte', () => {
  for (const c of cases.rawCases) {
    if (c.twoWay === undefined) continue;
    assert.deepEqual(createTwoWayMergePatch(c.original ?? {}, c.modified ?? {}, mergeItemSchema), c.twoWay, c.description);
  }
});

test('upstream raw cases: the three-way patch and the object it makes of the live one', () => {
  for (const c of cases.rawCases) {
    if (c.threeWay === undefined) continue;
    const patch = createThreeWayMergePatch(c.original, c.modified ?? {}, c.current ?? {}, mergeItemSchema);
    assert.deepEqual(patch, c.threeWay, c.description);
    if (c.result) assert.deepEqual(apply(c.current, patch), c.result, c.description);
  }
});

/** sortMergeListsByName: upstream compares these cases with merge lists sorted. */
function sortMergeLists(value: JsonMap, schema: PatchSchema): JsonMap {
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(value)) {
    const { meta, schema: sub } = schema.lookup(k);
    if (Array.isArray(v) && meta.strategy === 'merge' && !k.startsWith('$')) {
      const text = (x: Json) => String(meta.mergeKey ? (x as JsonMap)[meta.mergeKey] : x);
      out[k] = [...v].map((x) => (meta.mergeKey ? sortMergeLists(x as JsonMap, sub) : x)).sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = sortMergeLists(v, sub);
    } else {
      out[k] = v;
    }
  }
  return out;
}

test('upstream map cases (added, changed, deleted fields; conflicts overwritten as kubectl apply does)', () => {
  for (const c of cases.createCases) {
    const sorted = (m: JsonMap | undefined) => sortMergeLists(m ?? {}, mergeItemSchema);
    if (c.twoWay !== undefined) assert.deepEqual(sorted(createTwoWayMergePatch(c.original ?? {}, c.modified ?? {}, mergeItemSchema)), sorted(c.twoWay), c.description);
    if (c.threeWay === undefined) continue;
    const patch = createThreeWayMergePatch(c.original, c.modified ?? {}, c.current ?? {}, mergeItemSchema);
    assert.deepEqual(sorted(patch), sorted(c.threeWay), c.description);
    if (c.result) assert.deepEqual(sorted(apply(c.current, patch)), sorted(c.result), c.description);
  }
});

const deployment = (spec: JsonMap): JsonMap => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment' }, spec });
const template = (image: string, extra: JsonMap = {}): JsonMap => ({
  metadata: { labels: { app: 'nginx' } },
  spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }], ...extra }] },
});

test('kubectl apply docs: fields dropped from the file are cleared, fields set by others are kept', () => {
  // kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config, "Merge patch calculation".
  const lastApplied = deployment({ minReadySeconds: 5, selector: { matchLabels: { app: 'nginx' } }, template: template('nginx:1.14.2') });
  const file = deployment({ selector: { matchLabels: { app: 'nginx' } }, template: template('nginx:1.16.1') });
  const live = deployment({
    replicas: 2,
    minReadySeconds: 5,
    selector: { matchLabels: { app: 'nginx' } },
    template: template('nginx:1.14.2', { imagePullPolicy: 'IfNotPresent' }),
  });
  const schema = schemaForKind('Deployment');
  const patch = createThreeWayMergePatch(lastApplied, file, live, schema);
  assert.deepEqual(patch, {
    spec: {
      minReadySeconds: null,
      template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } },
    },
  });
  const result = strategicMerge(live, patch, 'Deployment') as { spec: JsonMap & { template: { spec: { containers: JsonMap[] } } } };
  assert.equal(result.spec.replicas, 2);
  assert.equal('minReadySeconds' in result.spec, false);
  assert.deepEqual(result.spec.template.spec.containers, [{ name: 'nginx', image: 'nginx:1.16.1', ports: [{ containerPort: 80 }], imagePullPolicy: 'IfNotPresent' }]);
});

test('a container port changed in the file: the new port, a delete directive for the old, their order', () => {
  // The PATCH body real kubectl 1.32 sent (shared/reference/kubectl-wire.md, "Patch bodies").
  const container = (port: number, extra: JsonMap = {}) => ({ template: { spec: { containers: [{ name: 'app', image: 'img', ports: [{ containerPort: port, ...extra }] }] } } });
  const patch = createThreeWayMergePatch(deployment(container(80)), deployment(container(8080)), deployment(container(80, { protocol: 'TCP' })), schemaForKind('Deployment'));
  assert.equal(
    goJson((patch as { spec: { template: { spec: JsonMap } } }).spec.template.spec.containers),
    '[{"$setElementOrder/ports":[{"containerPort":8080}],"name":"app","ports":[{"containerPort":8080},{"$patch":"delete","containerPort":80}]}]',
  );
});

test('nothing changed in the file: an empty patch even though the server filled in defaults', () => {
  const file = deployment({ replicas: 1, template: template('nginx') });
  const live = deployment({ replicas: 1, progressDeadlineSeconds: 600, template: template('nginx', { terminationMessagePath: '/dev/termination-log' }) });
  assert.deepEqual(createThreeWayMergePatch(file, file, live, schemaForKind('Deployment')), {});
});

test('no last applied configuration: nothing is deleted, the file still wins where it says something', () => {
  const live = deployment({ replicas: 3, paused: true });
  assert.deepEqual(createThreeWayMergePatch(undefined, deployment({ replicas: 4 }), live, schemaForKind('Deployment')), { spec: { replicas: 4 } });
});
