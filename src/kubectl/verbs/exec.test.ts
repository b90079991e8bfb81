import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import { tutorialCluster } from '../../cluster-config.ts';
import { runKubectl } from '../index.ts';

/** A tutorial cluster with the given pods created and settled (all Running). */
function clusterWith(...pods: Pod[]): Cluster {
  const cluster = new Cluster(tutorialCluster());
  for (const pod of pods) cluster.api.create({ apiVersion: 'v1', kind: 'Pod', ...pod, metadata: { namespace: 'default', ...pod.metadata } });
  cluster.settle();
  return cluster;
}

const myapp: Pod = { metadata: { name: 'pod-test', labels: { app: 'myapp' } }, spec: { containers: [{ name: 'myapp-container', image: 'ikubernetes/myapp:v1' }] } };

const exec = (cluster: Cluster, line: string, stdin?: string) => runKubectl(cluster, line.split(' '), { stdin });

test('ps aux in an alpine image: busybox columns, PID 1 first, then ps itself', () => {
  const r = exec(clusterWith(myapp), 'exec -it pod-test -- ps aux');
  assert.equal(r.exitCode, 0);
  assert.equal(
    r.stdout,
    [
      'PID   USER     TIME  COMMAND',
      '    1 root      0:00 nginx: master process nginx -g daemon off;',
      '    2 nginx     0:00 nginx: worker process',
      '    3 root      0:00 ps aux',
      '',
    ].join('\n'),
  );
});

test('printenv: PATH, HOSTNAME, image ENV, service links (a rotation of their Go map), HOME last', () => {
  const r = exec(clusterWith(myapp), 'exec pod-test -- printenv');
  const names = r.stdout.trim().split('\n').map((l) => l.slice(0, l.indexOf('=')));
  assert.deepEqual(names.slice(0, 3), ['PATH', 'HOSTNAME', 'NGINX_VERSION']);
  assert.equal(names.at(-1), 'HOME');
  const links = ['KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT', 'KUBERNETES_SERVICE_PORT_HTTPS', 'KUBERNETES_PORT', 'KUBERNETES_PORT_443_TCP', 'KUBERNETES_PORT_443_TCP_PROTO', 'KUBERNETES_PORT_443_TCP_PORT', 'KUBERNETES_PORT_443_TCP_ADDR'];
  const shown = names.slice(3, -1);
  const start = links.indexOf(shown[0]);
  assert.deepEqual(shown, [...links.slice(start), ...links.slice(0, start)]);
  assert.match(r.stdout, /^HOSTNAME=pod-test$/m);
  assert.match(r.stdout, /^KUBERNETES_PORT_443_TCP=tcp:\/\/10\.96\.0\.1:443$/m);
  // The order is fixed for a container's life: a second exec shows the same.
  assert.equal(exec(clusterWith(myapp), 'exec pod-test -- printenv').stdout, r.stdout);
});

test('env from fieldRef and $(VAR) expansion; -it adds TERM', () => {
  const pod: Pod = {
    metadata: { name: 'env' },
    spec: {
      containers: [{
        name: 'c',
        image: 'ikubernetes/myapp:v1',
        env: [
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'MSG', value: 'on $(NODE) in $(NS), $(MISSING) $$(ESCAPED)' },
        ],
      }],
    },
  };
  const cluster = clusterWith(pod);
  assert.equal(exec(cluster, 'exec env -- printenv MSG').stdout, 'on node2 in default, $(MISSING) $(ESCAPED)\n');
  assert.match(exec(cluster, 'exec -it env -- printenv').stdout, /TERM=xterm\nHOME=\/root\n$/);
  const missing = exec(cluster, 'exec env -- printenv NOPE');
  assert.deepEqual([missing.stdout, missing.stderr, missing.exitCode], ['', 'command terminated with exit code 1\n', 1]);
});

