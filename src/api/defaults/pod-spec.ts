import type { Container, PodSpec, PodTemplateSpec, Probe } from 'kubernetes-types/core/v1.js';

/**
 * SetDefaults_PodSpec, SetDefaults_Container and friends (pkg/apis/core/v1/defaults.go):
 * applied to pods and to every pod template a workload carries. Mutates its argument, which
 * the API server has already copied.
 */
export function defaultPodSpec(spec: PodSpec): void {
  // Go defaults test for the zero value, so an explicit "" is defaulted too.
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) {
    // SetDefaults_Volume: a volume with no source is an emptyDir.
    if (!Object.keys(v).some((k) => k !== 'name' && (v as unknown as Record<string, unknown>)[k] != null)) v.emptyDir = {};
    if (v.hostPath) v.hostPath.type ??= '';
    if (v.emptyDir) v.emptyDir = v.emptyDir ?? {};
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.secret) v.secret.defaultMode ??= 420;
    if (v.projected) v.projected.defaultMode ??= 420;
    if (v.downwardAPI) v.downwardAPI.defaultMode ??= 420;
  }
}

/**
 * SetDefaults_Pod: what only pods get, not the templates of workloads: service links, and
 * requests copied from limits.
 */
export function defaultPodOnly(spec: PodSpec): void {
  spec.enableServiceLinks ??= true;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    c.resources!.requests ??= {};
    for (const [k, v] of Object.entries(limits)) c.resources!.requests[k] ??= v;
  }
}

/** Defaults a template's pod spec (workloads do not get admission, only defaulting). */
export function defaultPodTemplate(template: PodTemplateSpec | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec);
}

/** `Always` for `:latest` or untagged images, else `IfNotPresent` (SetDefaults_Container). */
export function defaultPullPolicy(image: string | undefined): string {
  if (!image) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  if (lastSegment.includes('@')) return 'IfNotPresent';
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon < 0 ? '' : lastSegment.slice(colon + 1);
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Container): void {
  c.imagePullPolicy ||= defaultPullPolicy(c.image);
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ||= 'TCP';
  for (const e of c.env ?? []) {
    if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  }
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
}

function defaultProbe(p: Probe): void {
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    p.httpGet.path ??= '/';
    p.httpGet.scheme ??= 'HTTP';
  }
}
