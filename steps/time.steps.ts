import { When } from '@cucumber/cucumber';
import type { KubespecWorld } from './world.ts';

When('{duration} pass(es)', function (this: KubespecWorld, ms: number) {
  this.cluster.advance(ms);
});

When('the cluster settles', function (this: KubespecWorld) {
  this.cluster.settle();
});
