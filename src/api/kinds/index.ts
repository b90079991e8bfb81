import type { KindInfo } from '../registry.ts';
import { eventKind, namespaceKind, nodeKind, serviceAccountKind } from './cluster.ts';
import { controllerRevisionKind } from './controller-revision.ts';
import { cronJobKind } from './cronjob.ts';
import { daemonSetKind } from './daemonset.ts';
import { deploymentKind } from './deployment.ts';
import { horizontalPodAutoscalerKind } from './hpa.ts';
import { jobKind } from './job.ts';
import { podKind } from './pod.ts';
import { replicaSetKind } from './replica-set.ts';
import { replicationControllerKind } from './replication-controller.ts';

/** Every kind the engine serves, in `kubectl api-resources` order. */
export const BUILTIN_KINDS: readonly KindInfo[] = [
  eventKind,
  namespaceKind,
  nodeKind,
  podKind,
  replicationControllerKind,
  serviceAccountKind,
  controllerRevisionKind,
  daemonSetKind,
  deploymentKind,
  replicaSetKind,
  horizontalPodAutoscalerKind,
  cronJobKind,
  jobKind,
];
