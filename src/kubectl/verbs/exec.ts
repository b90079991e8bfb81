import type { Pod } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { badRequestError } from '../../api/errors.ts';
import { Selector } from '../../api/labels.ts';
import { isPodReady, maxContainerRestarts, podReadyTime } from '../../api/pod-util.ts';
import { groupResource } from '../../api/registry.ts';
import { execInContainer } from '../../node/container-exec.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import { parseDuration } from '../../sim/duration.ts';
import type { AnyObject, Stored } from '../../store/object.ts';
import type { Command, Invocation } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { readManifests } from '../manifests.ts';
import { resolveKind } from '../resources.ts';

/** The annotation that names the container kubectl picks when -c is not given (KEP 2227). */
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/**
 * kubectl exec (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go): find the pod (a pod name, or the
 * first pod of TYPE/NAME), pick the container, then run the command through the API server, the
 * kubelet and the container runtime, each of which has its own way to fail.
 */
export const execCommand: Command = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(inv) {
    const { ctx, flags, output } = inv;
    const { resource, command } = commandLine(inv);
    const pod = findPod(inv, resource);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
    const container = flags.string('container') || defaultContainer(inv, pod);
    // The API server's exec location check (pkg/registry/core/pod/strategy.go streamLocation).
    if (!hasContainer(pod, container)) throw badRequestError(`container ${container} is not valid for pod ${pod.metadata.name}`);
    if (!pod.spec?.nodeName) throw badRequestError(`pod ${pod.metadata.name} does not have a host assigned`);
    const tty = setupTty(inv);
    const stdin = flags.bool('stdin') ? (inv.io.stdin ?? '') : '';
    const outcome = execInContainer(
      { kubelet: ctx.kubelet, store: ctx.store, clock: ctx.clock, wait: (ms) => void ctx.waitUntil(() => false, ms) },
      { pod, container, argv: command, stdin, tty },
    );
    // kubectl 1.32 streams over WebSockets; the API server translates to SPDY towards the kubelet
    // and reports what fails there as an InternalError (apiserver/pkg/util/proxy/streamtranslator.go).
    if (outcome.kind === 'not-running') throw new KubectlError(`error: Internal error occurred: unable to upgrade connection: container not found ("${container}")`);
    if (outcome.kind === 'start-failed') {
      // containerd reports the failed start as an InternalError on the stream, which the
      // translator wraps once more: hence the doubled prefix real clusters show.
      throw new KubectlError(
        `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${outcome.execId}": ${outcome.error}`,
      );
    }
    output.write(outcome.stdout);
    output.writeErr(outcome.stderr);
    if (outcome.exitCode !== 0) output.err(`command terminated with exit code ${outcome.exitCode}`);
    return outcome.exitCode;
  },
};

