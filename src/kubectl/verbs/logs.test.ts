import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../cluster.ts';
import { rfc3339Nano } from '../../node/container-logs.ts';
import { runKubectl } from '../index.ts';

/** kubectl logs (pkg/cmd/logs/logs.go) and the kubelet's validateContainerLogStatus wording. */
function cluster(pods: string): Cluster {
  const c = new Cluster();
  c.files.set('pods.yaml', pods);
  runKubectl(c, ['apply', '-f', 'pods.yaml']);
  return c;
}

const POD = (name: string, command: string, restartPolicy = 'Never', extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: ${restartPolicy}
  containers:
  - name: main
    image: busybox
    command: ["sh", "-c", "${command}"]
${extra}---
`;

const logs = (c: Cluster, ...argv: string[]) => runKubectl(c, ['logs', ...argv]);

test('waiting, terminated and previous: the kubelet\'s messages, as Error from server (BadRequest)', () => {
  const c = cluster(POD('once', 'echo one; echo two; echo three'));
  assert.equal(logs(c, 'once').stderr, 'Error from server (BadRequest): container "main" in pod "once" is waiting to start: ContainerCreating\n');
  c.settle();
  assert.equal(logs(c, 'once').stdout, 'one\ntwo\nthree\n');
  assert.equal(logs(c, 'once', '--tail=2').stdout, 'two\nthree\n');
  assert.equal(logs(c, 'once', '--tail', '0').stdout, '');
  const r = logs(c, 'once', '-p');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'Error from server (BadRequest): previous terminated container "main" in pod "once" not found\n');
});

test('--previous reads the last run of a restarted container; in CrashLoopBackOff both name that run', () => {
  const c = cluster(POD('crash', 'echo run; exit 1', 'Always'));
  c.advance(15_000);
  const pod = c.store.get('pods', 'default', 'crash') as { status?: { containerStatuses?: { restartCount: number; state?: { waiting?: { reason?: string } } }[] } };
  assert.equal(pod.status?.containerStatuses?.[0].state?.waiting?.reason, 'CrashLoopBackOff');
  assert.equal(logs(c, 'crash').stdout, 'run\n');
  assert.equal(logs(c, 'crash', '--previous').stdout, 'run\n');
});

test('client-side errors: usage, a pod that does not exist, a container that is not there', () => {
  const c = cluster(POD('p', 'echo hi'));
  c.settle();
  assert.equal(logs(c).stderr, "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
  assert.equal(logs(c, 'nope').stderr, 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n');
  assert.equal(logs(c, 'job/nope').stderr, 'error: error from server (NotFound): jobs.batch "nope" not found in namespace "default"\n');
  assert.equal(logs(c, 'p', '-c', 'side').stderr, 'error: container side is not valid for pod p\n');
  assert.equal(logs(c, 'p', 'main', '-c', 'main').stderr, 'error: only one of -c or an inline [CONTAINER] arg is allowed\n');
  assert.equal(logs(c, 'p', 'main').stdout, 'hi\n');
});

test('several containers: the first is the default, and kubectl says which it chose', () => {
  const c = cluster(`apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  restartPolicy: Never
  containers:
  - name: a
    image: busybox
    command: ["echo", "from a"]
  - name: b
    image: busybox
    command: ["echo", "from b"]
`);
  c.settle();
  const r = logs(c, 'two');
  assert.equal(r.stdout, 'from a\n');
  assert.equal(r.stderr, 'Defaulted container "a" out of: a, b\n');
  assert.equal(logs(c, 'two', '-c', 'b').stdout, 'from b\n');
});

test('timestamps are RFC 3339 with nanoseconds, trailing zeros dropped', () => {
  assert.equal(rfc3339Nano(Date.UTC(2018, 8, 6, 6, 57, 3)), '2018-09-06T06:57:03Z');
  assert.equal(rfc3339Nano(Date.UTC(2018, 8, 6, 6, 57, 3, 400)), '2018-09-06T06:57:03.4Z');
  assert.equal(rfc3339Nano(Date.UTC(2018, 8, 6, 6, 57, 3, 25)), '2018-09-06T06:57:03.025Z');
});
