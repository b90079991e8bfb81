import { groupResource } from '../../../api/registry.ts';
import type { KubeObject } from '../../../store/object.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../../apply/print.ts';
import type { Target } from '../../apply/targets.ts';
import type { Invocation } from '../../command.ts';
import type { FlagSpec } from '../../flags.ts';
import { infosErrors, reportErrors, resourceText, rolloutTargets, TARGET_FLAGS } from './resources.ts';

/** The flags of pause, resume and restart. */
export const OBJECT_PATCH_FLAGS: FlagSpec[] = [...TARGET_FLAGS, OUTPUT_FLAG, { name: 'field-manager', type: 'string', default: 'kubectl-rollout' }, { name: 'show-managed-fields', type: 'bool' }];

/** What one of pause, resume or restart does to an object. */
export interface ObjectPatchVerb {
  /**
   * The polymorphic helper (ObjectPauserFn, ObjectResumerFn, ObjectRestarterFn) as a strategic
   * merge patch of the object: `{}` when it changes nothing; throws the helper's error text.
   */
  patch(target: Target, object: KubeObject): Record<string, unknown>;
  /** What the name printer says after a patch: `paused`. */
  done: string;
  /** An empty patch: the name printer's operation (`already paused`), or the error to collect. */
  unchanged: (target: Target) => { operation: string } | { error: Error };
}

/**
 * RunPause / RunResume / RunRestart (pkg/cmd/rollout): compute every object's patch first
 * (set.CalculatePatches), then per object report the helper's error, an empty patch, or apply the
 * patch and print the object; errors (the builder's first) are reported together at the end.
 */
export function runObjectPatches(inv: Invocation, verb: ObjectPatchVerb): number {
  const { targets, errors } = rolloutTargets(inv);
  const allErrors = infosErrors(errors);
  const patches = targets.map((target) => {
    try {
      return { target, patch: verb.patch(target, target.object!) };
    } catch (e) {
      return { target, error: e as Error };
    }
  });
  if (patches.length === 0 && allErrors.length === 0) {
    inv.output.err(`No resources found in ${inv.namespace} namespace.`);
    return 0;
  }
  for (const { target, patch, error } of patches) {
    if (error) {
      allErrors.push(new Error(`error: ${resourceText(target.kind)} "${target.name}" ${error.message}`));
      continue;
    }
    if (Object.keys(patch).length === 0) {
      const unchanged = verb.unchanged(target);
      if ('error' in unchanged) allErrors.push(unchanged.error);
      else print(inv, target.object!, unchanged.operation, allErrors);
      continue;
    }
    try {
      const result = inv.ctx.api.patch(groupResource(target.kind), target.namespace, target.name, 'strategic', patch, { fieldManager: inv.flags.string('field-manager') });
      print(inv, result, verb.done, allErrors);
    } catch (e) {
      allErrors.push(new Error(`failed to patch: ${(e as Error).message}`));
    }
  }
  return reportErrors(inv, allErrors);
}

/** ToPrinter then PrintObj: a bad -o is an error for this object, after its patch. */
function print(inv: Invocation, obj: KubeObject, operation: string, errors: unknown[]): void {
  try {
    checkOutputFormat(inv);
  } catch (e) {
    errors.push(e);
    return;
  }
  printObject(inv, obj, operation);
}

/** Whether pkg/apps would treat the kind as a Deployment (apps, extensions and the old apps betas). */
export function isDeployment(target: Target): boolean {
  return target.kind.kind === 'Deployment' && (target.kind.group === 'apps' || target.kind.group === 'extensions');
}