test('cat, ls, hostname, date and sh -c over the container', () => {
  const cluster = clusterWith(myapp);
  assert.equal(exec(cluster, 'exec pod-test -- cat /usr/share/nginx/html/index.html').stdout, 'Hello MyApp | Version: v1 | <a href="hostname.html">Pod Name</a>\n');
  assert.equal(exec(cluster, 'exec pod-test -- ls /usr/share/nginx/html').stdout, '50x.html\nhostname.html\nindex.html\n');
  assert.match(exec(cluster, 'exec pod-test -- ls -l /usr/share/nginx/html').stdout, /^total 12\n-rw-r--r-- {4}1 root {5}root {11}537 Mar 30 12:00 50x\.html\n/);
  assert.equal(exec(cluster, 'exec pod-test -- hostname').stdout, 'pod-test\n');
  assert.match(exec(cluster, 'exec pod-test -- date').stdout, /^Thu Sep {2}6 06:57:\d\d UTC 2018\n$/);
  const r = runKubectl(cluster, ['exec', 'pod-test', '--', 'sh', '-c', 'echo $HOSTNAME; ps']);
  assert.match(r.stdout, /^pod-test\nPID .*\n(.*\n){2} +\d+ root +0:00 sh -c echo \$HOSTNAME; ps\n +\d+ root +0:00 ps\n$/);
  const failing = runKubectl(cluster, ['exec', 'pod-test', '--', 'sh', '-c', 'exit 3']);
  assert.deepEqual([failing.stderr, failing.exitCode], ['command terminated with exit code 3\n', 3]);
  assert.equal(exec(cluster, 'exec -i pod-test -- cat', 'piped\n').stdout, 'piped\n');
});

test('the errors kubectl 1.32 prints against containerd', () => {
  const cluster = clusterWith(myapp);
  const cases: [string, string, number][] = [
    ['exec nope -- ps', 'Error from server (NotFound): pods "nope" not found\n', 1],
    ['exec pod-test -c nope -- ps', 'Error from server (BadRequest): container nope is not valid for pod pod-test\n', 1],
    ['exec pod-test ps', "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n", 1],
    ['exec pod-test', 'error: you must specify at least one command for the container\n', 1],
    ['exec pod-test -- sh -c foo', 'sh: foo: not found\ncommand terminated with exit code 127\n', 127],
  ];
  for (const [line, stderr, code] of cases) {
    const r = exec(cluster, line);
    assert.deepEqual([r.stderr, r.exitCode], [stderr, code], line);
  }
  const missing = exec(cluster, 'exec pod-test -- foo');
  assert.match(
    missing.stderr,
    /^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in \$PATH: unknown\n$/,
  );
  assert.match(exec(cluster, 'exec pod-test -- /bin/bash').stderr, /exec: "\/bin\/bash": stat \/bin\/bash: no such file or directory: unknown\n$/);
});

test('a container that is not running yet, and a pod with several containers', () => {
  const cluster = new Cluster(tutorialCluster());
  cluster.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'two', namespace: 'default' },
    spec: { containers: [{ name: 'web', image: 'nginx' }, { name: 'box', image: 'busybox', command: ['sleep', '3600'] }] },
  });
  assert.equal(exec(cluster, 'exec two -- ps').stderr, 'Defaulted container "web" out of: web, box\nError from server (BadRequest): pod two does not have a host assigned\n');
  cluster.reconcile();
  cluster.advance(1000);
  assert.equal(exec(cluster, 'exec two -c box -- ps').stderr, 'error: Internal error occurred: unable to upgrade connection: container not found ("box")\n');
  cluster.settle();
  // Debian images have no ps; busybox runs the pod's own command as PID 1.
  assert.match(exec(cluster, 'exec -q two -- ps').stderr, /exec: "ps": executable file not found in \$PATH/);
  assert.equal(exec(cluster, 'exec two -c box -- ps').stdout.split('\n')[1], '    1 root      0:00 sleep 3600');
});

test('exec TYPE/NAME runs in the first pod of the selector', () => {
  const cluster = new Cluster({ ...tutorialCluster(), cwd: new URL('../../../scenarios/replicaset/', import.meta.url).pathname });
  runKubectl(cluster, ['create', '-f', 'rs-damo.yaml']);
  cluster.settle();
  const r = exec(cluster, 'exec rs/myapp -- hostname');
  assert.match(r.stdout, /^myapp-[a-z0-9]{5}\n$/);
});
