import type { Event, Namespace, Node, ServiceAccount, Taint } from 'kubernetes-types/core/v1.js';
import { duplicate, forbidden, GoValue, invalid, notSupported, required, type FieldError } from '../field-errors.ts';
import { dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from './names.ts';
import { validateLabelName, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';

/**
 * Validation of the cluster's furniture (pkg/apis/core/validation/validation.go, v1.32):
 * namespaces, nodes, service accounts and events, each as its registry strategy runs it on
 * create and on update.
 */

const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** ValidateNamespace: a DNS label name, spec.finalizers qualified (or standard). */
export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, 'label');
  for (const f of ns.spec?.finalizers ?? []) {
    for (const msg of qualifiedNameErrors(f)) errs.push(invalid('spec.finalizers', f, msg));
    if (!f.includes('/') && !STANDARD_FINALIZERS.includes(f)) {
      errs.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

/** namespaceStrategy.ValidateUpdate: ValidateNamespace, then ValidateNamespaceUpdate (metadata only). */
export function validateNamespaceUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return [...validateNamespace(ns), ...validateObjectMetaUpdate(ns.metadata, old.metadata)];
}

/** ValidateNode: a DNS subdomain name and valid taints (reported under metadata.taints, as upstream does). */
export function validateNode(node: Node): FieldError[] {
  return [...validateObjectMeta(node.metadata, false, 'subdomain'), ...validateNodeTaints(node.spec?.taints, 'metadata.taints')];
}

/** nodeStrategy.ValidateUpdate: ValidateNode, then ValidateNodeUpdate. */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = [...validateNode(node), ...validateObjectMetaUpdate(node.metadata, old.metadata)];
  const before = old.spec?.podCIDRs ?? [];
  const now = node.spec?.podCIDRs ?? [];
  if (before.length > 0) {
    const message = 'node updates may not change podCIDR except from "" to valid';
    if (before.length !== now.length) errs.push(forbidden('spec.podCIDRs', message));
    else before.forEach((cidr, i) => cidr !== now[i] && errs.push(forbidden('spec.podCIDRs', message)));
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateNodeTaints(node.spec?.taints, 'metadata.taints'));
  return errs;
}

/** validateNodeTaints: key, value and effect valid; unique by key and effect. */
function validateNodeTaints(taints: readonly Taint[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateLabelName(t.key ?? '', `${p}.key`));
    const msgs = labelValueErrors(t.value ?? '');
    if (msgs.length) errs.push(invalid(`${p}.value`, t.value ?? '', msgs.join(';')));
    if (!t.effect) errs.push(required(`${p}.effect`));
    else if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push(notSupported(`${p}.effect`, t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
    const id = `${t.effect}\u0000${t.key}`;
    if (seen.has(id)) {
      const value = new GoValue(`core.Taint{Key:"${t.key ?? ''}", Value:"${t.value ?? ''}", Effect:"${t.effect ?? ''}", TimeAdded:(*v1.Time)(nil)}`);
      errs.push({ ...duplicate(p, value), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    seen.add(id);
  });
  return errs;
}

/** ValidateServiceAccount: metadata with a DNS subdomain name. */
export function validateServiceAccount(sa: ServiceAccount): FieldError[] {
  return validateObjectMeta(sa.metadata, true, 'subdomain');
}

/** ValidateServiceAccountUpdate: the metadata update rules, then the account as on create. */
export function validateServiceAccountUpdate(sa: ServiceAccount, old: ServiceAccount): FieldError[] {
  return [...validateObjectMetaUpdate(sa.metadata, old.metadata), ...validateServiceAccount(sa)];
}

/**
 * ValidateEventCreate for core/v1 (legacyValidateEvent): no metadata rules beyond the generic
 * ones; the involved object's namespace must agree with the event's, and events.k8s.io-style
 * events (with an eventTime) need their reporting fields.
 */
export function validateEvent(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  const mismatch = () => errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
  if (!ev.eventTime) {
    if (!involvedNs ? ns !== '' && ns !== 'default' : ns !== involvedNs) mismatch();
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') mismatch();
    if (!ev.reportingComponent) errs.push(required('reportingComponent'));
    for (const msg of qualifiedNameErrors(ev.reportingComponent ?? '')) errs.push(invalid('reportingComponent', ev.reportingComponent ?? '', msg));
    if (!ev.reportingInstance) errs.push(required('reportingInstance'));
    if (!ev.action) errs.push(required('action'));
    if (!ev.reason) errs.push(required('reason'));
  }
  for (const msg of dns1123SubdomainErrors(ns)) errs.push(invalid('namespace', ns, msg));
  return errs;
}
