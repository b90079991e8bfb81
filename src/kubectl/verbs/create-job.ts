import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { groupResource } from '../../api/registry.ts';
import { checkOutputFormat } from '../apply/print.ts';
import type { Command, Invocation } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { resolveKind } from '../resources.ts';
import { createGenerated, GENERATOR_FLAGS, nameArgument } from './create-cronjob.ts';

/** Go's %T of the typed object the resource builder returns for a kind (`*v1.Deployment`). */
const goType = (kind: string, version: string) => `*${version}.${kind}`;

/**
 * kubectl create job NAME (--image=IMAGE [-- COMMAND ARGS…] | --from=cronjob/NAME)
 * (staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go): a Job of one container named after
 * it with restartPolicy Never, or a Job made now from a CronJob's template.
 */
export const createJobCommand: Command = {
  name: 'job',
  flags: [...GENERATOR_FLAGS, { name: 'image', type: 'string' }, { name: 'from', type: 'string' }],
  run(inv) {
    const name = nameArgument(inv, 'job');
    const image = inv.flags.string('image') ?? '';
    const from = inv.flags.string('from') ?? '';
    checkOutputFormat(inv);
    // Validate.
    if ((image === '' && from === '') || (image !== '' && from !== '')) throw new KubectlError('error: either --image or --from must be specified');
    if (inv.rest.length && from !== '') throw new KubectlError('error: cannot specify --from and command');
    const job = image ? buildJob(inv, name, image) : jobFromCronJob(inv, name, cronJobFrom(inv, from));
    return createGenerated(inv, job, 'job');
  },
};

/** The resource builder on --from: `TYPE/NAME` in the namespace in effect, which must be a CronJob. */
function cronJobFrom(inv: Invocation, from: string): CronJob {
  const slash = from.indexOf('/');
  const kind = resolveKind(inv.ctx, slash < 0 ? from : from.slice(0, slash));
  if (slash < 0 || kind.kind !== 'CronJob') {
    if (slash < 0) throw new KubectlError('error: from must be an existing cronjob');
    throw new KubectlError(`error: unknown object type ${goType(kind.kind, kind.version)}`);
  }
  return inv.ctx.api.get<CronJob>(groupResource(kind), inv.namespace, from.slice(slash + 1));
}

/** createJob: `--image` and an optional command after `--`. */
function buildJob(inv: Invocation, name: string, image: string) {
  const command = inv.rest;
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { name, ...(inv.explicitNamespace ? { namespace: inv.namespace } : {}), creationTimestamp: null as unknown as string } as JobMeta,
    spec: {
      template: {
        metadata: { creationTimestamp: null as unknown as string },
        spec: { containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }], restartPolicy: 'Never' },
      },
    },
    status: {},
  };
}

type JobMeta = { name: string; namespace?: string; creationTimestamp: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: NonNullable<Job['metadata']>['ownerReferences'] };

/**
 * createJobFromCronJob: the template's labels and spec, its annotations over
 * `cronjob.kubernetes.io/instantiate: manual`, and a controller reference to the CronJob without
 * blockOwnerDeletion (which would need the cronjobs/finalizers permission). The CronJob controller
 * did not make it, and says so (UnexpectedJob).
 */
function jobFromCronJob(inv: Invocation, name: string, cj: CronJob) {
  const template = cj.spec?.jobTemplate;
  const metadata: JobMeta = {
    name,
    ...(inv.explicitNamespace ? { namespace: inv.namespace } : {}),
    creationTimestamp: null as unknown as string,
    ...(template?.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
    annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...template?.metadata?.annotations },
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata?.name ?? '', uid: cj.metadata?.uid ?? '', controller: true }],
  };
  return { kind: 'Job', apiVersion: 'batch/v1', metadata, spec: structuredClone(template?.spec ?? { template: {} }), status: {} };
}
