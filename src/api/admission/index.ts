import type { Pod } from 'kubernetes-types/core/v1.js';
import { StatusError, type StatusCause } from '../errors.ts';
import type { KindInfo, RequestContext } from '../registry.ts';
import type { KubeObject } from '../../store/object.ts';

/** v1.NamespaceTerminatingCause: the StatusCause type of a create refused by a terminating namespace. */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

/**
 * The admission chain of a default kube-apiserver on create, in its plugin order, for what this
 * engine models: NamespaceLifecycle, ServiceAccount, Priority, DefaultTolerationSeconds. It runs
 * before the registry generates a name, on the API server's private copy of the object.
 */
export function admitCreate(kind: KindInfo, obj: KubeObject, ctx: RequestContext): void {
  if (kind.namespaced) namespaceLifecycle(kind, obj, ctx);
  if (kind.kind === 'Pod') {
    serviceAccount(obj as Pod, ctx, kind);
    priority(obj as Pod);
    defaultTolerationSeconds(obj as Pod);
  }
}

/**
 * The name admission errors print (extractResourceName, apiserver/pkg/admission/errors.go): the
 * name, else the generateName (names are generated after admission), else `Unknown`.
 */
function admissionName(obj: KubeObject): string {
  return obj.metadata?.name || obj.metadata?.generateName || 'Unknown';
}

/** admission.NewForbidden: `<resource>[.<group>] "<name>" is forbidden: <reason>`. */
function forbiddenError(kind: KindInfo, obj: KubeObject, reason: string, causes?: StatusCause[]): StatusError {
  const name = admissionName(obj);
  const resource = kind.group ? `${kind.resource}.${kind.group}` : kind.resource;
  return new StatusError('Forbidden', `${resource} "${name}" is forbidden: ${reason}`, { name, group: kind.group || undefined, kind: kind.resource, causes });
}

/**
 * NamespaceLifecycle (apiserver/pkg/admission/plugin/namespace/lifecycle): no new objects in a
 * namespace that is missing, or terminating; the latter carries the NamespaceTerminating cause
 * controllers look for.
 */
function namespaceLifecycle(kind: KindInfo, obj: KubeObject, ctx: RequestContext): void {
  const ns = obj.metadata?.namespace ?? '';
  const found = ctx.get('namespaces', undefined, ns) as { status?: { phase?: string } } | undefined;
  if (!found) throw new StatusError('NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
  if (found.status?.phase === 'Terminating' && kind.kind !== 'Event') {
    throw forbiddenError(kind, obj, `unable to create new content in namespace ${ns} because it is being terminated`, [
      { reason: NAMESPACE_TERMINATING_CAUSE, message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' },
    ]);
  }
}

const TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * ServiceAccount admission (plugin/pkg/admission/serviceaccount/admission.go): the `default`
 * account, and the projected `kube-api-access-<5>` volume mounted read-only in every container.
 */
function serviceAccount(pod: Pod, ctx: RequestContext, podKindInfo: KindInfo): void {
  const spec = pod.spec!;
  const name = spec.serviceAccountName || spec.serviceAccount || 'default';
  const ns = pod.metadata?.namespace ?? 'default';
  if (!ctx.get('serviceaccounts', ns, name)) {
    throw forbiddenError(podKindInfo, pod, `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`);
  }
  spec.serviceAccountName = name;
  spec.serviceAccount = name;
  if (spec.automountServiceAccountToken === false) return;
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if (containers.some((c) => c.volumeMounts?.some((m) => m.mountPath === TOKEN_MOUNT))) return;
  const volumeName = `kube-api-access-${ctx.randomSuffix(5)}`;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name: volumeName,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ];
  for (const c of containers) c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT }];
}

/** Priority admission with no PriorityClass: priority 0. */
function priority(pod: Pod): void {
  pod.spec!.priority ??= 0;
  pod.spec!.preemptionPolicy ??= 'PreemptLowerPriority';
}

/** DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300 s. */
function defaultTolerationSeconds(pod: Pod): void {
  const tolerations = pod.spec!.tolerations ?? [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!has) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  pod.spec!.tolerations = tolerations;
}
