import { defineParameterType } from '@cucumber/cucumber';

const UNIT_MS: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `23 seconds`, `5 minutes`, `1 hour`, `1.5 days`: a duration in milliseconds. */
defineParameterType({
  name: 'duration',
  regexp: /(\d+(?:\.\d+)?) (milliseconds?|seconds?|minutes?|hours?|days?)/,
  transformer: (n: string, unit: string) => Math.round(Number(n) * UNIT_MS[unit.replace(/s$/, '')]),
});

/** A kind or resource as a user writes it: `ReplicaSet`, `pod`, `rs`, `replicationcontroller`. */
defineParameterType({
  name: 'kind',
  regexp: /[A-Za-z][A-Za-z.]*/,
  transformer: (s: string) => s,
});

/** `pods`, `1 pod`, `pods matching "app=myapp"`: the pods a timeline step counts; the selector, if one is given. */
defineParameterType({
  name: 'pods',
  regexp: /pods?(?: matching "([^"]*)")?/,
  transformer: (selector?: string) => selector,
});

/** How a timeline step counts pods: `existed` (not being deleted), `were running`, `were ready`, `were available`. */
defineParameterType({
  name: 'pod-state',
  regexp: /existed|were running|were ready|were available|was running|was ready|was available/,
  transformer: (s: string) => ({ existed: 'existing', running: 'running', ready: 'ready', available: 'available' })[s.split(' ').pop()!],
});
