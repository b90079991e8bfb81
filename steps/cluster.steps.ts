import { Given } from '@cucumber/cucumber';
import { tutorialCluster } from '../src/cluster-config.ts';
import type { KubespecWorld } from './world.ts';

// Starts the tutorial's cluster: control-plane `master` (tainted NoSchedule), `node1`, `node2`, with its node IPs and pod ranges.
Given('the tutorial cluster', function (this: KubespecWorld) {
  this.start(tutorialCluster());
});

// Starts a cluster of N identical workers plus a control-plane node.
Given('a cluster with {int} worker node(s)', function (this: KubespecWorld, workers: number) {
  this.startUniform(workers);
});

// Seeds the random source (names, IPs, scheduling ties); set before the cluster starts.
Given('the random seed {string}', function (this: KubespecWorld, seed: string) {
  if (this.started) throw new Error('set the seed before the cluster starts');
  this.seed = seed;
});

// Defines a file (a manifest) in place; `-f` finds it before looking on disk.
Given('a file {string}:', function (this: KubespecWorld, path: string, text: string) {
  this.cluster.files.set(path, text);
});

// Makes pulling an image fail (ErrImagePull, then ImagePullBackOff).
Given('the registry has no image {string}', function (this: KubespecWorld, image: string) {
  this.cluster.images.markMissing(image);
});

// Adds repositories to the image catalogue (entries shaped as in src/node/images.yaml): how their containers run and end.
Given('the image catalogue has:', function (this: KubespecWorld, yaml: string) {
  this.cluster.images.addYaml(yaml);
});
