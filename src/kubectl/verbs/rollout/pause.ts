import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Command } from '../../command.ts';
import { isDeployment, OBJECT_PATCH_FLAGS, runObjectPatches } from './object-patches.ts';

/**
 * kubectl rollout pause (pkg/cmd/rollout/rollout_pause.go, polymorphichelpers/objectpauser.go):
 * sets spec.paused on Deployments. An already paused one is the pauser's error,
 * `error: deployments.apps "x" is already paused`: the `already paused` line of the command is
 * only for an empty patch, which a Deployment never gives.
 */
export const rolloutPauseCommand: Command = {
  name: 'pause',
  flags: OBJECT_PATCH_FLAGS,
  run(inv) {
    return runObjectPatches(inv, {
      patch(target, obj) {
        if (!isDeployment(target)) throw new Error('pausing is not supported');
        if ((obj as Deployment).spec?.paused) throw new Error('is already paused');
        return { spec: { paused: true } };
      },
      done: 'paused',
      unchanged: () => ({ operation: 'already paused' }),
    });
  },
};
