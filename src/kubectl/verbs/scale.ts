import { StatusError } from '../../api/errors.ts';
import { groupResource } from '../../api/registry.ts';
import { parseDuration } from '../../sim/duration.ts';
import type { KubeObject } from '../../store/object.ts';
import { DRY_RUN_FLAG, dryRunOf } from '../apply/dry-run.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../apply/print.ts';
import { findTargets, type Target } from '../apply/targets.ts';
import type { Command, Invocation } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { formatErrors, KubectlError } from '../errors.ts';

/**
 * The resources served with a `scale` subresource (autoscaling/v1 Scale over spec.replicas):
 * kubectl scale works on any kind listed here, and a kind added to the engine with a
 * spec.replicas joins by being named.
 */
export const SCALABLE = new Set(['replicasets.apps', 'replicationcontrollers', 'deployments.apps', 'statefulsets.apps']);

type Scaled = KubeObject & { spec?: { replicas?: number }; status?: { replicas?: number } };

/** kubectl scale (staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go, pkg/scale/scale.go). */
export const scaleCommand: Command = {
  name: 'scale',
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'replicas', type: 'int', default: 0 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'record', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    const { flags, output } = inv;
    // cobra's MarkFlagRequired is checked before anything else runs.
    if (!flags.has('replicas')) throw new KubectlError('error: required flag(s) "replicas" not set');
    const dryRun = dryRunOf(flags);
    checkOutputFormat(inv);
    const replicas = flags.int('replicas')!;
    const currentReplicas = flags.int('current-replicas')!;
    const rv = flags.string('resource-version');
    if (replicas < 0) throw new KubectlError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    if (currentReplicas < -1) throw new KubectlError('error: The --current-replicas must specify an integer of -1 or greater');
    const found = findTargets(inv, {
      args: inv.args,
      filenames: flags.strings('filename'),
      selector: flags.string('selector'),
      all: flags.bool('all'),
      fetch: 'named',
    });
    const infos = found.flatMap((f) => ('target' in f ? [f.target] : []));
    const infoErrors = found.flatMap((f) => ('error' in f ? [f.error] : []));
    if (rv && infos.length > 1) throw new KubectlError('error: cannot use --resource-version with multiple resources');
    if (infos.length === 0) {
      if (infoErrors.length) throw new KubectlError(`error: no objects passed to scale ${aggregateMessage(infoErrors)}`);
      throw new KubectlError('error: no objects passed to scale');
    }
    const timeoutMs = parseDuration(flags.string('timeout') ?? '0s');
    for (const info of infos) {
      if (dryRun !== 'client') {
        const err = scaleOne(inv, info, replicas, currentReplicas === -1 && !rv ? undefined : { replicas: currentReplicas, resourceVersion: rv }, dryRun === 'server');
        if (err) {
          output.err(formatErrors([err], 'scale'));
          return 1;
        }
        if (timeoutMs > 0 && dryRun === 'none' && !waitForReplicas(inv, info, replicas, timeoutMs)) {
          output.err(`error: timed out waiting for "${info.name}" to be synced`);
          return 1;
        }
      }
      printObject(inv, info.object!, 'scaled', dryRun);
    }
    if (infoErrors.length) {
      output.err(formatErrors(infoErrors, 'scale'));
      return 1;
    }
    return 0;
  },
};

/**
 * ScaleSimple: with a precondition, read the scale, check it and update it; without, a merge
 * patch of spec.replicas on the scale subresource.
 */
function scaleOne(inv: Invocation, info: Target, replicas: number, precondition: { replicas: number; resourceVersion?: string } | undefined, dryRun: boolean): unknown {
  const gr = groupResource(info.kind);
  if (!SCALABLE.has(gr)) return new StatusError('NotFound', 'the server could not find the requested resource');
  try {
    if (precondition) {
      const live = inv.ctx.api.get<Scaled>(gr, info.namespace, info.name);
      const current = live.spec?.replicas ?? 0;
      if (precondition.replicas !== -1 && precondition.replicas !== current) {
        return new KubectlError(`error: Expected replicas to be ${precondition.replicas}, was ${current}`);
      }
      if (precondition.resourceVersion && precondition.resourceVersion !== live.metadata.resourceVersion) {
        return new KubectlError(`error: Expected resource version to be ${precondition.resourceVersion}, was ${live.metadata.resourceVersion}`);
      }
    }
    inv.ctx.api.patch(gr, info.namespace, info.name, 'merge', { spec: { replicas } }, { dryRun, fieldManager: 'kubectl-scale' });
    return undefined;
  } catch (e) {
    return e;
  }
}

/** WaitForScaleHasDesiredReplicas: until status.replicas reaches the new size (or someone changed it). */
function waitForReplicas(inv: Invocation, info: Target, replicas: number, timeoutMs: number): boolean {
  const gr = groupResource(info.kind);
  return inv.ctx.waitUntil(() => {
    const live = inv.ctx.api.tryGet<Scaled>(gr, info.namespace, info.name);
    if (!live) return true;
    if ((live.spec?.replicas ?? 0) !== replicas) return true;
    return (live.status?.replicas ?? 0) === replicas;
  }, timeoutMs);
}

/** The text of the builder's error: one error's own message, several as an aggregate `[a, b]`. */
function aggregateMessage(errors: unknown[]): string {
  const texts = errors.map((e) => (e instanceof Error ? e.message.replace(/^error: /, '') : String(e)));
  return texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
}
