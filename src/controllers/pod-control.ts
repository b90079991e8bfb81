import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { NAMESPACE_TERMINATING_CAUSE } from '../api/admission/index.ts';
import { StatusError } from '../api/errors.ts';
import type { Stored } from '../store/object.ts';
import type { ControllerContext } from './context.ts';

/**
 * GetPodFromTemplate (pkg/controller/controller_utils.go): the template's labels, annotations,
 * finalizers and spec, in the owner's namespace, with the owner as controller.
 */
export function podFromTemplate(template: PodTemplateSpec | undefined, namespace: string | undefined, generateName: string, controllerRef: OwnerReference): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace,
      labels: template?.metadata?.labels,
      annotations: template?.metadata?.annotations,
      finalizers: template?.metadata?.finalizers,
      ownerReferences: [controllerRef],
    },
    spec: template?.spec ?? { containers: [] },
  };
}

/** The admission refusal every controller treats as "nothing to do": the namespace is being deleted. */
export function namespaceTerminating(e: StatusError): boolean {
  return e.status.details?.causes?.some((c) => c.reason === NAMESPACE_TERMINATING_CAUSE) ?? false;
}

/**
 * RealPodControl.CreatePodsWithGenerateName: creates the pod and records SuccessfulCreate, or
 * FailedCreate unless the namespace is being terminated (no event then, as upstream). Returns
 * the API error, if any; whether a terminating namespace counts as failure is the caller's call.
 */
export function createPod(ctx: ControllerContext, owner: Stored, pod: Pod, component: string): StatusError | undefined {
  try {
    const created = ctx.api.create(pod, { fieldManager: component });
    ctx.events.record(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, { component });
    return undefined;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    if (!namespaceTerminating(e)) ctx.events.record(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, { component });
    return e;
  }
}
