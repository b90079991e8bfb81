import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js';
import { Selector } from '../../api/labels.ts';
import { parseApiVersion } from '../../api/registry.ts';
import { controllerOf, type Stored } from '../../store/object.ts';
import { formatLabels } from '../describe/format.ts';
import { age } from './age.ts';
import { col, type TablePrinter } from './table.ts';
import { containerCells, formatSelector } from './workloads.ts';

const NAME = col('Name', 'Name must be unique within a namespace.');
const AGE = col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

/**
 * printDaemonSet (pkg/printers/internalversion/printers.go): the status counts, the template's
 * nodeSelector (labels.FormatLabels: `k=v,…` or `<none>`), and with -o wide the containers,
 * images and selector. Column descriptions are extensions/v1beta1's DaemonSetStatus docs.
 */
export const daemonSetPrinter: TablePrinter<Stored<DaemonSet>> = {
  columns: [
    NAME,
    col('Desired', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/', 0, 'integer'),
    col('Current', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/', 0, 'integer'),
    col('Ready', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.', 0, 'integer'),
    col('Up-to-date', 'The total number of nodes that are running updated daemon pod', 0, 'integer'),
    col('Available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)', 0, 'integer'),
    col('Node Selector', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
    AGE,
    col('Containers', 'Names of each container in the template.', 1),
    col('Images', 'Images referenced by each container in the template.', 1),
    col('Selector', 'A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1),
  ],
  cells(ds, now) {
    const status = ds.status;
    const [names, images] = containerCells(ds.spec?.template);
    let selector: string;
    try {
      selector = formatSelector(Selector.fromLabelSelector(ds.spec?.selector));
    } catch {
      selector = '<error>';
    }
    return [
      ds.metadata.name,
      String(status?.desiredNumberScheduled ?? 0),
      String(status?.currentNumberScheduled ?? 0),
      String(status?.numberReady ?? 0),
      String(status?.updatedNumberScheduled ?? 0),
      String(status?.numberAvailable ?? 0),
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(ds.metadata.creationTimestamp, now),
      names,
      images,
      selector,
    ];
  },
};

/**
 * printControllerRevision: CONTROLLER is the controller as `<kind>.<group>/<name>` lowercased
 * (formatResourceName), or `<none>`.
 */
export const controllerRevisionPrinter: TablePrinter<Stored<ControllerRevision>> = {
  columns: [
    NAME,
    col('Controller', 'Controller of the object'),
    col('Revision', 'revision indicates the revision of the state represented by Data.'),
    AGE,
  ],
  cells(cr, now) {
    const ref = controllerOf(cr);
    let controller = '<none>';
    if (ref) {
      const { group } = parseApiVersion(ref.apiVersion ?? '');
      controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
    }
    return [cr.metadata.name, controller, String(cr.revision ?? 0), age(cr.metadata.creationTimestamp, now)];
  },
};
