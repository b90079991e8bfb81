import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import { groupResource } from '../../../api/registry.ts';
import type { KubeObject } from '../../../store/object.ts';
import { DRY_RUN_FLAG, dryRunOf } from '../../apply/dry-run.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../../apply/print.ts';
import { findTargets } from '../../apply/targets.ts';
import type { Command } from '../../command.ts';
import { FILENAME_FLAGS } from '../../command.ts';
import { formatErrors, KubectlError } from '../../errors.ts';

type WithPodSpec = KubeObject & { spec?: PodSpec & { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } };

/** Where an object keeps its pod spec (polymorphichelpers.updatePodSpecForObject), and the patch path to it. */
function podSpecOf(obj: WithPodSpec): { spec: PodSpec; wrap: (p: unknown) => unknown } | undefined {
  switch (obj.kind) {
    case 'Pod':
      return obj.spec ? { spec: obj.spec, wrap: (p) => ({ spec: p }) } : undefined;
    case 'CronJob': {
      const spec = obj.spec?.jobTemplate?.spec?.template?.spec;
      return spec ? { spec, wrap: (p) => ({ spec: { jobTemplate: { spec: { template: { spec: p } } } } }) } : undefined;
    }
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job': {
      const spec = obj.spec?.template?.spec;
      return spec ? { spec, wrap: (p) => ({ spec: { template: { spec: p } } }) } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * kubectl set image (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go): `TYPE NAME
 * CONTAINER=IMAGE…` (`*` for every container) as a strategic merge patch of the pod spec;
 * `image updated`, and nothing at all when every image is already set.
 */
export const setImageCommand: Command = {
  name: 'image',
  flags: [OUTPUT_FLAG, DRY_RUN_FLAG, { name: 'all', type: 'bool' }, { name: 'selector', short: 'l', type: 'string' }, { name: 'local', type: 'bool' }, { name: 'record', type: 'bool' }, ...FILENAME_FLAGS],
  run(inv) {
    const { flags, output } = inv;
    const dryRun = dryRunOf(flags);
    checkOutputFormat(inv);
    const split = inv.args.findIndex((a) => a.includes('='));
    const resources = split < 0 ? inv.args : inv.args.slice(0, split);
    const pairs = split < 0 ? [] : inv.args.slice(split);
    if (pairs.length === 0) throw new KubectlError("error: at least one image update is required\nSee 'kubectl set image -h' for help and examples");
    const images = new Map<string, string>();
    for (const pair of pairs) {
      const i = pair.indexOf('=');
      if (i <= 0 || i === pair.length - 1) throw new KubectlError(`error: invalid image update: "${pair}"`);
      images.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const found = findTargets(inv, { args: resources, filenames: flags.strings('filename'), selector: flags.string('selector'), all: flags.bool('all'), fetch: 'latest' });
    const errors: unknown[] = [];
    for (const f of found) {
      if ('error' in f) {
        errors.push(f.error);
        continue;
      }
      const info = f.target;
      const obj = info.object as WithPodSpec;
      const located = podSpecOf(obj);
      if (!located) {
        errors.push(new KubectlError(`error: ${info.kind.resource}/${info.name} the object is not a pod or does not have a pod template: *v1.${info.kind.kind}`));
        continue;
      }
      const changed: Container[] = [];
      const initChanged: Container[] = [];
      for (const [name, image] of images) {
        let matched = false;
        for (const [list, out] of [[located.spec.containers ?? [], changed], [located.spec.initContainers ?? [], initChanged]] as const) {
          for (const c of list) {
            if (name !== '*' && c.name !== name) continue;
            matched = true;
            if (c.image !== image) out.push({ name: c.name, image });
          }
        }
        if (!matched && name !== '*') errors.push(new KubectlError(`error: unable to find container named "${name}"`));
      }
      if (changed.length === 0 && initChanged.length === 0) continue;
      const patch: Record<string, unknown> = {};
      if (changed.length) {
        patch['$setElementOrder/containers'] = (located.spec.containers ?? []).map((c) => ({ name: c.name }));
        patch.containers = changed;
      }
      if (initChanged.length) {
        patch['$setElementOrder/initContainers'] = (located.spec.initContainers ?? []).map((c) => ({ name: c.name }));
        patch.initContainers = initChanged;
      }
      if (dryRun === 'client') {
        printObject(inv, obj, 'image updated', dryRun);
        continue;
      }
      try {
        const result = inv.ctx.api.patch(groupResource(info.kind), info.namespace, info.name, 'strategic', located.wrap(patch), { dryRun: dryRun === 'server', fieldManager: 'kubectl-set' });
        printObject(inv, result, 'image updated', dryRun);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) {
      output.err(formatErrors(errors, 'set image'));
      return 1;
    }
    return 0;
  },
};

/** kubectl set: its subcommands. */
export const setCommand: Command = {
  name: 'set',
  flags: [],
  subcommands: [setImageCommand],
};
