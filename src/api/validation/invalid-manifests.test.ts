import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../cluster.ts';
import { StatusError } from '../errors.ts';
import { groupResource } from '../registry.ts';
import type { KubeObject } from '../../store/object.ts';

/**
 * Invalid manifests and the API server's answer, word for word (v1.32; the texts are those of
 * apimachinery's field errors and pkg/apis/{core,apps}/validation, see
 * /work/research/validation-printers.md §1–§2 and §6). Each request must leave the store as it
 * was: same resourceVersion, same number of objects.
 */

// The phrases of apimachinery/pkg/util/validation/validation.go, spelled out so the test pins them.
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const ENV_NAME =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const QUANTITY_REGEX = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const POD_UPDATE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

type Obj = Record<string, unknown>;
const asObject = (o: Obj) => o as unknown as KubeObject;

const pod = (spec: Obj = {}, metadata: Obj = { name: 'web' }): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec: { containers: [{ name: 'web', image: 'nginx' }], ...spec },
});
const container = (extra: Obj) => ({ name: 'web', image: 'nginx', ...extra });
const template = (labels: Record<string, string> | undefined, spec: Obj = {}): Obj => ({
  metadata: labels ? { labels } : {},
  spec: { containers: [{ name: 'web', image: 'nginx' }], ...spec },
});
const rs = (spec: Obj, name = 'web'): Obj => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name }, spec });
const rc = (spec: Obj, name = 'web'): Obj => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name }, spec });
const ns = (metadata: Obj): Obj => ({ apiVersion: 'v1', kind: 'Namespace', metadata });

interface Case {
  name: string;
  /** Objects created first (the update cases' originals). */
  setup?: Obj[];
  /** The object created, or for updates a function of the stored original. */
  create?: Obj;
  update?: { resource: string; name: string; change: (stored: Obj) => void };
  reason?: 'Invalid' | 'BadRequest';
  message: string;
}

