import type {
  CrossVersionObjectReference,
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerBehavior,
  HPAScalingRules,
  MetricSpec,
  MetricTarget,
} from 'kubernetes-types/autoscaling/v2.js';
import { forbidden, GoValue, goQuote, invalid, notSupported, required, type FieldError } from '../field-errors.ts';
import { Quantity } from '../quantity.ts';
import { dns1123LabelErrors } from './names.ts';
import { pathSegmentName } from './meta.ts';

/**
 * HorizontalPodAutoscaler validation with the API server's wording
 * (pkg/apis/autoscaling/validation/validation.go at v1.32). The object has been defaulted first,
 * as upstream validates the internal object decoded from v2: minReplicas is 1 when unset.
 */

/** MaxPeriodSeconds and MaxStabilizationWindowSeconds. */
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

/** The sets' sorted lists that NotSupported quotes. */
const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];

/**
 * %#v of a resource.Quantity, which is what ErrorBody prints for a *Quantity (it dereferences the
 * pointer, and Quantity's String has a pointer receiver). For the int64 fast path of ParseQuantity:
 * the digits and scale as written, and the text cached in `s` only when it is canonical.
 */
export function goQuantity(text: string): GoValue {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?([numkMGTPE]?)$/.exec(text.trim());
  if (!m) return new GoValue(`resource.Quantity{${goQuote(text)}}`);
  const [, sign, num = '', denom = '', suffix] = m;
  const exponent = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }[suffix] ?? 0;
  const shifted = `${num.replace(/^0+(?=\d)/, '')}${denom}` || '0';
  const scale = exponent - denom.length;
  const value = BigInt(shifted) * (sign === '-' ? -1n : 1n);
  const canonical = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  return new GoValue(`resource.Quantity{i:resource.int64Amount{value:${value}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${goQuote(canonical ? text : '')}, Format:"DecimalSI"}`);
}

function sign(text: string | undefined): number {
  try {
    return Quantity.parse(text ?? '0').sign;
  } catch {
    return 0;
  }
}

/** ValidateCrossVersionObjectReference: kind and name required, and valid path segments. */
export function validateCrossVersionObjectReference(ref: Partial<CrossVersionObjectReference> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['kind', 'name'] as const) {
    const value = ref?.[field] ?? '';
    if (!value) errs.push(required(`${path}.${field}`));
    else for (const msg of pathSegmentName(value, false)) errs.push(invalid(`${path}.${field}`, value, msg));
  }
  return errs;
}