/** Complete and Validate: the pod argument and the command after `--`. */
function commandLine(inv: Invocation): { resource: string; command: string[] } {
  const { args, flags } = inv;
  const dash = flags.parsed.dash;
  let resource: string | undefined = args[0];
  if (!dash && args.length > 1) {
    throw new KubectlError("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
  }
  const files = flags.strings('filename');
  if (!resource && files.length) {
    const first = readManifests(inv.ctx, files, inv.io.stdin)[0]?.object;
    if (first) resource = `${first.kind ?? ''}/${first.metadata?.name ?? ''}`;
  }
  if (!resource) throw new KubectlError('error: pod, type/name or --filename must be specified');
  const command = dash ? inv.rest : [];
  if (command.length === 0) throw new KubectlError('error: you must specify at least one command for the container');
  return { resource, command };
}

/** The builder's lookup, then AttachablePodForObject: a pod as is, else the first pod of its selector. */
function findPod(inv: Invocation, resource: string): Stored<Pod> {
  const { ctx, namespace } = inv;
  const slash = resource.indexOf('/');
  if (slash < 0) return ctx.api.get<Pod>('pods', namespace, resource);
  const kind = resolveKind(ctx, resource.slice(0, slash));
  const obj = ctx.api.get(groupResource(kind), namespace, resource.slice(slash + 1)) as Stored<AnyObject>;
  if (kind.kind === 'Pod') return obj as unknown as Stored<Pod>;
  const selector = selectorOf(obj);
  if (!selector) throw new KubectlError(`error: cannot attach to *v1.${kind.kind}: selector for *v1.${kind.kind} not implemented`);
  const first = () => firstPod(ctx.api.list<Pod>('pods', obj.metadata.namespace, { labelSelector: selector }));
  const timeout = parseDuration(inv.flags.string('pod-running-timeout') ?? '1m0s');
  // GetFirstPod watches for a pod to appear when there is none yet.
  if (!first() && !ctx.waitUntil(() => first() !== undefined, timeout)) throw new KubectlError('error: timed out waiting for the condition');
  return first()!;
}

/** polymorphichelpers.SelectorsForObject, for the kinds that have a pod selector. */
function selectorOf(obj: AnyObject): Selector | undefined {
  const selector = (obj.spec as { selector?: unknown } | undefined)?.selector;
  if (!selector || typeof selector !== 'object') return undefined;
  const ls = selector as LabelSelector;
  if (ls.matchLabels || ls.matchExpressions) return Selector.fromLabelSelector(ls);
  return Selector.fromSet(selector as Record<string, string>);
}

/** sort.Reverse(podutils.ActivePods): the most established pod first. */
function firstPod(pods: Stored<Pod>[]): Stored<Pod> | undefined {
  return [...pods].sort((a, b) => -compareActive(a, b))[0];
}

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** podutils.ActivePods Less, as a comparator (negative: a is "less active"). */
function compareActive(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '', nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return !na ? -1 : 1;
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0, pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a), rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  if (ra && rb) {
    const ta = podReadyTime(a) ?? 0, tb = podReadyTime(b) ?? 0;
    if (ta !== tb) return tb - ta;
  }
  const ca = maxContainerRestarts(a), cb = maxContainerRestarts(b);
  if (ca !== cb) return cb - ca;
  const ka = parseRfc3339(a.metadata?.creationTimestamp) ?? 0, kb = parseRfc3339(b.metadata?.creationTimestamp) ?? 0;
  return kb - ka;
}

/** podcmd.FindOrDefaultContainerByName: the annotated container, else the first, saying so when there was a choice. */
function defaultContainer(inv: Invocation, pod: Stored<Pod>): string {
  const containers = pod.spec?.containers ?? [];
  if (containers.length === 0) throw new KubectlError(`error: pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && containers.some((c) => c.name === annotated)) return annotated;
  const first = containers[0].name;
  const init = pod.spec?.initContainers ?? [];
  const ephemeral = pod.spec?.ephemeralContainers ?? [];
  if (!inv.flags.bool('quiet') && (containers.length > 1 || init.length > 0 || ephemeral.length > 0)) {
    const names = [...containers.map((c) => c.name), ...ephemeral.map((c) => `${c.name} (ephem)`), ...init.map((c) => `${c.name} (init)`)];
    inv.output.err(`Defaulted container "${first}" out of: ${names.join(', ')}`);
  }
  return first;
}

function hasContainer(pod: Pod, name: string): boolean {
  const spec = pod.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? []), ...(spec?.ephemeralContainers ?? [])].some((c) => c.name === name);
}

/**
 * StreamOptions.SetupTTY: a terminal only with both -i and -t, and only when stdin is one — input
 * piped into kubectl is not.
 */
function setupTty(inv: Invocation): boolean {
  const { flags } = inv;
  if (!flags.bool('stdin') || !flags.bool('tty')) return false;
  if (inv.io.stdin) {
    if (!flags.bool('quiet')) inv.output.err('Unable to use a TTY - input is not a terminal or the right kind of file');
    return false;
  }
  return true;
}
