import { Cluster } from '../../cluster.ts';
import type { KubectlIO, KubectlResult } from '../context.ts';
import { runKubectl } from '../index.ts';

/** Helpers the mutating verbs' unit tests share: a tutorial cluster with manifests, and kubectl. */

/** A ReplicaSet of two ikubernetes/myapp pods (the tutorial's rs-demo, trimmed). */
export const RS_YAML = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: myapp
spec:
  replicas: 2
  selector:
    matchLabels:
      app: myapp
  template:
    metadata:
      labels:
        app: myapp
    spec:
      containers:
      - name: myapp
        image: ikubernetes/myapp:v1
        ports:
        - containerPort: 80
`;

/** A ReplicationController of one pod. */
export const RC_YAML = `apiVersion: v1
kind: ReplicationController
metadata:
  name: web
spec:
  replicas: 1
  selector:
    app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: ikubernetes/myapp:v1
`;

/** The tutorial cluster (master, node1, node2) with the given files. */
export function clusterWith(files: Record<string, string> = { 'rs.yaml': RS_YAML }): Cluster {
  const cluster = new Cluster();
  for (const [name, text] of Object.entries(files)) cluster.files.set(name, text);
  return cluster;
}

/** Runs one kubectl command line given as separate arguments; the streams and exit code. */
export function kubectl(cluster: Cluster, argv: string[], io: KubectlIO = {}): Omit<KubectlResult, 'display'> {
  const { stdout, stderr, exitCode } = runKubectl(cluster, argv, io);
  return { stdout, stderr, exitCode };
}

/** Runs a command that must succeed and returns its stdout. */
export function ok(cluster: Cluster, argv: string[], io: KubectlIO = {}): string {
  const r = runKubectl(cluster, argv, io);
  if (r.exitCode !== 0) throw new Error(`kubectl ${argv.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}
