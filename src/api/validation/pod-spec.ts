import type { Container, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { duplicate, invalid, notFound, notSupported, required, type FieldError } from '../field-errors.ts';
import { isQuantity, parseMilli, QUANTITY_REGEX_MESSAGE } from '../quantity.ts';
import { validateAnnotations, validateLabels } from './meta.ts';
import { dns1123LabelErrors, portNameErrors, portNumberErrors } from './names.ts';

/**
 * ValidatePodSpec and the container checks of pkg/apis/core/validation/validation.go, for the
 * fields this engine models. Paths and phrases are the API server's.
 */
export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const s = spec ?? ({} as PodSpec);
  const volumeNames = new Set<string>();
  (s.volumes ?? []).forEach((v, i) => {
    const p = `${path}.volumes[${i}]`;
    if (!v.name) errs.push(required(`${p}.name`));
    else {
      for (const msg of dns1123LabelErrors(v.name)) errs.push(invalid(`${p}.name`, v.name, msg));
      if (volumeNames.has(v.name)) errs.push(duplicate(`${p}.name`, v.name));
      volumeNames.add(v.name);
    }
  });
  const names = new Set<string>();
  if (!s.containers || s.containers.length === 0) errs.push(required(`${path}.containers`));
  (s.initContainers ?? []).forEach((c, i) => errs.push(...validateContainer(c, `${path}.initContainers[${i}]`, names, volumeNames)));
  (s.containers ?? []).forEach((c, i) => errs.push(...validateContainer(c, `${path}.containers[${i}]`, names, volumeNames)));
  if (s.restartPolicy !== undefined && !['Always', 'OnFailure', 'Never'].includes(s.restartPolicy)) {
    errs.push(notSupported(`${path}.restartPolicy`, s.restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  if (s.dnsPolicy !== undefined && !['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(s.dnsPolicy)) {
    errs.push(notSupported(`${path}.dnsPolicy`, s.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  }
  if (s.terminationGracePeriodSeconds !== undefined && s.terminationGracePeriodSeconds < 0) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, s.terminationGracePeriodSeconds, 'must be greater than or equal to 0'));
  }
  if (s.activeDeadlineSeconds !== undefined && s.activeDeadlineSeconds <= 0) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  for (const [k, v] of Object.entries(s.nodeSelector ?? {})) {
    errs.push(...validateLabels({ [k]: v }, `${path}.nodeSelector`));
  }
  (s.tolerations ?? []).forEach((t, i) => {
    const p = `${path}.tolerations[${i}]`;
    if (t.operator !== undefined && !['Exists', 'Equal'].includes(t.operator)) {
      errs.push(notSupported(`${p}.operator`, t.operator, ['Equal', 'Exists']));
    }
    if (t.operator === 'Exists' && t.value) errs.push(invalid(`${p}.operator`, t.value, 'value must be empty when `operator` is \'Exists\''));
    if (t.effect !== undefined && t.effect !== '' && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push(notSupported(`${p}.effect`, t.effect, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']));
    }
  });
  return errs;
}

/** ValidatePodTemplateSpec: template labels and annotations, then the pod spec. */
export function validatePodTemplate(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  if (!template) return [required(path)];
  return [
    ...validateLabels(template.metadata?.labels, `${path}.metadata.labels`),
    ...validateAnnotations(template.metadata?.annotations, `${path}.metadata.annotations`),
    ...validatePodSpec(template.spec, `${path}.spec`),
  ];
}

function validateContainer(c: Container, path: string, names: Set<string>, volumes: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${path}.name`));
  else {
    for (const msg of dns1123LabelErrors(c.name)) errs.push(invalid(`${path}.name`, c.name, msg));
    if (names.has(c.name)) errs.push(duplicate(`${path}.name`, c.name));
    names.add(c.name);
  }
  if (!c.image || !String(c.image).trim()) errs.push(required(`${path}.image`));
  if (c.imagePullPolicy !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) {
    errs.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  }
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((p, i) => {
    const pp = `${path}.ports[${i}]`;
    if (p.name) {
      for (const msg of portNameErrors(p.name)) errs.push(invalid(`${pp}.name`, p.name, msg));
      if (portNames.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name));
      portNames.add(p.name);
    }
    if (p.containerPort === undefined || p.containerPort === 0) errs.push(required(`${pp}.containerPort`));
    else for (const msg of portNumberErrors(p.containerPort)) errs.push(invalid(`${pp}.containerPort`, p.containerPort, msg));
    if (p.hostPort !== undefined && p.hostPort !== 0) {
      for (const msg of portNumberErrors(p.hostPort)) errs.push(invalid(`${pp}.hostPort`, p.hostPort, msg));
    }
    if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) {
      errs.push(notSupported(`${pp}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    }
  });
  (c.volumeMounts ?? []).forEach((m, i) => {
    const mp = `${path}.volumeMounts[${i}]`;
    if (!m.name) errs.push(required(`${mp}.name`));
    else if (!volumes.has(m.name)) errs.push(notFound(`${mp}.name`, m.name));
    if (!m.mountPath) errs.push(required(`${mp}.mountPath`));
  });
  const envNames = new Set<string>();
  (c.env ?? []).forEach((e, i) => {
    if (!e.name) errs.push(required(`${path}.env[${i}].name`));
    envNames.add(e.name);
  });
  errs.push(...validateResources(c, `${path}.resources`));
  return errs;
}

function validateResources(c: Container, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const { limits = {}, requests = {} } = c.resources ?? {};
  for (const [section, list] of [['limits', limits], ['requests', requests]] as const) {
    for (const [name, q] of Object.entries(list)) {
      if (!isQuantity(q)) errs.push(invalid(`${path}.${section}[${name}]`, String(q), QUANTITY_REGEX_MESSAGE));
      else if (parseMilli(q) < 0) errs.push(invalid(`${path}.${section}[${name}]`, String(q), 'must be greater than or equal to 0'));
    }
  }
  for (const [name, q] of Object.entries(requests)) {
    const limit = limits[name];
    if (limit !== undefined && isQuantity(q) && isQuantity(limit) && parseMilli(q) > parseMilli(limit)) {
      errs.push(invalid(`${path}.requests`, String(q), `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
  return errs;
}
