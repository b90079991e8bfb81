import type { Namespace, Node } from 'kubernetes-types/core/v1.js';
import { validateObjectMeta } from '../validation/meta.ts';
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
    validate: (obj) => validateObjectMeta((obj as Node).metadata, false, 'subdomain'),
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
    validate: (obj) => validateObjectMeta((obj as Namespace).metadata, false, 'label'),
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
  strategy: {},
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
    validate: (obj) => validateObjectMeta((obj as Node).metadata, true, 'subdomain'),
  },
};
