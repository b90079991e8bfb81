import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedWorkloads, RolloutTracker, rolloutScope } from './rollout.ts';
import { HistoryBuilder } from './testing.ts';

test('changed workloads: creations, spec changes and deletions of objects no controller owns', () => {
  const h = new HistoryBuilder().rs('bare', 1).rs('web-1', 1, { deployment: 'web' });
  assert.deepEqual(changedWorkloads(h.store.history, 0, h.rv).map((w) => `${w.kind}/${w.name} ${w.selector}`), ['ReplicaSet/bare app=web,rs=bare'], "a Deployment's ReplicaSet is the Deployment's business");
  const from = h.rv;
  h.pod('a', 'bare');
  const rs = h.store.get('replicasets.apps', 'default', 'bare')!;
  h.store.replace('replicasets.apps', { ...rs, status: { replicas: 1 } } as typeof rs);
  assert.deepEqual(changedWorkloads(h.store.history, from, h.rv), [], 'pods and status writes change no workload');
  h.scale('bare', 2);
  assert.equal(changedWorkloads(h.store.history, from, h.rv).length, 1, 'a new generation does');
});

test('the rollout starts with the last command that changed a workload, unless a step noted the time', () => {
  const h = new HistoryBuilder();
  const tracker = new RolloutTracker();
  const command = (run: () => void) => {
    const before = h.rv;
    run();
    tracker.commandRan(h.store.history, before, h.rv, h.clock.now());
  };
  // Read through a function: the assertions below would otherwise narrow the getter's type.
  const rollout = () => tracker.rollout;
  command(() => h.pod('bare'));
  assert.equal(rollout(), undefined, 'a bare pod is no workload');
  command(() => h.at(1).rs('web-1', 1));
  command(() => h.at(2).rs('web-2', 1));
  assert.deepEqual([rollout()?.fromRv, rollout()?.workloads.map((w) => w.name)], [2, ['web-2']]);
  assert.deepEqual(tracker.first, { fromRv: 1, fromTime: h.clock.now() - 1000 }, 'the picture starts with the first change');
  tracker.note(h.rv, h.clock.now());
  assert.deepEqual(rolloutScope(rollout()!), { namespace: 'default' }, 'a noted rollout that changed nothing yet is about every pod of the namespace');
  const noted = h.rv;
  command(() => h.scale('web-1', 0));
  command(() => h.scale('web-2', 3));
  assert.deepEqual([rollout()?.fromRv, rollout()?.workloads.map((w) => w.name)], [noted, ['web-1', 'web-2']], 'after a note, the workloads accumulate');
  assert.deepEqual(rolloutScope(rollout()!).selectors?.map(String), ['app=web,rs=web-1', 'app=web,rs=web-2']);
});
