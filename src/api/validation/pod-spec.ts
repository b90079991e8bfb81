import type { Container, ContainerPort, EnvVar, PodSpec, PodTemplateSpec, Probe, Toleration } from 'kubernetes-types/core/v1.js';
import { duplicate, forbidden, invalid, nonNegative, notSupported, required, type FieldError } from '../field-errors.ts';
import { validateAnnotations, validateLabelName, validateLabels } from './meta.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors, envVarNameErrors, inclusiveRangeError, labelValueErrors, portNameErrors, portNumberErrors } from './names.ts';
import { validateContainerResources } from './resources.ts';
import { validateVolumeMounts, validateVolumes } from './volumes.ts';

/**
 * ValidatePodSpec and the container checks of pkg/apis/core/validation/validation.go (v1.32), in
 * upstream's order, for the fields this engine models. Paths and phrases are the API server's.
 * Fields the v1 defaults always fill (restartPolicy, dnsPolicy, terminationMessagePolicy, port
 * protocol, imagePullPolicy, terminationGracePeriodSeconds) still get their `Required value`
 * check, as upstream, though a decoded manifest never reaches it.
 */
export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({} as PodSpec);
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) errs.push(required(`${path}.terminationGracePeriodSeconds`));
  const volumes = validateVolumes(s.volumes, `${path}.volumes`);
  errs.push(...volumes.errs);
  errs.push(...validateContainers(s.containers, volumes.names, `${path}.containers`));
  errs.push(...validateInitContainers(s.initContainers, s.containers, volumes.names, `${path}.initContainers`));
  errs.push(...hostNetworkPorts(s, path));
  errs.push(...oneOf(s.restartPolicy, ['Always', 'OnFailure', 'Never'], `${path}.restartPolicy`));
  errs.push(...oneOf(s.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], `${path}.dnsPolicy`));
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  if (s.serviceAccountName) {
    for (const msg of dns1123SubdomainErrors(s.serviceAccountName)) errs.push(invalid(`${path}.serviceAccountName`, s.serviceAccountName, msg));
  }
  if (s.nodeName) for (const msg of dns1123SubdomainErrors(s.nodeName)) errs.push(invalid(`${path}.nodeName`, s.nodeName, msg));
  if (s.activeDeadlineSeconds !== undefined && s.activeDeadlineSeconds !== null && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)));
  }
  if (s.hostname) for (const msg of dns1123LabelErrors(s.hostname)) errs.push(invalid(`${path}.hostname`, s.hostname, msg));
  if (s.subdomain) for (const msg of dns1123LabelErrors(s.subdomain)) errs.push(invalid(`${path}.subdomain`, s.subdomain, msg));
  errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  if (s.priorityClassName) {
    for (const msg of dns1123SubdomainErrors(s.priorityClassName)) errs.push(invalid(`${path}.priorityClassName`, s.priorityClassName, msg));
  }
  if (s.runtimeClassName) {
    for (const msg of dns1123SubdomainErrors(s.runtimeClassName)) errs.push(invalid(`${path}.runtimeClassName`, s.runtimeClassName, msg));
  }
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null) {
    errs.push(...oneOf(s.preemptionPolicy, ['PreemptLowerPriority', 'Never'], `${path}.preemptionPolicy`));
  }
  return errs;
}

/**
 * ValidatePodTemplateSpec: the template's labels and annotations (at `<path>.labels`, the
 * embedded ObjectMeta's field names), its pod spec, and no ephemeral containers.
 */
export function validatePodTemplate(template: PodTemplateSpec, path: string): FieldError[] {
  const errs = [
    ...validateLabels(template.metadata?.labels, `${path}.labels`),
    ...validateAnnotations(template.metadata?.annotations, `${path}.annotations`),
    ...podDeletionCost(template.metadata?.annotations, `${path}.annotations`),
    ...validatePodSpec(template.spec, `${path}.spec`),
  ];
  if (template.spec?.ephemeralContainers?.length) errs.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  return errs;
}

/** ValidatePodSpecificAnnotations: the deletion cost must be a 32-bit integer. */
export function podDeletionCost(annotations: Readonly<Record<string, string>> | undefined, path: string): FieldError[] {
  const key = 'controller.kubernetes.io/pod-deletion-cost';
  const value = annotations?.[key];
  if (value === undefined || parseDeletionCost(value) !== undefined) return [];
  return [invalid(`${path}[${key}]`, value, 'must be a 32bit integer')];
}

