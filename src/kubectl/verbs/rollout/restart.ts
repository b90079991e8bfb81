import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { Command } from '../../command.ts';
import { isDeployment, OBJECT_PATCH_FLAGS, runObjectPatches } from './object-patches.ts';

/** The pod template annotation whose change makes the controller roll every pod. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

/**
 * kubectl rollout restart (pkg/cmd/rollout/rollout_restart.go, polymorphichelpers/objectrestarter.go):
 * stamps the pod template of a Deployment (not a paused one), DaemonSet or StatefulSet with
 * `kubectl.kubernetes.io/restartedAt`, the time now in RFC 3339 (kubespec's terminal is UTC). Twice
 * in one second the patch is empty, and kubectl says so.
 */
export const rolloutRestartCommand: Command = {
  name: 'restart',
  flags: OBJECT_PATCH_FLAGS,
  run(inv) {
    const now = inv.ctx.clock.rfc3339();
    return runObjectPatches(inv, {
      patch(target, obj) {
        const restartable = isDeployment(target) || (target.kind.group === 'apps' && (target.kind.kind === 'DaemonSet' || target.kind.kind === 'StatefulSet'));
        if (!restartable) throw new Error('restarting is not supported');
        if (isDeployment(target) && (obj as Deployment).spec?.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
        const template = (obj as { spec?: { template?: PodTemplateSpec } }).spec?.template;
        if (template?.metadata?.annotations?.[RESTARTED_AT_ANNOTATION] === now) return {};
        return { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: now } } } } };
      },
      done: 'restarted',
      unchanged: (target) => ({
        error: new Error(`failed to create patch for ${target.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`),
      }),
    });
  },
};