/** validateMetricTarget. */
function validateMetricTarget(mt: Partial<MetricTarget> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = mt?.type ?? '';
  if (!type) errs.push(required(`${path}.type`, 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') {
    errs.push(invalid(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  }
  if (mt?.value !== undefined && sign(mt.value) !== 1) errs.push(invalid(`${path}.value`, goQuantity(String(mt.value)), 'must be positive'));
  if (mt?.averageValue !== undefined && sign(mt.averageValue) !== 1) errs.push(invalid(`${path}.averageValue`, goQuantity(String(mt.averageValue)), 'must be positive'));
  if (mt?.averageUtilization !== undefined && mt.averageUtilization < 1) errs.push(invalid(`${path}.averageUtilization`, mt.averageUtilization, 'must be greater than 0'));
  return errs;
}

/** validateMetricIdentifier. */
function validateMetricIdentifier(id: { name?: string } | undefined, path: string): FieldError[] {
  const name = id?.name ?? '';
  if (!name) return [required(`${path}.name`, 'must specify a metric name')];
  return pathSegmentName(name, false).map((msg) => invalid(`${path}.name`, name, msg));
}

/** validateResourceSource and validateContainerResourceSource: a raw value or a utilization, not both. */
function validateResourceTarget(target: Partial<MetricTarget> | undefined, path: string): FieldError[] {
  const errs = validateMetricTarget(target, `${path}.target`);
  if (target?.averageUtilization === undefined && target?.averageValue === undefined) {
    errs.push(required(`${path}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
  }
  if (target?.averageUtilization !== undefined && target?.averageValue !== undefined) {
    errs.push(forbidden(`${path}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
  }
  return errs;
}

type SourceField = 'object' | 'external' | 'pods' | 'resource' | 'containerResource';

/** The source-specific checks of validateMetricSpec. */
function validateSource(spec: MetricSpec, field: SourceField, path: string): FieldError[] {
  switch (field) {
    case 'object': {
      const src = spec.object!;
      const errs = [...validateCrossVersionObjectReference(src.describedObject, `${path}.describedObject`), ...validateMetricIdentifier(src.metric, `${path}.metric`), ...validateMetricTarget(src.target, `${path}.target`)];
      if (src.target?.value === undefined && src.target?.averageValue === undefined) errs.push(required(`${path}.target.averageValue`, 'must set either a target value or averageValue'));
      return errs;
    }
    case 'external': {
      const src = spec.external!;
      const errs = [...validateMetricIdentifier(src.metric, `${path}.metric`), ...validateMetricTarget(src.target, `${path}.target`)];
      if (src.target?.value === undefined && src.target?.averageValue === undefined) errs.push(required(`${path}.target.averageValue`, 'must set either a target value for metric or a per-pod target'));
      if (src.target?.value !== undefined && src.target?.averageValue !== undefined) errs.push(forbidden(`${path}.target.value`, 'may not set both a target value for metric and a per-pod target'));
      return errs;
    }
    case 'pods': {
      const src = spec.pods!;
      const errs = [...validateMetricIdentifier(src.metric, `${path}.metric`), ...validateMetricTarget(src.target, `${path}.target`)];
      if (src.target?.averageValue === undefined) errs.push(required(`${path}.target.averageValue`, 'must specify a positive target averageValue'));
      return errs;
    }
    case 'resource': {
      const src = spec.resource!;
      const errs = src.name ? [] : [required(`${path}.name`, 'must specify a resource name')];
      return [...errs, ...validateResourceTarget(src.target, path)];
    }
    case 'containerResource': {
      const src = spec.containerResource!;
      const errs = src.name ? [] : [required(`${path}.name`, 'must specify a resource name')];
      if (!src.container) errs.push(required(`${path}.container`, 'must specify a container'));
      else errs.push(...dns1123LabelErrors(src.container).map((msg) => invalid(`${path}.container`, src.container, msg)));
      return [...errs, ...validateResourceTarget(src.target, path)];
    }
  }
}

const EXPECTED: Record<string, SourceField> = { Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource' };

/** validateMetricSpec: a known type, exactly the one source it names, and that source valid. */
function validateMetricSpec(spec: MetricSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = spec.type ?? '';
  if (!type) errs.push(required(`${path}.type`, 'must specify a metric source type'));
  if (!METRIC_SOURCE_TYPES.includes(type)) errs.push(notSupported(`${path}.type`, type, METRIC_SOURCE_TYPES));
  // Only the first source present (in this order) is validated.
  const present = (['object', 'external', 'pods', 'resource', 'containerResource'] as const).filter((f) => spec[f] !== undefined && spec[f] !== null);
  if (present.length) errs.push(...validateSource(spec, present[0], `${path}.${present[0]}`));
  const expected = EXPECTED[type];
  if (expected && !present.includes(expected)) errs.push(required(`${path}.${expected}`, 'must populate information for the given metric source'));
  if (!expected) errs.push(notSupported(`${path}.type`, type, METRIC_SOURCE_TYPES));
  // sets.String ranges in map order; the sorted order is as good a guess as any.
  if (present.length !== 1) for (const f of present.filter((f) => f !== expected).sort()) errs.push(forbidden(`${path}.${f}`, 'must populate the given metric source only'));
  return errs;
}

/** validateMetrics: each spec, and scale-to-zero only with an Object or External metric. */
function validateMetrics(metrics: readonly MetricSpec[] | undefined, path: string, minReplicas: number | undefined): FieldError[] {
  const errs = (metrics ?? []).flatMap((m, i) => validateMetricSpec(m, `${path}[${i}]`));
  if (minReplicas === 0 && !(metrics ?? []).some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(forbidden(path, 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  return errs;
}

/** validateScalingRules and validateScalingPolicy. */
function validateScalingRules(rules: HPAScalingRules | undefined, path: string): FieldError[] {
  if (!rules) return [];
  const errs: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (window !== undefined && window < 0) errs.push(invalid(`${path}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) errs.push(invalid(`${path}.stabilizationWindowSeconds`, window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  if (rules.selectPolicy !== undefined && !SELECT_POLICIES.includes(rules.selectPolicy)) errs.push(notSupported(`${path}.selectPolicy`, rules.selectPolicy, SELECT_POLICIES));
  if (!rules.policies?.length) errs.push(required(`${path}.policies`, 'must specify at least one Policy'));
  (rules.policies ?? []).forEach((p, i) => {
    const at = `${path}.policies[${i}]`;
    if (p.type !== 'Pods' && p.type !== 'Percent') errs.push(notSupported(`${at}.type`, p.type ?? '', POLICY_TYPES));
    if (!(p.value > 0)) errs.push(invalid(`${at}.value`, p.value ?? 0, 'must be greater than zero'));
    if (!(p.periodSeconds > 0)) errs.push(invalid(`${at}.periodSeconds`, p.periodSeconds ?? 0, 'must be greater than zero'));
    if (p.periodSeconds > MAX_PERIOD_SECONDS) errs.push(invalid(`${at}.periodSeconds`, p.periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  });
  return errs;
}

function validateBehavior(behavior: HorizontalPodAutoscalerBehavior | undefined, path: string): FieldError[] {
  if (!behavior) return [];
  return [...validateScalingRules(behavior.scaleUp, `${path}.scaleUp`), ...validateScalingRules(behavior.scaleDown, `${path}.scaleDown`)];
}

/**
 * validateHorizontalPodAutoscalerSpec. `minReplicasLowerBound` is 1 (the HPAScaleToZero alpha
 * gate is off), or 0 on an update of an object that already has minReplicas 0.
 */
export function validateHorizontalPodAutoscalerSpec(hpa: HorizontalPodAutoscaler, minReplicasLowerBound: number): FieldError[] {
  const spec = hpa.spec;
  const errs: FieldError[] = [];
  const min = spec?.minReplicas;
  const max = spec?.maxReplicas ?? 0;
  if (min !== undefined && min < minReplicasLowerBound) errs.push(invalid('spec.minReplicas', min, `must be greater than or equal to ${minReplicasLowerBound}`));
  if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(spec?.scaleTargetRef, 'spec.scaleTargetRef'));
  errs.push(...validateMetrics(spec?.metrics, 'spec.metrics', min));
  errs.push(...validateBehavior(spec?.behavior, 'spec.behavior'));
  return errs;
}
