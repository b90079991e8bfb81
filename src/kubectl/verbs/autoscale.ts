import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v1.js';
import { groupResource, type KindInfo } from '../../api/registry.ts';
import { hasScaleSubresource } from '../../api/scale.ts';
import { DRY_RUN_FLAG, dryRunOf } from '../apply/dry-run.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../apply/print.ts';
import { findTargets } from '../apply/targets.ts';
import type { Command } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { KubectlError } from '../errors.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** GroupVersionResource.String(): `apps/v1, Resource=deployments`, `/v1, Resource=pods`. */
function gvrString(kind: KindInfo): string {
  return `${kind.group}/${kind.version}, Resource=${kind.resource}`;
}

/**
 * kubectl autoscale (staging/src/k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go at v1.32): creates
 * an autoscaling/v1 HorizontalPodAutoscaler named after each target (or --name), over any
 * resource served with a scale subresource; the server stores it as autoscaling/v2.
 */
export const autoscaleCommand: Command = {
  name: 'autoscale',
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'min', type: 'int', default: -1 },
    { name: 'max', type: 'int', default: -1 },
    { name: 'cpu-percent', type: 'int', default: -1 },
    { name: 'name', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'record', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-autoscale' },
    { name: 'show-managed-fields', type: 'bool' },
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    const { flags } = inv;
    // cobra's MarkFlagRequired is checked before anything else runs.
    if (!flags.has('max')) throw new KubectlError('error: required flag(s) "max" not set');
    const dryRun = dryRunOf(flags);
    checkOutputFormat(inv);
    const min = flags.int('min')!;
    const max = flags.int('max')!;
    const cpuPercent = flags.int('cpu-percent')!;
    if (max < 1) throw new KubectlError(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
    if (max < min) throw new KubectlError(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const found = findTargets(inv, { args: inv.args, filenames: flags.strings('filename'), fetch: 'named' });
    let count = 0;
    // Visit stops at the first error.
    for (const f of found) {
      if ('error' in f) throw f.error;
      const { kind, name } = f.target;
      if (!hasScaleSubresource(groupResource(kind))) {
        throw new KubectlError(`error: cannot autoscale a ${kind.kind}: could not find scale subresource for ${gvrString(kind)} in discovery information`);
      }
      const hpa = horizontalPodAutoscaler(flags.string('name') || name, kind, name, min, max, cpuPercent);
      if (dryRun === 'client') {
        count++;
        // The typed object as the client built it: a null creationTimestamp and a zero status.
        const typed: HorizontalPodAutoscaler = { ...hpa, metadata: { ...hpa.metadata, creationTimestamp: null as unknown as string }, status: { currentReplicas: 0, desiredReplicas: 0 } };
        printObject(inv, typed, 'created', dryRun);
        continue;
      }
      if (flags.bool('save-config')) hpa.metadata = { ...hpa.metadata, annotations: { [LAST_APPLIED]: `${goJson(hpa)}\n` } };
      const created = inv.ctx.api.create(hpa, { dryRun: dryRun === 'server', fieldManager: flags.string('field-manager') });
      count++;
      printObject(inv, created, 'autoscaled', dryRun);
    }
    if (count === 0) throw new KubectlError('error: no objects passed to autoscale');
    return 0;
  },
};

/** createHorizontalPodAutoscaler: min only when positive, a CPU target only when not negative. */
function horizontalPodAutoscaler(name: string, kind: KindInfo, target: string, min: number, max: number, cpuPercent: number): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name },
    spec: {
      scaleTargetRef: { kind: kind.kind, name: target, apiVersion: kind.group ? `${kind.group}/${kind.version}` : kind.version },
      ...(min > 0 ? { minReplicas: min } : {}),
      maxReplicas: max,
      ...(cpuPercent >= 0 ? { targetCPUUtilizationPercentage: cpuPercent } : {}),
    },
  };
}

/** The object as kubectl's JSON encoder writes it for --save-config: Go's field order, an empty status. */
function goJson(hpa: HorizontalPodAutoscaler): string {
  const spec = hpa.spec!;
  return JSON.stringify({
    kind: hpa.kind,
    apiVersion: hpa.apiVersion,
    metadata: { name: hpa.metadata!.name, creationTimestamp: null },
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      ...(spec.minReplicas !== undefined ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec.maxReplicas,
      ...(spec.targetCPUUtilizationPercentage !== undefined ? { targetCPUUtilizationPercentage: spec.targetCPUUtilizationPercentage } : {}),
    },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  });
}
