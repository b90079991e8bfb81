import { Given, When } from '@cucumber/cucumber';
import type { KubespecWorld } from './world.ts';

/** `disktype=ssd,zone=b` as a label map. */
function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const i = pair.indexOf('=');
    if (i < 0) throw new Error(`not a label (key=value): ${pair}`);
    labels[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return labels;
}

// A worker joins with the next InternalIP and pod range after the nodes there (the tutorial's `node3`: 192.168.130.106, 10.244.3.0/24); pods waiting for room are scheduled on it.
Given('a node {string} joins the cluster', function (this: KubespecWorld, name: string) {
  this.cluster.joinNode(name);
});

// The same, the node labelled (`disktype=ssd,zone=b`).
Given('a node {string} with labels {string} joins the cluster', function (this: KubespecWorld, name: string, labels: string) {
  this.cluster.joinNode(name, parseLabels(labels));
});

// The node leaves for good: its machine goes and its Node is deleted (as `kubectl delete node`); the pod GC deletes its pods 40–60 s later.
When('node {string} is removed', function (this: KubespecWorld, name: string) {
  this.cluster.removeNode(name);
});

// The node's kubelet stops reporting (cut off from the API server): at the first 5-second pass more than 50 s after its last Lease renewal the node is NotReady (Ready Unknown) and tainted unreachable, NoExecute 5 s later; its pods are evicted 300 s after that and stay Terminating.
When('node {string} stops reporting', function (this: KubespecWorld, name: string) {
  this.cluster.stopReporting(name);
});

// The node's kubelet reports NotReady (`container runtime is down`): Ready False, tainted not-ready.
When('node {string} reports NotReady', function (this: KubespecWorld, name: string) {
  this.cluster.reportNotReady(name);
});

// The node's kubelet reports again, and Ready: the taints go, and it deletes the pods that were evicted meanwhile.
When('node {string} comes back', function (this: KubespecWorld, name: string) {
  this.cluster.resumeReporting(name);
});
