import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Namespace, ReplicationController, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { Selector } from '../../api/labels.ts';
import type { Stored } from '../../store/object.ts';
import { age } from './age.ts';
import { col, type TablePrinter } from './table.ts';

/** CONTAINERS and IMAGES cells: names and images joined by commas (layoutContainerCells). */
export function containerCells(template: PodTemplateSpec | undefined): [string, string] {
  const cs = template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** metav1.FormatLabelSelector: `<none>` for an empty selector. */
export function formatSelector(selector: Selector): string {
  const s = selector.toString();
  return s === '' ? '<none>' : s;
}

const replicaColumns = [
  col('Name', 'Name must be unique within a namespace.'),
  col('Desired', 'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified.', 0, 'integer'),
  col('Current', 'Replicas is the most recently observed number of replicas.', 0, 'integer'),
  col('Ready', 'The number of ready replicas for this replica set.', 0, 'integer'),
  col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  col('Containers', 'Names of each container in the template.', 1),
  col('Images', 'Images referenced by each container in the template.', 1),
  col('Selector', 'Selector is a label query over pods that should match the replica count.', 1),
];

/** printReplicaSet. */
export const replicaSetPrinter: TablePrinter<Stored<ReplicaSet>> = {
  columns: replicaColumns,
  cells(rs, now) {
    const [names, images] = containerCells(rs.spec?.template);
    let selector: string;
    try {
      selector = formatSelector(Selector.fromLabelSelector(rs.spec?.selector));
    } catch {
      selector = '<error>';
    }
    return [rs.metadata.name, String(rs.spec?.replicas ?? 1), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), age(rs.metadata.creationTimestamp, now), names, images, selector];
  },
};

/** printReplicationController: like a ReplicaSet, with an equality selector. */
export const replicationControllerPrinter: TablePrinter<Stored<ReplicationController>> = {
  columns: replicaColumns,
  cells(rc, now) {
    const [names, images] = containerCells(rc.spec?.template);
    return [rc.metadata.name, String(rc.spec?.replicas ?? 1), String(rc.status?.replicas ?? 0), String(rc.status?.readyReplicas ?? 0), age(rc.metadata.creationTimestamp, now), names, images, formatSelector(Selector.fromSet(rc.spec?.selector))];
  },
};

/** printNamespace. */
export const namespacePrinter: TablePrinter<Stored<Namespace>> = {
  columns: [col('Name', 'Name must be unique within a namespace.'), col('Status', 'The status of the namespace'), col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.')],
  cells: (ns, now) => [ns.metadata.name, ns.status?.phase ?? '', age(ns.metadata.creationTimestamp, now)],
};

/** ServiceAccounts print NAME SECRETS AGE. */
export const serviceAccountPrinter: TablePrinter<Stored<ServiceAccount>> = {
  columns: [col('Name', 'Name must be unique within a namespace.'), col('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.', 0, 'integer'), col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.')],
  cells: (sa, now) => [sa.metadata.name, String(sa.secrets?.length ?? 0), age(sa.metadata.creationTimestamp, now)],
};

/** printDeployment: READY is ready/desired, UP-TO-DATE the updated replicas. */
export const deploymentPrinter: TablePrinter<Stored<Deployment>> = {
  columns: [
    col('Name', 'Name must be unique within a namespace.'),
    col('Ready', 'Number of the pod with ready state'),
    col('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', 0, 'integer'),
    col('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', 0, 'integer'),
    col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    col('Containers', 'Names of each container in the template.', 1),
    col('Images', 'Images referenced by each container in the template.', 1),
    col('Selector', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1),
  ],
  cells(d, now) {
    const [names, images] = containerCells(d.spec?.template);
    let selector: string;
    try {
      selector = formatSelector(Selector.fromLabelSelector(d.spec?.selector));
    } catch {
      selector = '<error>';
    }
    return [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      String(d.status?.updatedReplicas ?? 0),
      String(d.status?.availableReplicas ?? 0),
      age(d.metadata.creationTimestamp, now),
      names,
      images,
      selector,
    ];
  },
};
