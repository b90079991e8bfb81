import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Command } from '../../command.ts';
import { isDeployment, OBJECT_PATCH_FLAGS, runObjectPatches } from './object-patches.ts';

/**
 * kubectl rollout resume (pkg/cmd/rollout/rollout_resume.go, polymorphichelpers/objectresumer.go):
 * clears spec.paused (the two-way merge patch of `paused: false`, an omitempty field, removes it).
 * A Deployment that is not paused is the resumer's error, `error: deployments.apps "x" is not
 * paused`; `already resumed` is only for an empty patch, which a Deployment never gives.
 */
export const rolloutResumeCommand: Command = {
  name: 'resume',
  flags: OBJECT_PATCH_FLAGS,
  run(inv) {
    return runObjectPatches(inv, {
      patch(target, obj) {
        if (!isDeployment(target)) throw new Error('resuming is not supported');
        if (!(obj as Deployment).spec?.paused) throw new Error('is not paused');
        return { spec: { paused: null } };
      },
      done: 'resumed',
      unchanged: () => ({ operation: 'already resumed' }),
    });
  },
};
