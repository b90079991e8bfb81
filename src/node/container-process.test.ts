import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../cluster.ts';
import type { Stored } from '../store/object.ts';
import { appendLines, type LogLine } from './container-process.ts';
import { readContainerLogs } from './container-logs.ts';

/** Containers that run to an end: scripts, tools, catalogue programs, failTimes; what they log. */
function run(command: string[] | undefined, opts: { image?: string; restartPolicy?: string; catalogue?: string } = {}): { cluster: Cluster; pod: () => Stored<Pod> } {
  const cluster = new Cluster();
  if (opts.catalogue) cluster.images.addYaml(opts.catalogue);
  cluster.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { restartPolicy: opts.restartPolicy ?? 'Never', containers: [{ name: 'c', image: opts.image ?? 'busybox', ...(command ? { command } : {}) }] },
  });
  cluster.settle();
  return { cluster, pod: () => cluster.store.get<Pod>('pods', 'default', 'p')! };
}

const terminated = (pod: Pod) => pod.status?.containerStatuses?.[0].state?.terminated;
const logs = (c: Cluster, previous = false, timestamps = false) => readContainerLogs(c.kubelet, c.store.get<Pod>('pods', 'default', 'p')!, { container: 'c', previous, timestamps }, c.clock.now());

test('a sh -c script runs in virtual time: its output is its log, its status the exit code', () => {
  const { cluster, pod } = run(['sh', '-c', 'echo hello; sleep 5; echo bye; exit 3']);
  const t = terminated(pod())!;
  assert.equal(t.exitCode, 3);
  assert.equal(t.reason, 'Error');
  assert.equal(Date.parse(t.finishedAt!) - Date.parse(t.startedAt!), 5000);
  assert.equal(pod().status?.phase, 'Failed');
  assert.equal(logs(cluster, false, true), `${t.startedAt} hello\n${t.finishedAt} bye\n`);
});

test('an unknown command in a script is the shell\'s "not found", status 127', () => {
  const { cluster, pod } = run(['sh', '-c', 'nosuch; echo $?']);
  assert.equal(logs(cluster), 'sh: nosuch: not found\n127\n');
  assert.equal(terminated(pod())!.exitCode, 0);
  assert.equal(pod().status?.phase, 'Succeeded');
});

test('a base-image tool runs directly: sleep N exits 0 after N seconds, echo prints', () => {
  const sleeper = run(['sleep', '30']).pod();
  assert.equal(Date.parse(terminated(sleeper)!.finishedAt!) - Date.parse(terminated(sleeper)!.startedAt!), 30_000);
  const { cluster } = run(['echo', 'hi', 'there']);
  assert.equal(logs(cluster), 'hi there\n');
});

test('what the simulation cannot follow runs until stopped: loops, redirections, sleep infinity, unknown images', () => {
  for (const [command, image] of [
    [['sh', '-c', 'while true; do date; sleep 2; done'], 'busybox'],
    [['sh', '-c', 'echo x > /tmp/f'], 'busybox'],
    [['sleep', 'infinity'], 'busybox'],
    [['python', 'main.py'], 'example/app:1'],
    [['sh', '-c', 'python main.py'], 'example/app:1'],
    [['nginx', '-g', 'daemon off;'], 'nginx'],
  ] as [string[], string][]) {
    const { pod } = run(command, { image });
    assert.ok(pod().status?.containerStatuses?.[0].state?.running, `${command.join(' ')} in ${image}`);
  }
});

test('a command the (known) image lacks cannot start: StartError, 128, runc\'s message', () => {
  const { pod } = run(['frobnicate']);
  const t = terminated(pod())!;
  assert.deepEqual([t.exitCode, t.reason, t.startedAt], [128, 'StartError', '1970-01-01T00:00:00Z']);
  assert.equal(t.message, 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "frobnicate": executable file not found in $PATH: unknown');
});

test('failTimes: the first runs fail, counted across restarts (OnFailure), and the last one succeeds', () => {
  const catalogue = '- repository: example/flaky\n  base: busybox\n  exit: { after: 2, code: 0, failTimes: 2, stdout: "attempt\\n" }\n';
  const { cluster, pod } = run(undefined, { image: 'example/flaky', restartPolicy: 'OnFailure', catalogue });
  const status = pod().status!.containerStatuses![0];
  assert.equal(status.restartCount, 2);
  assert.equal(status.state?.terminated?.reason, 'Completed');
  assert.equal(status.lastState?.terminated?.exitCode, 1);
  assert.equal(logs(cluster, true), 'attempt\n');
});

test('a catalogue program: the run whose arguments match', () => {
  const { cluster, pod } = run(['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'], { image: 'perl:5.34.0' });
  assert.equal(terminated(pod())!.exitCode, 0);
  assert.equal(logs(cluster).length, 2002);
});

test('log lines: one per newline, a last line without one kept as partial', () => {
  const log: LogLine[] = [];
  appendLines(log, 5, 'stdout', 'a\nb\nc');
  assert.deepEqual(log.map((l) => [l.text, l.newline]), [['a', true], ['b', true], ['c', false]]);
  appendLines(log, 6, 'stderr', '');
  assert.equal(log.length, 3);
});
