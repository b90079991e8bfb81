import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import { RandomStream } from '../../sim/random.ts';
import { DRY_RUN_FLAG, dryRunOf } from '../apply/dry-run.ts';
import { LAST_APPLIED, pruneNulls } from '../apply/last-applied.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../apply/print.ts';
import type { Command, Invocation } from '../command.ts';
import { KubectlError } from '../errors.ts';

/** utilrand's alphabet (k8s.io/apimachinery/pkg/util/rand): no vowels, no confusable digits. */
const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * kubectl create deployment NAME --image=IMAGE… [-- COMMAND ARGS…]
 * (staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go): a Deployment labelled and
 * selecting `app=NAME`, one container per image named after it, the first exposing --port.
 */
export const createDeploymentCommand: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'image', type: 'strings' },
    { name: 'port', type: 'int', default: -1 },
    { name: 'replicas', short: 'r', type: 'int', default: 1 },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'field-manager', type: 'string', default: 'kubectl-create' },
    { name: 'show-managed-fields', type: 'bool' },
  ],
  run(inv) {
    const { flags } = inv;
    // cobra checks MarkFlagRequired before the command runs.
    if (!flags.has('image')) throw new KubectlError('error: required flag(s) "image" not set');
    // NameFromCommandArgs: exactly one argument before `--`.
    if (inv.args.length !== 1) throw new KubectlError(`error: exactly one NAME is required, got ${inv.args.length}\nSee 'kubectl create deployment -h' for help and examples`);
    const name = inv.args[0];
    const dryRun = dryRunOf(flags);
    checkOutputFormat(inv);
    const images = flags.strings('image');
    const command = inv.rest;
    if (images.length > 1 && command.length) throw new KubectlError('error: cannot specify multiple --image options and command');
    const deployment = buildDeployment(inv, name, images, command);
    if (flags.bool('save-config')) {
      // GetModifiedConfiguration: the typed object as the JSON encoder writes it, before the annotation.
      const json = JSON.stringify(deployment).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      deployment.metadata = { ...deployment.metadata, annotations: { [LAST_APPLIED]: `${json}\n` } };
    }
    if (dryRun === 'client') {
      printObject(inv, deployment, 'created', dryRun);
      return 0;
    }
    let created;
    try {
      // The server decodes `creationTimestamp: null` as an unset time.
      created = inv.ctx.api.create(pruneNulls({ ...deployment, metadata: { ...deployment.metadata, namespace: inv.namespace } }), { dryRun: dryRun === 'server', fieldManager: flags.string('field-manager') });
    } catch (e) {
      throw new Error(`failed to create deployment: ${(e as Error).message}`);
    }
    printObject(inv, created, 'created', dryRun);
    return 0;
  },
};

/**
 * createDeployment: the object as kubectl builds it, keys in the Go struct order its JSON encoder
 * follows, with the fields that encoder writes although empty (creationTimestamp: null,
 * resources: {}, strategy: {}, status: {}). The namespace is set only when -n was given.
 */
function buildDeployment(inv: Invocation, name: string, images: string[], command: string[]) {
  const labels = () => ({ app: name });
  const port = inv.flags.int('port') ?? -1;
  const containers: Container[] = images.map((image, i) => ({
    name: containerName(inv, image),
    image,
    ...(command.length ? { command } : {}),
    ...(port >= 0 && i === 0 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name, ...(inv.explicitNamespace ? { namespace: inv.namespace } : {}), creationTimestamp: null as unknown as string, labels: labels() } as { name: string; namespace?: string; creationTimestamp: string; labels: Record<string, string>; annotations?: Record<string, string> },
    spec: {
      replicas: inv.flags.int('replicas') ?? 1,
      selector: { matchLabels: labels() },
      template: { metadata: { creationTimestamp: null as unknown as string, labels: labels() }, spec: { containers } as PodSpec },
      strategy: {},
    },
    status: {},
  };
}

/**
 * buildPodSpec's container name: the image's last path segment without tag or digest; with `_`
 * or `.` in it (not a DNS label), those become `-` and a random 5-character suffix is added.
 */
function containerName(inv: Invocation, image: string): string {
  let name = image.split('/').pop()!;
  name = name.split(':')[0];
  name = name.split('@')[0];
  if (/[_.]/.test(name)) {
    const random = inv.ctx.random?.stream('kubectl') ?? new RandomStream(`kubectl/${image}/${inv.ctx.clock.now()}`);
    name = `${name.replace(/[_.]/g, '-')}-${random.string(RAND_ALPHABET, 5)}`;
  }
  return name;
}
