import type { ControllerContext } from '../context.ts';
import type { DeploymentObject } from './util.ts';

/** source.component of the Deployment controller's events. */
export const COMPONENT = 'deployment-controller';

/**
 * What the strategy files use of the controller (upstream's *DeploymentController receiver): the
 * API to write through, the recorder, and the queue's delayed adds.
 */
export interface DeploymentControl {
  readonly ctx: ControllerContext;
  /** eventRecorder.Eventf on the Deployment. */
  event(d: DeploymentObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** queue.AddAfter: sync the Deployment again `ms` from now. */
  enqueueAfter(d: DeploymentObject, ms: number): void;
  /**
   * queue.AddRateLimited. `progress`: whether the sync it brings moves the Deployment toward a
   * steady state (settle() waits for it) or may repeat forever (only letting time pass runs it).
   */
  enqueueRateLimited(d: DeploymentObject, progress: boolean): void;
}
