import type { Event, Namespace, Node, ServiceAccount } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../errors.ts';
import { validateEvent, validateNamespace, validateNamespaceUpdate, validateNode, validateNodeUpdate, validateServiceAccount, validateServiceAccountUpdate } from '../validation/cluster-kinds.ts';
import type { KindInfo } from '../registry.ts';

/** Nodes, namespaces, events and service accounts: the cluster's furniture. */
export const nodeKind: KindInfo = {
  kind: 'Node',
  group: '',
  version: 'v1',
  resource: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  categories: [],
  statusSubresource: true,
  generation: false,
  strategy: {
    validate: (obj) => validateNode(obj as Node),
    validateUpdate: (obj, old) => validateNodeUpdate(obj as Node, old as Node),
  },
};

export const namespaceKind: KindInfo = {
  kind: 'Namespace',
  group: '',
  version: 'v1',
  resource: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  categories: [],
  statusSubresource: true,
  generation: false,
  strategy: {
    defaults(obj) {
      // The API server labels every namespace with its own name (since 1.21).
      const ns = obj as Namespace;
      ns.metadata ??= {};
      if (ns.metadata.name) ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
    },
    prepareForCreate(obj) {
      const ns = obj as Namespace & { status?: unknown };
      ns.spec = { finalizers: ['kubernetes'] };
      ns.status = { phase: 'Active' };
    },
    validate: (obj) => validateNamespace(obj as Namespace),
    validateUpdate: (obj, old) => validateNamespaceUpdate(obj as Namespace, old as Namespace),
    // NamespaceLifecycle admission: the namespaces the cluster itself needs cannot go.
    admitDelete(obj) {
      const name = obj.metadata?.name ?? '';
      if (['default', 'kube-system', 'kube-public'].includes(name)) {
        throw new StatusError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
      }
    },
    pendingFinalizers: (obj) => ((obj as Namespace).spec?.finalizers?.length ?? 0) > 0,
    prepareForDelete(obj) {
      (obj as { status?: unknown }).status = { ...(obj as Namespace).status, phase: 'Terminating' };
    },
  },
};

export const eventKind: KindInfo = {
  kind: 'Event',
  group: '',
  version: 'v1',
  resource: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  categories: [],
  statusSubresource: false,
  generation: false,
  strategy: {
    validate: (obj) => validateEvent(obj as Event),
    validateUpdate: (obj) => validateEvent(obj as Event),
  },
};

export const serviceAccountKind: KindInfo = {
  kind: 'ServiceAccount',
  group: '',
  version: 'v1',
  resource: 'serviceaccounts',
  singular: 'serviceaccount',
  shortNames: ['sa'],
  namespaced: true,
  categories: [],
  statusSubresource: false,
  generation: false,
  strategy: {
    validate: (obj) => validateServiceAccount(obj as ServiceAccount),
    validateUpdate: (obj, old) => validateServiceAccountUpdate(obj as ServiceAccount, old as ServiceAccount),
  },
};
