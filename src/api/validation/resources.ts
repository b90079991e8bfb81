import type { ResourceRequirements } from 'kubernetes-types/core/v1.js';
import { GoValue, invalid, required, type FieldError } from '../field-errors.ts';
import { Quantity, tryParseQuantity } from '../quantity.ts';
import { qualifiedNameErrors } from './names.ts';

/**
 * Container resource checks (pkg/apis/core/validation/validation.go validateResourceRequirements,
 * validateContainerResourceName, ValidateResourceQuantityValue; pkg/apis/core/helper for the
 * resource-name sets). Text that is not a quantity never gets here: the decoder rejects it.
 */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory',
  'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const INTEGER_RESOURCES = new Set(['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);

const isHugePages = (name: string) => name.startsWith('hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const isExtended = (name: string) => !isNative(name) && !name.startsWith('requests.') && qualifiedNameErrors(`requests.${name}`).length === 0;
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

/** validateContainerResourceName. */
function resourceNameErrors(name: string, path: string): FieldError[] {
  const errs = qualifiedNameErrors(name).map((msg) => invalid(path, name, msg));
  const unqualified = !name.includes('/');
  if (errs.length === 0 && unqualified && !STANDARD_RESOURCES.has(name) && !name.startsWith('hugepages-') && !name.startsWith('requests.hugepages-')) {
    errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  if (unqualified) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtended(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuantityValue: not negative; whole for integer and extended resources. */
function quantityErrors(name: string, q: Quantity, text: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (q.sign < 0) errs.push(invalid(path, q.toString(), 'must be greater than or equal to 0'));
  if ((INTEGER_RESOURCES.has(name) || isExtended(name)) && q.milliValue() % 1000 !== 0) errs.push(invalid(path, goQuantity(q, text), 'must be an integer'));
  return errs;
}

/**
 * %#v of a resource.Quantity passed by value (its String() has a pointer receiver, so it is not a
 * Stringer here). The fast-path int64Amount representation; `s` caches the text when canonical.
 */
function goQuantity(q: Quantity, text: string): GoValue {
  const s = q.toString() === text ? text : '';
  return new GoValue(`resource.Quantity{i:resource.int64Amount{value:${q.unscaled}, scale:${q.scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"${s}", Format:"${q.format}"}`);
}

/** validateResourceRequirements for a container: limits, then requests against their limits. */
export function validateContainerResources(resources: ResourceRequirements | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits = resources?.limits ?? {};
  const requests = resources?.requests ?? {};
  for (const [name, text] of Object.entries(limits)) {
    const p = `${path}.limits[${name}]`;
    errs.push(...resourceNameErrors(name, p));
    const q = tryParseQuantity(text);
    if (q) errs.push(...quantityErrors(name, q, String(text), p));
  }
  for (const [name, text] of Object.entries(requests)) {
    const p = `${path}.requests[${name}]`;
    errs.push(...resourceNameErrors(name, p));
    const q = tryParseQuantity(text);
    if (!q) continue;
    errs.push(...quantityErrors(name, q, String(text), p));
    const limit = name in limits ? tryParseQuantity(limits[name]) : undefined;
    if (limit) {
      if (q.cmp(limit) !== 0 && !overcommitAllowed(name)) {
        errs.push(invalid(`${path}.requests`, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(invalid(`${path}.requests`, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!(name in limits) && !overcommitAllowed(name)) {
      errs.push(required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  const computeKeys = [...Object.keys(limits), ...Object.keys(requests)];
  if (computeKeys.some(isHugePages) && !computeKeys.some((k) => k === 'cpu' || k === 'memory')) {
    errs.push({ type: 'Forbidden', field: path, detail: 'HugePages require cpu or memory' });
  }
  return errs;
}
