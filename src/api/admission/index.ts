import type { Pod } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../errors.ts';
import type { KindInfo, RequestContext } from '../registry.ts';
import type { KubeObject } from '../../store/object.ts';

/**
 * The admission chain of a default kube-apiserver, for what this engine models: mutating
 * plugins first (ServiceAccount, Priority, DefaultTolerationSeconds), then the validating
 * NamespaceLifecycle check. Each runs on a private copy of the incoming object.
 */
export function admitCreate(kind: KindInfo, obj: KubeObject, ctx: RequestContext): void {
  if (kind.namespaced) namespaceLifecycle(kind, obj, ctx);
  if (kind.kind === 'Pod') {
    serviceAccount(obj as Pod, ctx);
    priority(obj as Pod);
    defaultTolerationSeconds(obj as Pod);
  }
}

/** NamespaceLifecycle: no new objects in a namespace that is missing or terminating. */
function namespaceLifecycle(kind: KindInfo, obj: KubeObject, ctx: RequestContext): void {
  const ns = obj.metadata?.namespace ?? '';
  const found = ctx.get('namespaces', undefined, ns) as { status?: { phase?: string } } | undefined;
  if (!found) throw new StatusError('NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
  if (found.status?.phase === 'Terminating' && kind.kind !== 'Event') {
    throw new StatusError('Forbidden', `${kind.resource} "${obj.metadata?.name ?? ''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
      name: obj.metadata?.name,
      kind: kind.resource,
    });
  }
}

const TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * ServiceAccount admission (plugin/pkg/admission/serviceaccount/admission.go): the `default`
 * account, and the projected `kube-api-access-<5>` volume mounted read-only in every container.
 */
function serviceAccount(pod: Pod, ctx: RequestContext): void {
  const spec = pod.spec!;
  const name = spec.serviceAccountName || spec.serviceAccount || 'default';
  const ns = pod.metadata?.namespace ?? 'default';
  if (!ctx.get('serviceaccounts', ns, name)) {
    throw new StatusError('Forbidden', `pods "${pod.metadata?.name ?? pod.metadata?.generateName ?? ''}" is forbidden: error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`, {
      name: pod.metadata?.name,
      kind: 'pods',
    });
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
