import { DRY_RUN_FLAG, dryRunOf } from '../apply/dry-run.ts';
import { LAST_APPLIED, pruneNulls } from '../apply/last-applied.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../apply/print.ts';
import type { Command, Invocation } from '../command.ts';
import { KubectlError } from '../errors.ts';

/** Flags of the `kubectl create` generators that build one object. */
export const GENERATOR_FLAGS = [
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  { name: 'save-config', type: 'bool' as const },
  { name: 'validate', type: 'string' as const, default: 'strict' },
  { name: 'field-manager', type: 'string' as const, default: 'kubectl-create' },
  { name: 'show-managed-fields', type: 'bool' as const },
];

/** cobra's MarkFlagRequired check: every missing flag, in the order they were marked. */
export function requireFlags(inv: Invocation, names: string[]): void {
  const missing = names.filter((n) => !inv.flags.has(n));
  if (missing.length) throw new KubectlError(`error: required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`);
}

/** NameFromCommandArgs: the one NAME before `--`. */
export function nameArgument(inv: Invocation, verb: string): string {
  if (inv.args.length !== 1) throw new KubectlError(`error: exactly one NAME is required, got ${inv.args.length}\nSee 'kubectl create ${verb} -h' for help and examples`);
  return inv.args[0];
}

/**
 * Creates what a generator built, as its Run does: --save-config's annotation, the client-side
 * dry run, or the create call (its error wrapped `failed to create <what>: …`), then the print.
 */
export function createGenerated(inv: Invocation, obj: { metadata: { annotations?: Record<string, string> } }, what: string): number {
  const { flags } = inv;
  const dryRun = dryRunOf(flags);
  if (flags.bool('save-config')) {
    // CreateOrUpdateAnnotation: the object as the JSON encoder writes it, before the annotation.
    const json = JSON.stringify(obj).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: `${json}\n` };
  }
  if (dryRun === 'client') {
    printObject(inv, obj, 'created', dryRun);
    return 0;
  }
  let created;
  try {
    // The server decodes `creationTimestamp: null` as an unset time.
    created = inv.ctx.api.create(pruneNulls({ ...obj, metadata: { ...obj.metadata, namespace: inv.namespace } }), { dryRun: dryRun === 'server', fieldManager: flags.string('field-manager') });
  } catch (e) {
    throw new Error(`failed to create ${what}: ${(e as Error).message}`);
  }
  printObject(inv, created, 'created', dryRun);
  return 0;
}

/**
 * kubectl create cronjob NAME --image=IMAGE --schedule=SCHEDULE [--restart=OnFailure|Never] [-- COMMAND ARGS…]
 * (staging/src/k8s.io/kubectl/pkg/cmd/create/create_cronjob.go): one container named after the
 * CronJob, restartPolicy OnFailure unless --restart says otherwise; the schedule is checked by
 * the API server only.
 */
export const createCronJobCommand: Command = {
  name: 'cronjob',
  aliases: ['cj'],
  flags: [...GENERATOR_FLAGS, { name: 'image', type: 'string' }, { name: 'schedule', type: 'string' }, { name: 'restart', type: 'string' }],
  run(inv) {
    requireFlags(inv, ['image', 'schedule']);
    const name = nameArgument(inv, 'cronjob');
    checkOutputFormat(inv);
    return createGenerated(inv, buildCronJob(inv, name), 'cronjob');
  },
};

/** createCronJob: keys in the Go structs' order, with the empty fields its JSON encoder writes. */
function buildCronJob(inv: Invocation, name: string) {
  const command = inv.rest;
  const cronJob = {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: { name, ...(inv.explicitNamespace ? { namespace: inv.namespace } : {}), creationTimestamp: null as unknown as string } as { name: string; namespace?: string; creationTimestamp: string; annotations?: Record<string, string> },
    spec: {
      schedule: inv.flags.string('schedule') ?? '',
      jobTemplate: {
        metadata: { name, creationTimestamp: null as unknown as string },
        spec: {
          template: {
            metadata: { creationTimestamp: null as unknown as string },
            spec: {
              containers: [{ name, image: inv.flags.string('image') ?? '', ...(command.length ? { command } : {}), resources: {} }],
              restartPolicy: inv.flags.string('restart') || 'OnFailure',
            },
          },
        },
      },
    },
    status: {},
  };
  return cronJob;
}
