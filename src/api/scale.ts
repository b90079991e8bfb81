import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { ApiServer, WriteOptions } from './api-server.ts';
import { StatusError } from './errors.ts';
import { Selector } from './labels.ts';

/** The autoscaling/v1 Scale a `/scale` subresource answers: desired and observed replicas, and the pod selector. */
export interface Scale {
  specReplicas: number;
  statusReplicas: number;
  /** status.selector: the pods' label selector as a string (`app=web,tier in (a)`). */
  selector: string;
  resourceVersion: string;
}

type Scalable = { spec?: { replicas?: number; selector?: unknown }; status?: { replicas?: number } };

/**
 * The resources served with a scale subresource, and how each turns its selector into the
 * Scale's status.selector (the registries' scale storage in pkg/registry/apps/… and
 * pkg/registry/core/replicationcontroller): a LabelSelector's String(), or a plain map's.
 */
const SELECTORS: Record<string, (spec: Scalable['spec']) => string> = {
  replicationcontrollers: (spec) => Selector.fromSet(spec?.selector as Record<string, string> | undefined).toString(),
  'deployments.apps': (spec) => Selector.fromLabelSelector(spec?.selector as LabelSelector | undefined).toString(),
  'replicasets.apps': (spec) => Selector.fromLabelSelector(spec?.selector as LabelSelector | undefined).toString(),
  'statefulsets.apps': (spec) => Selector.fromLabelSelector(spec?.selector as LabelSelector | undefined).toString(),
};

/** Whether a group-qualified resource has a scale subresource. */
export function hasScaleSubresource(gr: string): boolean {
  return gr in SELECTORS;
}

/** GET …/scale: NotFound for a missing object, or for a resource without the subresource. */
export function getScale(api: ApiServer, gr: string, namespace: string | undefined, name: string): Scale {
  if (!hasScaleSubresource(gr)) throw new StatusError('NotFound', 'the server could not find the requested resource');
  const obj = api.get<Scalable & { kind: string }>(gr, namespace, name);
  return {
    specReplicas: obj.spec?.replicas ?? 0,
    statusReplicas: obj.status?.replicas ?? 0,
    selector: SELECTORS[gr](obj.spec),
    resourceVersion: obj.metadata.resourceVersion,
  };
}

/** PUT …/scale with a new spec.replicas: a merge patch of the parent's spec.replicas, as the scale storage does. */
export function updateScale(api: ApiServer, gr: string, namespace: string | undefined, name: string, replicas: number, options: WriteOptions = {}): void {
  if (!hasScaleSubresource(gr)) throw new StatusError('NotFound', 'the server could not find the requested resource');
  api.patch(gr, namespace, name, 'merge', { spec: { replicas } }, options);
}
