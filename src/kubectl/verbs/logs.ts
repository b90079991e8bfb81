import type { Pod } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { badRequestError, StatusError } from '../../api/errors.ts';
import { Selector } from '../../api/labels.ts';
import { isPodReady, maxContainerRestarts, podReadyTime } from '../../api/pod-util.ts';
import { groupResource } from '../../api/registry.ts';
import { ContainerLogError, readContainerLogs } from '../../node/container-logs.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import { parseDuration } from '../../sim/duration.ts';
import type { AnyObject, Stored } from '../../store/object.ts';
import type { Command, Invocation } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { resolveKind } from '../resources.ts';

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/**
 * kubectl logs (staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go): a pod, or the first pod of
 * TYPE/NAME (polymorphichelpers.LogsForObject, "Found N pods, using pod/…"), its default
 * container, then the API server's and the kubelet's checks and the container's log. Streaming
 * (-f) and selectors (-l) are not simulated.
 */
export const logsCommand: Command = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'timestamps', type: 'bool' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'pod-running-timeout', type: 'string', default: '20s' },
  ],
  run(inv) {
    const { args, flags, output } = inv;
    if (args.length === 0 || args.length > 2) throw usageError();
    const named = args[1];
    if (named !== undefined && flags.has('container')) throw new KubectlError('error: only one of -c or an inline [CONTAINER] arg is allowed');
    const tail = flags.int('tail') ?? -1;
    if (tail < -1) throw new KubectlError('error: --tail must be greater than or equal to -1');
    const pod = findPod(inv, args[0]);
    const container = named ?? flags.string('container') ?? defaultContainer(inv, pod);
    // The API server (pod.LogLocation): the container must exist; an unscheduled pod has no logs yet.
    if (!hasContainer(pod, container)) throw new KubectlError(`error: container ${container} is not valid for pod ${pod.metadata.name}`);
    if (!pod.spec?.nodeName) return 0;
    try {
      output.write(readContainerLogs(inv.ctx.kubelet, pod, { container, previous: flags.bool('previous'), timestamps: flags.bool('timestamps'), tailLines: tail }, inv.ctx.clock.now()));
    } catch (e) {
      if (e instanceof ContainerLogError) throw badRequestError(e.message);
      throw e;
    }
    return 0;
  },
};

function usageError(): KubectlError {
  return new KubectlError(`error: ${USAGE}\nSee 'kubectl logs -h' for help and examples`);
}

/** The builder's lookup (NotFound reworded by Complete), then the first pod of a controller's selector. */
function findPod(inv: Invocation, resource: string): Stored<Pod> {
  const { ctx, namespace } = inv;
  const slash = resource.indexOf('/');
  const kind = slash < 0 ? undefined : resolveKind(ctx, resource.slice(0, slash));
  const name = slash < 0 ? resource : resource.slice(slash + 1);
  let obj: Stored<AnyObject>;
  try {
    obj = ctx.api.get(kind ? groupResource(kind) : 'pods', namespace, name) as Stored<AnyObject>;
  } catch (e) {
    if (e instanceof StatusError && e.reason === 'NotFound') throw new KubectlError(`error: error from server (NotFound): ${e.message} in namespace "${namespace}"`);
    throw e;
  }
  if (!kind || kind.kind === 'Pod') return obj as unknown as Stored<Pod>;
  const ls = (obj.spec as { selector?: LabelSelector | Record<string, string> } | undefined)?.selector;
  if (!ls) throw new KubectlError(`error: cannot get the logs from *v1.${kind.kind}: selector for *v1.${kind.kind} not implemented`);
  const selector = 'matchLabels' in ls || 'matchExpressions' in ls ? Selector.fromLabelSelector(ls as LabelSelector) : Selector.fromSet(ls as Record<string, string>);
  const pods = () => ctx.api.list<Pod>('pods', obj.metadata.namespace, { labelSelector: selector });
  // GetFirstPod waits for a pod to appear when there is none yet.
  if (pods().length === 0 && !ctx.waitUntil(() => pods().length > 0, parseDuration(inv.flags.string('pod-running-timeout') ?? '20s'))) {
    throw new KubectlError('error: timed out waiting for the condition');
  }
  // The API lists pods by name; the ranking then picks the pod to read.
  const sorted = [...pods()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0)).sort(byLogging);
  if (sorted.length > 1) inv.output.err(`Found ${sorted.length} pods, using pod/${sorted[0].metadata.name}`);
  return sorted[0];
}

const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

/** podutils.ByLogging: assigned, running, ready (longest), most restarted, oldest pods first. */
function byLogging(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '', nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return na ? -1 : 1;
  const pa = PHASE_RANK[a.status?.phase ?? ''] ?? 0, pb = PHASE_RANK[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a), rb = isPodReady(b);
  if (ra !== rb) return ra ? -1 : 1;
  if (ra && rb) {
    const ta = podReadyTime(a) ?? 0, tb = podReadyTime(b) ?? 0;
    if (ta !== tb) return ta - tb;
  }
  const ca = maxContainerRestarts(a), cb = maxContainerRestarts(b);
  if (ca !== cb) return cb - ca;
  return (parseRfc3339(a.metadata?.creationTimestamp) ?? 0) - (parseRfc3339(b.metadata?.creationTimestamp) ?? 0);
}

/** logsForObjectWithClient: the annotated default container, else the first, saying so when there was a choice. */
function defaultContainer(inv: Invocation, pod: Stored<Pod>): string {
  const containers = pod.spec?.containers ?? [];
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated) {
    if (hasContainer(pod, annotated)) return annotated;
    inv.output.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}`);
  }
  const first = containers[0]?.name ?? '';
  const init = pod.spec?.initContainers ?? [];
  const ephemeral = pod.spec?.ephemeralContainers ?? [];
  if (containers.length > 1 || init.length > 0 || ephemeral.length > 0) {
    // podcmd.AllContainerNames: containers, then ephemeral, then init containers.
    const names = [...containers.map((c) => c.name), ...ephemeral.map((c) => `${c.name} (ephem)`), ...init.map((c) => `${c.name} (init)`)];
    inv.output.err(`Defaulted container "${first}" out of: ${names.join(', ')}`);
  }
  return first;
}

function hasContainer(pod: Pod, name: string): boolean {
  const spec = pod.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? []), ...(spec?.ephemeralContainers ?? [])].some((c) => c.name === name);
}
