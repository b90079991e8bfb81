import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Terminal } from '../terminal.ts';
import { clusterWith, kubectl, RS_YAML } from './apply/testing.ts';

/** A ReplicaSet of one pod whose name is wider than the first table's NAME column. */
const LONG_YAML = RS_YAML.replace('name: myapp\n', 'name: myapp-with-a-much-longer-name\n').replace(/app: myapp/g, 'app: long').replace('replicas: 2', 'replicas: 1');

/** A terminal on a cluster whose two myapp pods are 20s old. */
function terminal(): { t: Terminal; advance: (ms: number) => void; settle: () => void } {
  const c = clusterWith({ 'rs.yaml': RS_YAML, 'long.yaml': LONG_YAML });
  const t = new Terminal(c);
  t.run('kubectl create -f rs.yaml');
  c.advance(20_000);
  return { t, advance: (ms) => c.advance(ms), settle: () => c.settle() };
}

test('get -w in the background: the table, then a row per change with the ages of that moment; widths remembered, no second header', () => {
  const { t, advance } = terminal();
  t.run('kubectl get pods -w &');
  t.run('kubectl get rs --watch-only --output-watch-events &');
  t.run('kubectl get pods -w -l app=myapp -o name &');
  t.run('kubectl create -f long.yaml');
  advance(10_000);
  t.run('kill %1 %2 %3');
  t.close();
  assert.equal(
    t.text(),
    `$ kubectl create -f rs.yaml
replicaset.apps/myapp created
$ kubectl get pods -w &
[1] 1001
NAME          READY   STATUS    RESTARTS   AGE
myapp-t4gwt   1/1     Running   0          20s
myapp-vhb2h   1/1     Running   0          20s
$ kubectl get rs --watch-only --output-watch-events &
[2] 1002
$ kubectl get pods -w -l app=myapp -o name &
[3] 1003
pod/myapp-t4gwt
pod/myapp-vhb2h
$ kubectl create -f long.yaml
replicaset.apps/myapp-with-a-much-longer-name created
myapp-with-a-much-longer-name-mjtcj   0/1     Pending   0          0s
myapp-with-a-much-longer-name-mjtcj   0/1     Pending   0          0s
myapp-with-a-much-longer-name-mjtcj   0/1     ContainerCreating   0          0s
EVENT      NAME                            DESIRED   CURRENT   READY   AGE
ADDED      myapp-with-a-much-longer-name   1         0         0       0s
MODIFIED   myapp-with-a-much-longer-name   1         0         0       0s
MODIFIED   myapp-with-a-much-longer-name   1         1         0       0s
myapp-with-a-much-longer-name-mjtcj   1/1     Running             0          1s
MODIFIED   myapp-with-a-much-longer-name   1         1         1       1s
$ kill %1 %2 %3
[1]   Terminated              kubectl get pods -w
[2]-  Terminated              kubectl get rs --watch-only --output-watch-events
[3]+  Terminated              kubectl get pods -w -l app=myapp -o name
`,
  );
});

test('a selector watch sees a pod that stops matching leave (DELETED, its new state) and the replacement arrive (ADDED)', () => {
  const { t, settle } = terminal();
  t.run('kubectl get pods -l app=myapp --output-watch-events -w &');
  t.run('kubectl label pod myapp-t4gwt app=other --overwrite');
  settle();
  t.close();
  assert.ok(
    t.text().endsWith(`EVENT      NAME          READY   STATUS    RESTARTS   AGE
ADDED      myapp-t4gwt   1/1     Running   0          20s
ADDED      myapp-vhb2h   1/1     Running   0          20s
$ kubectl label pod myapp-t4gwt app=other --overwrite
pod/myapp-t4gwt labeled
DELETED    myapp-t4gwt   1/1     Running   0          20s
ADDED      myapp-mjtcj   0/1     Pending   0          0s
MODIFIED   myapp-mjtcj   0/1     Pending   0          0s
MODIFIED   myapp-mjtcj   0/1     ContainerCreating   0          0s
MODIFIED   myapp-mjtcj   1/1     Running             0          1s
`),
    t.text(),
  );
});

test('a deleted pod prints its last state; in the foreground the watch runs until the cluster settles', () => {
  const { t } = terminal();
  t.run('kubectl delete pod myapp-t4gwt --wait=false');
  const r = t.run('kubectl get pods myapp-t4gwt -w');
  assert.equal(
    r.stdout,
    `NAME          READY   STATUS        RESTARTS   AGE
myapp-t4gwt   1/1     Terminating   0          20s
myapp-t4gwt   0/1     Completed     0          21s
myapp-t4gwt   0/1     Completed     0          21s
`,
  );
});

test('watch refuses several kinds and missing objects; without a terminal to keep running in, it prints the table only', () => {
  const c = clusterWith();
  assert.deepEqual(kubectl(c, ['get', 'pods,rs', '-w']), {
    stdout: '',
    stderr: 'error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n',
    exitCode: 1,
  });
  assert.deepEqual(kubectl(c, ['get', 'pods', 'nope', '-w']), { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
  assert.deepEqual(kubectl(c, ['get', 'nodes', 'node1', '-w']), { stdout: 'NAME    STATUS   ROLES    AGE   VERSION\nnode1   Ready    <none>   24h   v1.32.0\n', stderr: '', exitCode: 0 });
  assert.deepEqual(kubectl(c, ['get', 'pods', '-w']), { stdout: '', stderr: '', exitCode: 0 }, 'no "No resources found": the header comes with the first row');
});
