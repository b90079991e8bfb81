import { prepareObject } from '../apply-objects.ts';
import type { Command, Invocation } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { formatErrors, KubectlError, withSource } from '../errors.ts';
import { readManifests } from '../manifests.ts';
import { toJson, toYaml } from '../printers/serialize.ts';
import { kindPrefix } from '../resources.ts';
import { createCronJobCommand } from './create-cronjob.ts';
import { createDeploymentCommand } from './create-deployment.ts';
import { createJobCommand } from './create-job.ts';

const COMMON = [
  { name: 'output', short: 'o', type: 'string' as const },
  { name: 'dry-run', type: 'string' as const },
  { name: 'save-config', type: 'bool' as const },
  { name: 'validate', type: 'string' as const },
  { name: 'edit', type: 'bool' as const },
];

/** Prints what a create produced: `-o yaml|json|name`, or `<kind>/<name> created[ (dry run)]`. */
function report(inv: Invocation, obj: { kind?: string; metadata?: { name?: string } }, prefix: string, dryRun: string | undefined): void {
  const format = inv.flags.string('output');
  if (format === 'yaml') inv.output.out(toYaml(obj));
  else if (format === 'json') inv.output.out(toJson(obj));
  else if (format === 'name') inv.output.out(`${prefix}/${obj.metadata?.name}`);
  else inv.output.out(`${prefix}/${obj.metadata?.name} created${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`);
}

/** `kubectl create namespace NAME`. */
const createNamespace: Command = {
  name: 'namespace',
  aliases: ['ns'],
  flags: COMMON,
  run(inv) {
    const [name] = inv.args;
    if (!name) throw new KubectlError('error: exactly one NAME is required, got 0\nSee \'kubectl create namespace -h\' for help and examples');
    const dryRun = inv.flags.string('dry-run');
    const obj = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
    const created = dryRun === 'client' ? obj : inv.ctx.api.create(obj, { dryRun: dryRun === 'server', fieldManager: 'kubectl-create' });
    report(inv, created, 'namespace', dryRun);
    return 0;
  },
};

/** kubectl create -f (staging/src/k8s.io/kubectl/pkg/cmd/create/create.go). */
export const createCommand: Command = {
  name: 'create',
  flags: [...COMMON, ...FILENAME_FLAGS],
  subcommands: [createNamespace, createDeploymentCommand, createCronJobCommand, createJobCommand],
  run(inv) {
    const files = inv.flags.strings('filename');
    if (!files.length) {
      throw new KubectlError('error: must specify one of -f and -k');
    }
    const validate = inv.flags.string('validate') !== 'false' && inv.flags.string('validate') !== 'ignore';
    const dryRun = inv.flags.string('dry-run');
    const errors: unknown[] = [];
    for (const m of readManifests(inv.ctx, files, inv.io.stdin)) {
      try {
        const { kind, object } = prepareObject(inv, m, validate);
        if (inv.flags.bool('save-config')) {
          object.metadata = { ...object.metadata, annotations: { ...object.metadata?.annotations, 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(m.object)}\n` } };
        }
        const created = dryRun === 'client' ? object : inv.ctx.api.create(object, { dryRun: dryRun === 'server', fieldManager: 'kubectl-create' });
        report(inv, created, kindPrefix(kind), dryRun);
      } catch (e) {
        errors.push(withSource(e, 'creating', m.source));
      }
    }
    if (errors.length) {
      inv.output.err(formatErrors(errors, 'create'));
      return 1;
    }
    return 0;
  },
};
