import { Given } from '@cucumber/cucumber';
import { tutorialCluster } from '../src/cluster-config.ts';
import type { KubespecWorld } from './world.ts';

Given('the tutorial cluster', function (this: KubespecWorld) {
  this.start(tutorialCluster());
});

Given('a cluster with {int} worker node(s)', function (this: KubespecWorld, workers: number) {
  this.startUniform(workers);
});

Given('the random seed {string}', function (this: KubespecWorld, seed: string) {
  if (this.started) throw new Error('set the seed before the cluster starts');
  this.seed = seed;
});

Given('a file {string}:', function (this: KubespecWorld, path: string, text: string) {
  this.cluster.files.set(path, text);
});

Given('the image {string} does not exist', function (this: KubespecWorld, image: string) {
  this.cluster.images.markMissing(image);
});
