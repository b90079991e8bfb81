import { When } from '@cucumber/cucumber';
import type { KubespecWorld } from './world.ts';

// Lets virtual time pass (`23 seconds`, `5 minutes`, `1 hour`), running everything due meanwhile.
When('{duration} pass(es)', function (this: KubespecWorld, ms: number) {
  this.cluster.advance(ms);
});

// Runs everything in flight to completion, jumping virtual time as far as needed.
When('the cluster settles', function (this: KubespecWorld) {
  this.cluster.settle();
});
