import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { Selector } from '../api/labels.ts';
import { Clock } from '../sim/clock.ts';
import { RandomStream } from '../sim/random.ts';
import type { KubeObject, Stored } from './object.ts';
import { Store } from './store.ts';
import type { WatchEvent } from './watch-event.ts';

function store(): { store: Store; events: WatchEvent[]; clock: Clock } {
  const clock = new Clock(Date.UTC(2024, 0, 1));
  const events: WatchEvent[] = [];
  return { store: new Store(clock, (e) => events.push(e)), events, clock };
}

const pod = (name: string, labels?: Record<string, string>, namespace = 'default', ownerReferences?: OwnerReference[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, uid: `uid-${namespace}-${name}`, labels, ownerReferences },
});

const names = (objs: readonly Stored[]) => objs.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort();
const owner = (uid: string, controller = false): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid, controller });

test('every write takes the next resourceVersion, shared by all resources', () => {
  const { store: s } = store();
  const a = s.insert('pods', pod('a'));
  const n = s.insert('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'n1' } });
  const a2 = s.replace('pods', { ...a, metadata: { ...a.metadata, labels: { x: 'y' } } });
  const gone = s.remove('pods', 'default', 'a');
  assert.deepEqual([a, n, a2, gone!].map((o) => o.metadata.resourceVersion), ['1', '2', '3', '4']);
  assert.equal(s.resourceVersion, 4);
  assert.equal(s.remove('pods', 'default', 'a'), undefined, 'removing what is gone writes nothing');
  assert.equal(s.resourceVersion, 4);
  assert.throws(() => s.insert('nodes', { metadata: { name: 'n1' } }), /exists/);
  assert.throws(() => s.replace('pods', pod('missing')), /missing/);
  assert.equal(s.resourceVersion, 4, 'refused writes take no version');
});

test('history and watch notifications record every change in order, with the state before', () => {
  const { store: s, events, clock } = store();
  const a = s.insert('pods', pod('a'));
  clock.advanceTo(clock.now() + 5000);
  s.replace('pods', { ...a, metadata: { ...a.metadata, labels: { v: '2' } } });
  s.remove('pods', 'default', 'a');
  assert.deepEqual(
    s.history.map((e) => [e.type, e.resourceVersion, e.object.metadata.resourceVersion, e.old?.metadata.resourceVersion]),
    [
      ['ADDED', 1, '1', undefined],
      ['MODIFIED', 2, '2', '1'],
      ['DELETED', 3, '3', '2'],
    ],
  );
  assert.deepEqual(events, s.history);
  assert.equal(s.history[1].time - s.history[0].time, 5000);
  assert.deepEqual(s.history[2].object.metadata.labels, { v: '2' }, 'DELETED carries the last state');
});

test('label, owner and controller indexes follow updates and removals', () => {
  const { store: s } = store();
  const p = s.insert('pods', pod('p', { app: 'web', tier: 'fe' }, 'default', [owner('rs1', true), owner('other')]));
  s.insert('pods', pod('q', { app: 'web' }, 'dev'));
  assert.deepEqual(names(s.byIndex('pods', 'label', 'app=web')), ['default/p', 'dev/q']);
  assert.deepEqual(names(s.byIndex('pods', 'label', 'tier')), ['default/p']);
  assert.deepEqual(names(s.byIndex('pods', 'owner', 'other')), ['default/p']);
  assert.deepEqual(names(s.byIndex('pods', 'controller', 'rs1')), ['default/p']);
  assert.deepEqual(names(s.byIndex('pods', 'controller', 'other')), []);
  assert.deepEqual(names(s.byIndex('pods', 'namespace', 'dev')), ['dev/q']);

  // Relabel and release: the old values no longer find the pod.
  s.replace('pods', { ...p, metadata: { ...p.metadata, labels: { app: 'api' }, ownerReferences: [owner('other')] } });
  assert.deepEqual(names(s.byIndex('pods', 'label', 'app=web')), ['dev/q']);
  assert.deepEqual(names(s.byIndex('pods', 'label', 'tier')), []);
  assert.deepEqual(names(s.byIndex('pods', 'label', 'app=api')), ['default/p']);
  assert.deepEqual(names(s.byIndex('pods', 'controller', 'rs1')), []);
  assert.deepEqual(names(s.byIndex('pods', 'owner', 'other')), ['default/p']);

  s.remove('pods', 'default', 'p');
  for (const [index, value] of [['label', 'app=api'], ['owner', 'other'], ['namespace', 'default']]) {
    assert.deepEqual(names(s.byIndex('pods', index, value)), [], `${index}=${value} after removal`);
  }
  assert.deepEqual(names(s.byIndex('pods', 'label', 'app')), ['dev/q']);
});

test('a custom index is built over what is stored and then kept up to date', () => {
  const { store: s } = store();
  const onNode = (name: string, node?: string): KubeObject => ({ ...pod(name), spec: { nodeName: node } } as KubeObject);
  s.insert('pods', onNode('a', 'n1'));
  s.defineIndex('pods', 'node', (o) => {
    const n = (o as { spec?: { nodeName?: string } }).spec?.nodeName;
    return n ? [n] : [];
  });
  const b = s.insert('pods', onNode('b'));
  assert.deepEqual(names(s.byIndex('pods', 'node', 'n1')), ['default/a']);
  s.replace('pods', { ...b, spec: { nodeName: 'n1' } } as KubeObject);
  assert.deepEqual(names(s.byIndex('pods', 'node', 'n1')), ['default/a', 'default/b']);
  s.remove('pods', 'default', 'a');
  assert.deepEqual(names(s.byIndex('pods', 'node', 'n1')), ['default/b']);
});

test('list keeps insertion order; list by namespace uses the namespace index', () => {
  const { store: s } = store();
  for (const [n, ns] of [['c', 'default'], ['a', 'dev'], ['b', 'default']]) s.insert('pods', pod(n, undefined, ns));
  assert.deepEqual(s.list('pods').map((o) => o.metadata.name), ['c', 'a', 'b']);
  assert.deepEqual(s.list('pods', 'default').map((o) => o.metadata.name), ['c', 'b']);
  assert.equal(s.count('pods'), 3);
  assert.deepEqual(s.list('nodes'), []);
});

test('select() through the label index finds exactly what a full scan finds, for random selectors', () => {
  const { store: s } = store();
  const rnd = new RandomStream('store-select');
  const keys = ['app', 'tier', 'env', 'n'];
  const values: Record<string, string[]> = { app: ['web', 'api', 'db'], tier: ['fe', 'be'], env: ['dev', 'prod', ''], n: ['1', '2', '10', 'x'] };
  const randomLabels = () => {
    const labels: Record<string, string> = {};
    for (const k of keys) if (rnd.int(3) > 0) labels[k] = values[k][rnd.int(values[k].length)];
    return labels;
  };
  const namespaces = ['default', 'dev', 'prod'];
  for (let i = 0; i < 300; i++) s.insert('pods', pod(`p${i}`, randomLabels(), namespaces[rnd.int(3)]));
  // Churn: relabel and remove some, so the index has history.
  for (let i = 0; i < 300; i += 3) {
    const found = s.list('pods').find((o) => o.metadata.name === `p${i}`)!;
    if (i % 2) s.remove('pods', found.metadata.namespace, found.metadata.name);
    else s.replace('pods', { ...found, metadata: { ...found.metadata, labels: randomLabels() } });
  }
  const requirement = () => {
    const k = keys[rnd.int(keys.length)];
    const v = () => values[k][rnd.int(values[k].length)];
    switch (rnd.int(9)) {
      case 0: return `${k}=${v()}`;
      case 1: return `${k}==${v()}`;
      case 2: return `${k}!=${v()}`;
      case 3: return `${k} in (${v()},${v()})`;
      case 4: return `${k} notin (${v()})`;
      case 5: return k;
      case 6: return `!${k}`;
      case 7: return `n>${rnd.int(5)}`;
      default: return `n<${rnd.int(5)}`;
    }
  };
  for (let i = 0; i < 400; i++) {
    const text = Array.from({ length: 1 + rnd.int(3) }, requirement).join(',');
    const selector = Selector.parse(text);
    for (const ns of [undefined, ...namespaces]) {
      const scan = s.list('pods', ns).filter((o) => selector.matches(o.metadata.labels));
      assert.deepEqual(names(s.select('pods', ns, selector)), names(scan), `${text} in ${ns ?? 'all namespaces'}`);
    }
  }
  assert.deepEqual(s.select('pods', undefined, Selector.nothing()), []);
  assert.equal(s.select('pods', undefined, Selector.everything()).length, s.count('pods'));
});
