import { groupResource } from '../../../api/registry.ts';
import { parseDuration } from '../../../sim/duration.ts';
import type { Target } from '../../apply/targets.ts';
import type { Command, Invocation } from '../../command.ts';
import { KubectlError } from '../../errors.ts';
import { FlagError } from '../../flags.ts';
import { groupKindText, reportErrors, requireResources, rolloutTargets, TARGET_FLAGS } from './resources.ts';
import { STATUS_VIEWERS, type StatusViewer } from './status-viewers.ts';

/** With --timeout=0 kubectl waits forever; kubespec lets a week of virtual time pass (as delete --wait). */
const WAIT_FOREVER_MS = 168 * 3600 * 1000;

/**
 * kubectl rollout status (staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_status.go): for each
 * object, watch it (UntilWithSync over a field selector on its name) and print the status
 * viewer's line for the listed object and then for every change, the same line again included,
 * until the rollout is done, the viewer fails, the object is deleted or --timeout passes.
 */
export const rolloutStatusCommand: Command = {
  name: 'status',
  flags: [...TARGET_FLAGS, { name: 'watch', short: 'w', type: 'bool', default: true }, { name: 'revision', type: 'int', default: 0 }, { name: 'timeout', type: 'string', default: '0s' }],
  run(inv) {
    const timeoutMs = durationFlag(inv, 'timeout');
    requireResources(inv);
    const revision = inv.flags.int('revision') ?? 0;
    if (revision < 0) throw new KubectlError(`error: revision must be a positive integer: ${revision}`);
    const { targets, errors } = rolloutTargets(inv);
    for (const target of targets) {
      try {
        watchRollout(inv, target, revision, timeoutMs || WAIT_FOREVER_MS);
      } catch (e) {
        errors.push(e);
      }
    }
    if (targets.length === 0 && errors.length === 0) inv.output.err(`No resources found in ${inv.namespace} namespace.`);
    return reportErrors(inv, errors);
  },
};

/**
 * One object's watch. The first line is the listed object's; after it every write to the object
 * (every watch event, read back from the store's history in order) is evaluated and printed.
 */
function watchRollout(inv: Invocation, target: Target, revision: number, timeoutMs: number): void {
  const { ctx, output } = inv;
  const gk = groupKindText(target.kind);
  const viewer: StatusViewer | undefined = STATUS_VIEWERS[gk];
  if (!viewer) throw new KubectlError(`error: no status viewer has been implemented for ${gk}`);
  const watch = inv.flags.bool('watch');
  const gr = groupResource(target.kind);
  // Evaluates one version of the object; true when the watch ends there.
  const step = (obj: NonNullable<Target['object']>): boolean => {
    const { message, done } = viewer(obj, revision);
    output.write(message);
    return done || !watch;
  };
  const listed = ctx.api.tryGet(gr, target.namespace, target.name);
  if (!listed) throw new KubectlError('error: object has been deleted');
  if (step(listed)) return;
  const history = ctx.store.history;
  let cursor = history.length;
  let failure: unknown;
  const finished = (): boolean => {
    while (cursor < history.length) {
      const event = history[cursor++];
      if (event.resource !== gr || event.object.metadata.name !== target.name || event.object.metadata.namespace !== target.namespace) continue;
      // Abort rather than silently follow a re-created object of the same name.
      if (event.type === 'DELETED') failure = new KubectlError('error: object has been deleted');
      else {
        try {
          if (!step(event.object)) continue;
        } catch (e) {
          failure = e;
        }
      }
      return true;
    }
    return false;
  };
  if (!ctx.waitUntil(finished, timeoutMs)) throw new KubectlError('error: timed out waiting for the condition');
  if (failure) throw failure;
}

/** A time.Duration flag, with pflag's error for a value ParseDuration refuses. */
function durationFlag(inv: Invocation, name: string): number {
  const text = inv.flags.string(name) ?? '0s';
  try {
    return parseDuration(text);
  } catch (e) {
    throw new FlagError(`invalid argument "${text}" for "--${name}" flag: ${(e as Error).message}`);
  }
}