const cases: Case[] = [
  // --- Pod: metadata
  { name: 'pod without an image', create: pod({ containers: [{ name: 'web' }] }), message: 'Pod "web" is invalid: spec.containers[0].image: Required value' },
  { name: 'pod name not a DNS subdomain', create: pod({}, { name: 'Web_1' }), message: `Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${SUBDOMAIN}` },
  { name: 'pod without a name', create: pod({}, {}), message: 'Pod "" is invalid: metadata.name: Required value: name or generateName is required' },
  {
    name: 'generateName is checked as a prefix, the generated name as a name',
    create: pod({}, { generateName: 'Web-' }),
    message: `Pod "{generated}" is invalid: [metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN}, metadata.name: Invalid value: "{generated}": ${SUBDOMAIN}]`,
  },
  {
    name: 'label key with an invalid prefix',
    create: pod({}, { name: 'web', labels: { 'Example.com/app': 'web' } }),
    message: `Pod "web" is invalid: metadata.labels: Invalid value: "Example.com/app": prefix part ${SUBDOMAIN}`,
  },
  {
    name: 'label key with an empty name part gets both name-part messages',
    create: pod({}, { name: 'web', labels: { 'example.com/': 'web' } }),
    message: `Pod "web" is invalid: [metadata.labels: Invalid value: "example.com/": name part must be non-empty, metadata.labels: Invalid value: "example.com/": ${NAME_PART}]`,
  },
  { name: 'label value', create: pod({}, { name: 'web', labels: { app: '-web' } }), message: `Pod "web" is invalid: metadata.labels: Invalid value: "-web": ${LABEL_VALUE}` },
  {
    name: 'non-standard unqualified finalizer',
    create: pod({}, { name: 'web', finalizers: ['cleanup'] }),
    message: 'Pod "web" is invalid: metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
  },
  {
    name: 'pod-deletion-cost that is not an int32',
    create: pod({}, { name: 'web', annotations: { 'controller.kubernetes.io/pod-deletion-cost': '+10' } }),
    message: 'Pod "web" is invalid: metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "+10": must be a 32bit integer',
  },
  // --- Pod: containers
  {
    name: 'container name and port (research example 3)',
    create: pod({ containers: [container({ name: 'Web', ports: [{ containerPort: 70000 }] })] }, { name: 'p' }),
    message: `Pod "p" is invalid: [spec.containers[0].name: Invalid value: "Web": ${LABEL}, spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive]`,
  },
  { name: 'container name with dots', create: pod({ containers: [container({ name: 'web.v1' })] }), message: 'Pod "web" is invalid: spec.containers[0].name: Invalid value: "web.v1": must not contain dots' },
  { name: 'duplicate container names', create: pod({ containers: [container({}), container({})] }), message: 'Pod "web" is invalid: spec.containers[1].name: Duplicate value: "web"' },
  { name: 'no containers', create: pod({ containers: [] }), message: 'Pod "web" is invalid: spec.containers: Required value' },
  {
    name: 'port protocol in lower case',
    create: pod({ containers: [container({ ports: [{ containerPort: 80, protocol: 'tcp' }] })] }),
    message: 'Pod "web" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
  },
  {
    name: 'port name too long and with capitals',
    create: pod({ containers: [container({ ports: [{ containerPort: 80, name: 'Http-Web-Frontend' }] })] }),
    message:
      'Pod "web" is invalid: [spec.containers[0].ports[0].name: Invalid value: "Http-Web-Frontend": must be no more than 15 characters, spec.containers[0].ports[0].name: Invalid value: "Http-Web-Frontend": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)]',
  },
  {
    name: 'the same host port twice',
    create: pod({ containers: [container({ ports: [{ containerPort: 80, hostPort: 8080 }] }), container({ name: 'sidecar', ports: [{ containerPort: 81, hostPort: 8080 }] })] }),
    message: 'Pod "web" is invalid: spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"',
  },
  {
    name: 'terminationMessagePolicy',
    create: pod({ containers: [container({ terminationMessagePolicy: 'Always' })] }),
    message: 'Pod "web" is invalid: spec.containers[0].terminationMessagePolicy: Unsupported value: "Always": supported values: "File", "FallbackToLogsOnError"',
  },
  {
    name: 'imagePullPolicy',
    create: pod({ containers: [container({ imagePullPolicy: 'Sometimes' })] }),
    message: 'Pod "web" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
  },
  {
    name: 'env var name starting with a digit',
    create: pod({ containers: [container({ env: [{ name: '1ST', value: 'x' }] })] }),
    message: `Pod "web" is invalid: spec.containers[0].env[0].name: Invalid value: "1ST": ${ENV_NAME}`,
  },
  { name: 'env var named ..', create: pod({ containers: [container({ env: [{ name: '..', value: 'x' }] })] }), message: `Pod "web" is invalid: spec.containers[0].env[0].name: Invalid value: "..": must not be '..'` },
  {
    name: 'image with surrounding whitespace',
    create: pod({ containers: [container({ image: ' nginx' })] }),
    message: 'Pod "web" is invalid: spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
  },
  // --- Pod: volumes and mounts
  {
    name: 'volumeMount to a missing volume',
    create: pod({ containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] }),
    message: 'Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
  },
  {
    name: 'the same mountPath twice',
    create: pod({
      volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }],
      containers: [container({ volumeMounts: [{ name: 'a', mountPath: '/data' }, { name: 'b', mountPath: '/data' }] })],
    }),
    message: 'Pod "web" is invalid: spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
  },
  {
    name: 'two sources in one volume, and a mount of it',
    create: pod({ volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/srv' } }], containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] }),
    message: 'Pod "web" is invalid: [spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type, spec.containers[0].volumeMounts[0].name: Not found: "data"]',
  },
  {
    name: 'volume source checks come before the volume name',
    create: pod({ volumes: [{ name: 'Data', hostPath: { path: '/srv/../etc', type: 'Dir' } }] }),
    message: `Pod "web" is invalid: [spec.volumes[0].hostPath.path: Invalid value: "/srv/../etc": must not contain '..', spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket", spec.volumes[0].name: Invalid value: "Data": ${LABEL}]`,
  },
  { name: 'configMap volume without a name', create: pod({ volumes: [{ name: 'cfg', configMap: {} }] }), message: 'Pod "web" is invalid: spec.volumes[0].configMap.name: Required value' },
  // --- Pod: spec fields and quantities
  {
    name: 'restartPolicy',
    create: pod({ restartPolicy: 'Sometimes' }),
    message: 'Pod "web" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
  },
  {
    name: 'toleration operator',
    create: pod({ tolerations: [{ key: 'k', operator: 'Exist', value: 'v' }] }),
    message: 'Pod "web" is invalid: spec.tolerations[0].operator: Unsupported value: "Exist": supported values: "Equal", "Exists"',
  },
  {
    name: 'request above its limit, both printed canonically',
    create: pod({ containers: [container({ resources: { requests: { cpu: '1.5' }, limits: { cpu: '1000m' } } })] }),
    message: 'Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 1',
  },
  {
    name: 'negative quantity (requests default from limits)',
    create: pod({ containers: [container({ resources: { limits: { memory: '-1Gi' } } })] }),
    message:
      'Pod "web" is invalid: [spec.containers[0].resources.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0, spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0]',
  },
  {
    name: 'unknown resource name',
    create: pod({ containers: [container({ resources: { requests: { cpus: '1' } } })] }),
    message:
      'Pod "web" is invalid: [spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified, spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers]',
  },
  {
    name: 'text that is not a quantity fails decoding',
    create: pod({ containers: [container({ resources: { requests: { cpu: '1 core' } } })] }),
    reason: 'BadRequest',
    message: `Pod in version "v1" cannot be handled as a Pod: ${QUANTITY_REGEX}`,
  },
  {
    name: 'an unknown quantity suffix fails decoding',
    create: rs({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, { containers: [container({ resources: { limits: { memory: '1K' } } })] }) }),
    reason: 'BadRequest',
    message: "ReplicaSet in version \"v1\" cannot be handled as a ReplicaSet: unable to parse quantity's suffix",
  },
  // --- Pod: updates
  {
    name: 'pod update changing the restart policy',
    setup: [pod()],
    update: { resource: 'pods', name: 'web', change: (p) => ((p.spec as Obj).restartPolicy = 'Never') },
    message: `Pod "web" is invalid: spec: Forbidden: ${POD_UPDATE}\n`,
  },
  {
    name: 'pod update adding a container: the new spec is checked first, then validation stops',
    setup: [pod()],
    update: { resource: 'pods', name: 'web', change: (p) => (p.spec as { containers: Obj[] }).containers.push(container({ name: 'sidecar', image: '' })) },
    message: 'Pod "web" is invalid: [spec.containers[1].image: Required value, spec.containers: Forbidden: pod updates may not add or remove containers]',
  },
  {
    name: 'update with another uid',
    setup: [pod()],
    update: { resource: 'pods', name: 'web', change: (p) => ((p.metadata as Obj).uid = 'd9607e19-f88f-11e6-a518-42010a800195') },
    message: 'Pod "web" is invalid: metadata.uid: Invalid value: "d9607e19-f88f-11e6-a518-42010a800195": field is immutable',
  },
  // --- ReplicaSet
  {
    name: 'ReplicaSet without a selector (research example 4)',
    create: rs({ template: template({ tier: 'frontend' }) }, 'frontend'),
    message: 'ReplicaSet.apps "frontend" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"tier":"frontend"}: `selector` does not match template `labels`]',
  },
  {
    name: 'ReplicaSet with an empty selector (research example 5)',
    create: rs({ selector: {}, template: template({ tier: 'frontend' }) }, 'rs'),
    message:
      'ReplicaSet.apps "rs" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
  },
  {
    name: 'ReplicaSet whose selector asks for a label the template lacks',
    create: rs({ replicas: 2, selector: { matchLabels: { app: 'myapp', release: 'canary' } }, template: template({ app: 'myapp' }) }, 'mismatch'),
    message: 'ReplicaSet.apps "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"myapp"}: `selector` does not match template `labels`',
  },
  {
    name: 'ReplicaSet template without labels',
    create: rs({ selector: { matchLabels: { app: 'web' } }, template: template(undefined) }),
    message: 'ReplicaSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
  },
  {
    name: 'ReplicaSet with negative replicas and restartPolicy Never',
    create: rs({ replicas: -1, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, { restartPolicy: 'Never' }) }),
    message:
      'ReplicaSet.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"]',
  },
  {
    name: 'ReplicaSet selector operator',
    create: rs({ selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, template: template({ app: 'web' }) }),
    message:
      'ReplicaSet.apps "web" is invalid: [spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator, spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Equals", Values:[]string{"web"}}}}: invalid label selector]',
  },
  {
    name: 'ReplicaSet selector In without values',
    create: rs({ selector: { matchExpressions: [{ key: 'app', operator: 'In' }] }, template: template({ app: 'web' }) }),
    message:
      "ReplicaSet.apps \"web\" is invalid: [spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn', spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"app\", Operator:\"In\", Values:[]string(nil)}}}: invalid label selector]",
  },
  {
    name: 'ReplicaSet template label key is checked under spec.template.labels',
    create: rs({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web', 'tier/x/y': 'fe' }) }),
    message:
      "ReplicaSet.apps \"web\" is invalid: spec.template.labels: Invalid value: \"tier/x/y\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
  },
  {
    name: 'ReplicaSet template with activeDeadlineSeconds and no containers',
    create: rs({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, { containers: [], activeDeadlineSeconds: 30 }) }),
    message:
      'ReplicaSet.apps "web" is invalid: [spec.template.spec.containers: Required value, spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported]',
  },
  {
    name: 'ReplicaSet selector is immutable',
    setup: [rs({ replicas: 0, selector: { matchLabels: { app: 'a' } }, template: template({ app: 'a' }) })],
    update: {
      resource: 'replicasets.apps',
      name: 'web',
      change: (o) => {
        const spec = o.spec as { selector: Obj; template: { metadata: Obj } };
        spec.selector = { matchLabels: { app: 'b' } };
        spec.template.metadata.labels = { app: 'b' };
      },
    },
    message:
      'ReplicaSet.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  },
  {
    name: 'ReplicaSet selector change that also breaks the template match',
    setup: [rs({ replicas: 0, selector: { matchLabels: { app: 'a' } }, template: template({ app: 'a' }) })],
    update: { resource: 'replicasets.apps', name: 'web', change: (o) => ((o.spec as Obj).selector = { matchLabels: { app: 'b' } }) },
    message:
      'ReplicaSet.apps "web" is invalid: [spec.template.metadata.labels: Invalid value: map[string]string{"app":"a"}: `selector` does not match template `labels`, spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable]',
  },
  // --- ReplicationController
  { name: 'RC without selector or template', create: rc({}), message: 'ReplicationController "web" is invalid: [spec.selector: Required value, spec.template: Required value]' },
  { name: 'RC whose template has no labels (nothing to default the selector from)', create: rc({ template: template(undefined) }), message: 'ReplicationController "web" is invalid: spec.selector: Required value' },
  {
    name: 'RC selector and template labels disagree',
    create: rc({ selector: { app: 'web' }, template: template({ app: 'api' }) }),
    message: 'ReplicationController "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
  },
  {
    name: 'RC with negative minReadySeconds and replicas, in upstream order',
    create: rc({ replicas: -2, minReadySeconds: -1, template: template({ app: 'web' }) }),
    message:
      'ReplicationController "web" is invalid: [spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0, spec.replicas: Invalid value: -2: must be greater than or equal to 0]',
  },
  {
    name: 'RC template activeDeadlineSeconds names the kind',
    create: rc({ template: template({ app: 'web' }, { activeDeadlineSeconds: 5 }) }),
    message: 'ReplicationController "web" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported',
  },
  // --- Namespace
  { name: 'namespace name with capitals', create: ns({ name: 'My-NS' }), message: `Namespace "My-NS" is invalid: metadata.name: Invalid value: "My-NS": ${LABEL}` },
  { name: 'namespace name with dots', create: ns({ name: 'team.a' }), message: 'Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots' },
  {
    name: 'namespace label value too long',
    create: ns({ name: 'team-a', labels: { owner: 'x'.repeat(64) } }),
    message: `Namespace "team-a" is invalid: metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`,
  },
];

function snapshot(cluster: Cluster): { rv: number; count: number } {
  const count = cluster.api.kinds.all().reduce((n, k) => n + cluster.store.count(groupResource(k)), 0);
  return { rv: cluster.store.resourceVersion, count };
}

function attempt(cluster: Cluster, c: Case): unknown {
  try {
    if (c.create) cluster.api.create(asObject(c.create));
    else {
      const u = c.update!;
      const stored = structuredClone(cluster.store.get(u.resource, 'default', u.name)) as unknown as Obj;
      u.change(stored);
      cluster.api.update(asObject(stored));
    }
  } catch (e) {
    return e;
  }
  return undefined;
}

for (const c of cases) {
  test(`invalid: ${c.name}`, () => {
    const cluster = new Cluster();
    for (const o of c.setup ?? []) cluster.api.create(asObject(o));
    cluster.reconcile();
    const before = snapshot(cluster);
    const err = attempt(cluster, c);
    assert.ok(err instanceof StatusError, `expected a StatusError, got ${String(err)}`);
    assert.equal(err.reason, c.reason ?? 'Invalid');
    // A generated name is the generateName plus five characters of the API server's alphabet.
    const generated = err.status.details?.name ?? '';
    if (c.message.includes('{generated}')) assert.match(generated, /^Web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const message = c.message.replaceAll('{generated}', generated);
    if (message.endsWith('\n')) {
      // The forbidden pod update appends a go-cmp diff that upstream randomises; pin the first line.
      assert.equal(err.message.slice(0, message.length), message);
      assert.match(err.message.slice(message.length), /^ {2}core\.PodSpec\{\n/);
    } else {
      assert.equal(err.message, message);
    }
    assert.deepEqual(snapshot(cluster), before, 'the store is unchanged');
  });
}

test('invalid: one cause per field error, duplicates kept in causes but not in the message', () => {
  const cluster = new Cluster();
  cluster.api.create(asObject(rs({ replicas: 0, selector: { matchLabels: { app: 'a' } }, template: template({ app: 'a' }) })));
  const err = attempt(cluster, { name: '', message: '', update: { resource: 'replicasets.apps', name: 'web', change: (o) => ((o.spec as Obj).replicas = -1) } }) as StatusError;
  assert.equal(err.message, 'ReplicaSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  // ValidateReplicaSet and ValidateReplicaSetUpdate both check the spec: two causes, one line.
  assert.deepEqual(err.status.details?.causes, [
    { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
    { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
  ]);
  assert.deepEqual(err.status.details && { kind: err.status.details.kind, group: err.status.details.group, name: err.status.details.name }, { kind: 'ReplicaSet', group: 'apps', name: 'web' });
  assert.equal(err.status.code, 422);
});

test('invalid: an update may not add a finalizer to an object being deleted', () => {
  const cluster = new Cluster();
  cluster.api.create(asObject(rs({ replicas: 0, selector: { matchLabels: { app: 'a' } }, template: template({ app: 'a' }) })));
  cluster.api.delete('replicasets.apps', 'default', 'web', { propagationPolicy: 'Orphan' });
  const before = snapshot(cluster);
  const err = attempt(cluster, {
    name: '',
    message: '',
    update: { resource: 'replicasets.apps', name: 'web', change: (o) => (o.metadata as { finalizers: string[] }).finalizers.push('example.com/keep') },
  }) as StatusError;
  assert.equal(
    err.message,
    'ReplicaSet.apps "web" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/keep"}',
  );
  assert.deepEqual(snapshot(cluster), before);
});

test('invalid: an object is Invalid before it is AlreadyExists; a terminating one says so', () => {
  const cluster = new Cluster();
  cluster.api.create(asObject(pod()));
  const invalid = attempt(cluster, { name: '', create: pod({ containers: [{ name: 'web' }] }), message: '' }) as StatusError;
  assert.equal(invalid.reason, 'Invalid');
  const exists = attempt(cluster, { name: '', create: pod(), message: '' }) as StatusError;
  assert.equal(exists.message, 'pods "web" already exists');
  cluster.settle();
  cluster.api.delete('pods', 'default', 'web');
  const terminating = attempt(cluster, { name: '', create: pod(), message: '' }) as StatusError;
  assert.equal(terminating.message, 'object is being deleted: pods "web" already exists');
});

test('valid: quantities are stored in canonical form', () => {
  const cluster = new Cluster();
  const created = cluster.api.create(asObject(pod({ containers: [container({ resources: { requests: { cpu: 0.5, memory: '1024Mi' }, limits: { memory: ' 2Gi ' } } })] })));
  assert.deepEqual((created as unknown as { spec: { containers: Obj[] } }).spec.containers[0].resources, { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } });
});
