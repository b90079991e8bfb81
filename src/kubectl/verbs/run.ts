import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { Command } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { toJson, toYaml } from '../printers/serialize.ts';

/**
 * kubectl run NAME --image=IMAGE (staging/src/k8s.io/kubectl/pkg/cmd/run/run.go and the pod
 * generator in pkg/generate/versioned/run.go): a bare pod labelled `run=NAME` unless --labels.
 */
export const runCommand: Command = {
  name: 'run',
  flags: [
    { name: 'image', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'env', type: 'strings' },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'command', type: 'bool' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'annotations', type: 'strings' },
  ],
  run(inv) {
    const [name] = inv.args;
    if (!name) throw new KubectlError("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
    const image = inv.flags.string('image');
    if (!image) throw new KubectlError('error: --image is required');
    const restart = inv.flags.string('restart') ?? 'Always';
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`error: invalid restart policy: ${restart}`);
    const labels = parseKeyValues(inv.flags.string('labels'), 'labels') ?? { run: name };
    const container: Container = { name, image, resources: {} };
    const port = inv.flags.string('port');
    if (port) container.ports = [{ containerPort: Number(port) }];
    const env = inv.flags.strings('env');
    if (env.length) container.env = env.map((e) => ({ name: e.slice(0, e.indexOf('=')), value: e.slice(e.indexOf('=') + 1) }));
    const policy = inv.flags.string('image-pull-policy');
    if (policy) container.imagePullPolicy = policy;
    if (inv.rest.length) {
      if (inv.flags.bool('command')) container.command = inv.rest;
      else container.args = inv.rest;
    }
    const annotations = parseKeyValues(inv.flags.strings('annotations').join(',') || undefined, 'annotations');
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: inv.namespace, labels, ...(annotations ? { annotations } : {}) },
      spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    };
    const dryRun = inv.flags.string('dry-run');
    const created = dryRun === 'client' ? pod : inv.ctx.api.create(pod, { dryRun: dryRun === 'server', fieldManager: 'kubectl-run' });
    const format = inv.flags.string('output');
    if (format === 'yaml') inv.output.out(toYaml(created));
    else if (format === 'json') inv.output.out(toJson(created));
    else if (format === 'name') inv.output.out(`pod/${name}`);
    else inv.output.out(`pod/${name} created${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`);
    return 0;
  },
};

function parseKeyValues(text: string | undefined, what: string): Record<string, string> | undefined {
  if (!text) return undefined;
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new KubectlError(`error: invalid ${what}: "${pair}"`);
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}