/**
 * GetDeletionCostFromPodAnnotations (pkg/apis/core/helper): a base-10 int32 without `+` or
 * leading zeros; undefined when invalid.
 */
export function parseDeletionCost(value: string): number | undefined {
  if (!/^(-?[1-9]\d*|0|-0)$/.test(value) && !/^-0\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/** validateContainers: the regular containers; names unique among them; host ports unique across them. */
function validateContainers(containers: readonly Container[] | undefined, volumes: ReadonlySet<string>, path: string): FieldError[] {
  if (!containers || containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name ?? '')) errs.push(duplicate(`${p}.name`, c.name ?? ''));
    else names.add(c.name ?? '');
    for (const [field, probe] of [['livenessProbe', c.livenessProbe], ['readinessProbe', c.readinessProbe], ['startupProbe', c.startupProbe]] as const) {
      errs.push(...validateProbe(probe, `${p}.${field}`, field === 'startupProbe' || field === 'livenessProbe'));
    }
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

/** validateInitContainers: names unique among init and regular containers; probes only for sidecars. */
function validateInitContainers(inits: readonly Container[] | undefined, regular: readonly Container[] | undefined, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name ?? ''));
  (inits ?? []).forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    let sidecar = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(...oneOf(c.restartPolicy, ['Always'], `${p}.restartPolicy`, false));
      sidecar = c.restartPolicy === 'Always';
    }
    if (names.has(c.name ?? '')) errs.push(duplicate(`${p}.name`, c.name ?? ''));
    else if (c.name) names.add(c.name);
    errs.push(...hostPortConflicts([c], path));
    if (sidecar) {
      for (const [field, probe] of [['livenessProbe', c.livenessProbe], ['readinessProbe', c.readinessProbe], ['startupProbe', c.startupProbe]] as const) {
        errs.push(...validateProbe(probe, `${p}.${field}`, field !== 'readinessProbe'));
      }
    } else {
      for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (c[field]) errs.push(forbidden(`${p}.${field}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/**
 * validateContainerCommon: name, image, terminationMessagePolicy, ports, env, volume mounts,
 * pull policy, resources.
 */
function validateContainerCommon(c: Container, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${path}.name`));
  else for (const msg of dns1123LabelErrors(c.name)) errs.push(invalid(`${path}.name`, c.name, msg));
  // Upstream only requires a non-empty image here; whitespace is checked for pods alone.
  if (!c.image) errs.push(required(`${path}.image`));
  errs.push(...oneOf(c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError'], `${path}.terminationMessagePolicy`));
  errs.push(...validateContainerPorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, `${path}.volumeMounts`));
  errs.push(...oneOf(c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never'], `${path}.imagePullPolicy`));
  errs.push(...validateContainerResources(c.resources, `${path}.resources`));
  return errs;
}

/**
 * A field with a fixed set of values: `Required value` when empty (if `requireSet`), else
 * NotSupported listing the values in the order given (upstream's own order per field).
 */
function oneOf(value: string | undefined | null, supported: readonly string[], path: string, requireSet = true): FieldError[] {
  if (value === undefined || value === null || value === '') return requireSet ? [required(path)] : value === '' ? [notSupported(path, value, supported)] : [];
  return supported.includes(value) ? [] : [notSupported(path, value, supported)];
}

/** validateContainerPorts. */
function validateContainerPorts(ports: readonly ContainerPort[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = `${path}[${i}]`;
    if (port.name) {
      const msgs = portNameErrors(port.name);
      if (msgs.length) for (const msg of msgs) errs.push(invalid(`${p}.name`, port.name, msg));
      else if (names.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(`${p}.containerPort`));
    else for (const msg of portNumberErrors(port.containerPort)) errs.push(invalid(`${p}.containerPort`, port.containerPort, msg));
    if (port.hostPort) for (const msg of portNumberErrors(port.hostPort)) errs.push(invalid(`${p}.hostPort`, port.hostPort, msg));
    // sets.List(supportedPortProtocols): sorted.
    errs.push(...oneOf(port.protocol, ['SCTP', 'TCP', 'UDP'], `${p}.protocol`));
  });
  return errs;
}

/** ValidateEnv: names required and valid; valueFrom with exactly one source and no value. */
function validateEnv(vars: readonly EnvVar[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    if (!ev.name) errs.push(required(`${p}.name`));
    else for (const msg of envVarNameErrors(ev.name)) errs.push(invalid(`${p}.name`, ev.name, msg));
    const from = ev.valueFrom;
    if (!from) return;
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => (from as Record<string, unknown>)[k]);
    if (from.fieldRef) {
      if (!from.fieldRef.apiVersion) errs.push(required(`${p}.valueFrom.fieldRef.apiVersion`));
      else if (!from.fieldRef.fieldPath) errs.push(required(`${p}.valueFrom.fieldRef.fieldPath`));
    }
    for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
      const r = from[ref];
      if (!r) continue;
      if (!r.name) errs.push(required(`${p}.valueFrom.${ref}.name`));
      if (!r.key) errs.push(required(`${p}.valueFrom.${ref}.key`));
    }
    if (sources.length === 0) errs.push(invalid(`${p}.valueFrom`, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (ev.value) errs.push(invalid(`${p}.valueFrom`, '', 'may not be specified when `value` is not empty'));
    else if (sources.length > 1) errs.push(invalid(`${p}.valueFrom`, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/**
 * validateLivenessProbe / validateReadinessProbe / validateStartupProbe: one handler, the
 * counters not negative; liveness and startup probes need successThreshold 1.
 */
function validateProbe(probe: Probe | undefined, path: string, successMustBeOne: boolean): FieldError[] {
  if (!probe) return [];
  const errs: FieldError[] = [];
  let handlers = 0;
  for (const h of ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const) {
    const handler = probe[h];
    if (!handler) continue;
    if (handlers++ > 0) {
      errs.push(forbidden(`${path}.${h}`, 'may not specify more than 1 handler type'));
      continue;
    }
    const p = `${path}.${h}`;
    if (h === 'exec' && !probe.exec?.command?.length) errs.push(required(`${p}.command`));
    if (h === 'httpGet') {
      if (!probe.httpGet!.path) errs.push(required(`${p}.path`));
      errs.push(...portNumOrName(probe.httpGet!.port, `${p}.port`));
      errs.push(...oneOf(probe.httpGet!.scheme, ['HTTP', 'HTTPS'], `${p}.scheme`, false));
    }
    if (h === 'tcpSocket') errs.push(...portNumOrName(probe.tcpSocket!.port, `${p}.port`));
    if (h === 'grpc') errs.push(...portNumOrName(probe.grpc!.port, `${p}.port`));
  }
  if (handlers === 0) errs.push(required(path, 'must specify a handler type'));
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...nonNegative(probe[f], `${path}.${f}`));
  }
  if (successMustBeOne && (probe.successThreshold ?? 0) !== 1) errs.push(invalid(`${path}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
  return errs;
}

/** ValidatePortNumOrName: a port number in range, or a valid port name. */
function portNumOrName(port: number | string | undefined, path: string): FieldError[] {
  if (typeof port === 'string') return portNameErrors(port).map((msg) => invalid(path, port, msg));
  return portNumberErrors(port ?? 0).map((msg) => invalid(path, port ?? 0, msg));
}

/** AccumulateUniqueHostPorts: `<protocol>/<hostIP>/<port>` may appear once. */
function hostPortConflicts(containers: readonly Container[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

/** validatePodHostNetworkDeps: with hostNetwork, a host port must equal its container port. */
function hostNetworkPorts(s: PodSpec, path: string): FieldError[] {
  if (!s.hostNetwork) return [];
  const errs: FieldError[] = [];
  (s.containers ?? []).forEach((c, i) =>
    (c.ports ?? []).forEach((port, j) => {
      if (port.hostPort && port.hostPort !== port.containerPort) {
        errs.push(invalid(`${path}.containers[${i}].ports[${j}].hostPort`, port.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
      }
    }),
  );
  return errs;
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: readonly Toleration[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = `${path}[${i}]`;
    if (t.key) errs.push(...validateLabelName(t.key, `${p}.key`));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(invalid(`${p}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalid(`${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = labelValueErrors(t.value ?? '');
        if (msgs.length) errs.push(invalid(`${p}.operator`, t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(invalid(`${p}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(`${p}.operator`, t.operator, ['Equal', 'Exists']));
    }
    if (t.effect) errs.push(...oneOf(t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'], `${p}.effect`));
  });
  return errs;
}
