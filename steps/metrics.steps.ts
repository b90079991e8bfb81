import { Given, When } from '@cucumber/cucumber';
import { Quantity } from '../src/api/quantity.ts';
import type { KubespecWorld } from './world.ts';

// Every pod matching the selector in `default`, now or later, uses this much CPU (`300m`, `1.5`), as metrics-server reports it.
Given('pods matching {string} use {word} of CPU', function (this: KubespecWorld, selector: string, cpu: string) {
  this.cluster.kubelet.metrics.setPodUsage('default', this.expand(selector), { cpu: Quantity.parse(cpu).milliValue() });
});

// Every pod matching the selector in `default`, now or later, uses this much memory (`64Mi`).
Given('pods matching {string} use {word} of memory', function (this: KubespecWorld, selector: string, memory: string) {
  this.cluster.kubelet.metrics.setPodUsage('default', this.expand(selector), { memory: Quantity.parse(memory).value() });
});

// Simulated HTTP load: N requests per second shared by the Ready pods matching the selector, each request costing 10ms of CPU.
Given('pods matching {string} receive {int} requests per second', function (this: KubespecWorld, selector: string, rps: number) {
  this.cluster.kubelet.metrics.setTraffic('default', this.expand(selector), rps);
});

// Ends the CPU, memory and traffic loads given for the selector: its pods fall back to their image's idle usage.
When('the load on pods matching {string} stops', function (this: KubespecWorld, selector: string) {
  this.cluster.kubelet.metrics.clearLoad('default', this.expand(selector));
});
