import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLines, main, type CliIO } from './cli.ts';

const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: ikubernetes/myapp:v1
`;

/** A folder with rs.yaml and a transcript. */
function folder(transcript: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubespec-cli-'));
  writeFileSync(join(dir, 'rs.yaml'), RS);
  writeFileSync(join(dir, 'play.sh'), transcript);
  return dir;
}

async function run(argv: string[], cwd: string, stdin = ''): Promise<{ out: string; err: string; code: number }> {
  let out = '', err = '';
  const io: CliIO = { write: (t) => void (out += t), error: (t) => void (err += t), readStdin: async () => stdin, cwd };
  const code = await main(argv, io);
  return { out, err, code };
}

const TRANSCRIPT = `# comments and blank lines are skipped

kubectl create -f rs.yaml
kubectl get pods
sleep 30
kubectl get rs
kubectl get pods nope
`;

test('play: each line echoed, then what it printed; manifests from the transcript folder', async () => {
  const dir = folder(TRANSCRIPT);
  const r = await run(['play', 'play.sh', '--seed', 'fixed'], dir);
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  const lines = r.out.split('\n');
  assert.deepEqual(lines.filter((l) => l.startsWith('$ ')), ['$ kubectl create -f rs.yaml', '$ kubectl get pods', '$ sleep 30', '$ kubectl get rs', '$ kubectl get pods nope']);
  assert.match(r.out, /^\$ kubectl create -f rs\.yaml\nreplicaset\.apps\/web created\n\$ kubectl get pods\nNAME +READY +STATUS +RESTARTS +AGE\nweb-[a-z0-9]{5} +1\/1 +Running +0 +\ds\n/);
  // The cluster settled after `create`, then 30 seconds passed.
  assert.match(r.out, /\$ kubectl get rs\nNAME +DESIRED +CURRENT +READY +AGE\nweb +2 +2 +2 +3\ds\n/);
  assert.match(r.out, /\$ kubectl get pods nope\nError from server \(NotFound\): pods "nope" not found\n$/);
});

test('play: the same seed gives the same transcript, another seed other names', async () => {
  const dir = folder(TRANSCRIPT);
  const a = await run(['play', join(dir, 'play.sh'), '--seed', 'fixed'], '/');
  const b = await run(['play', join(dir, 'play.sh'), '--seed=fixed'], '/');
  const c = await run(['play', join(dir, 'play.sh'), '--seed', 'other'], '/');
  assert.equal(a.out, b.out);
  assert.notEqual(a.out, c.out);
});

test('play -: the transcript comes from stdin, manifests from the working folder', async () => {
  const dir = folder('');
  const r = await run(['play', '-'], dir, 'kubectl create -f rs.yaml\nkubectl get rs -o name\n');
  assert.equal(r.out, '$ kubectl create -f rs.yaml\nreplicaset.apps/web created\n$ kubectl get rs -o name\nreplicaset.apps/web\n');
});

test('a missing transcript is exit status 1; usage errors 2', async () => {
  assert.deepEqual(await run(['play', 'nope.sh'], tmpdir()), { out: '', err: 'kubespec: cannot read nope.sh: no such file\n', code: 1 });
  assert.equal((await run([], '/')).code, 2);
  assert.equal((await run(['dance'], '/')).code, 2);
  assert.equal((await run(['play', 'a', 'b'], '/')).code, 2);
});

test('commandLines: continuations joined, comments and blank lines dropped', () => {
  assert.deepEqual(commandLines('# c\n\nkubectl get \\\n    pods\n  echo hi  \n'), ['kubectl get pods', 'echo hi']);
});

test('bin/kubespec.mjs runs the CLI through tsx', () => {
  const dir = folder('kubectl create -f rs.yaml\n');
  const bin = new URL('../bin/kubespec.mjs', import.meta.url).pathname;
  const out = execFileSync(process.execPath, [bin, 'play', join(dir, 'play.sh')], { encoding: 'utf8' });
  assert.equal(out, '$ kubectl create -f rs.yaml\nreplicaset.apps/web created\n');
});
