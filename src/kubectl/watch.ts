import { parseFieldSelector, matchesFields, type FieldRequirement } from '../api/field-selector.ts';
import { Selector } from '../api/labels.ts';
import { groupResource, type KindInfo } from '../api/registry.ts';
import { keyOf, type Stored } from '../store/object.ts';
import type { WatchEvent, WatchEventType } from '../store/watch-event.ts';
import type { Invocation } from './command.ts';
import type { KubectlContext, KubectlStream } from './context.ts';
import { KubectlError } from './errors.ts';
import { evaluateJsonPath } from './jsonpath.ts';
import { printerFor } from './printers/index.ts';
import { buildTable, tableLines, type RenderOptions } from './printers/render.ts';
import { toJson, toYaml } from './printers/serialize.ts';
import { kindPrefix, type ResourceTarget } from './resources.ts';
import { GET_TABLE, TabWriter } from './tabwriter.ts';

/**
 * `kubectl get -w` (get.go watch()): print the objects as `get` would, then one row per change
 * after that, through the same TabWriter so that later rows keep the first table's column widths
 * (RememberWidths) and the header is never repeated. A change is a new entry in the store's
 * history for the resource, namespace, names and selectors watched; its row is the object as the
 * server would have sent it then, its AGE counted at the change's virtual time; a deletion prints
 * the object's last state.
 */
export function watchCommand(inv: Invocation, targets: ResourceTarget[], allNamespaces: boolean): number {
  const { ctx, flags, output } = inv;
  const kinds = new Set(targets.map((t) => t.kind));
  if (kinds.size > 1) throw new KubectlError('error: watch is only supported on individual resources and resource collections - more than 1 resource was found');
  const target = targets[0];
  const gr = groupResource(target.kind);
  const named = target.names.length > 0;
  const namespace = target.kind.namespaced && !(allNamespaces && !named) ? inv.namespace : undefined;
  const labelSelector = flags.string('selector') ?? '';
  const fieldSelector = flags.string('field-selector') ?? '';
  let objects: Stored[];
  if (named) objects = target.names.map((name) => ctx.api.get(gr, namespace, name));
  else {
    try {
      objects = ctx.api.list(gr, namespace, { labelSelector, fieldSelector });
    } catch (e) {
      // The resource builder's wording, as `get` words it.
      const gvr = `"${target.kind.group}/${target.kind.version}, Resource=${target.kind.resource}"`;
      throw new KubectlError(`Error from server (BadRequest): Unable to find ${gvr} that match label selector "${labelSelector}", field selector "${fieldSelector}": ${(e as Error).message}`);
    }
  }
  const format = flags.string('output') ?? '';
  const watch = new Watch(ctx, {
    kind: target.kind,
    namespace,
    names: target.names,
    labels: Selector.parse(labelSelector),
    fields: parseFieldSelector(fieldSelector, target.kind.kind),
    format,
    events: flags.bool('output-watch-events'),
    render: {
      wide: format === 'wide',
      showLabels: flags.bool('show-labels'),
      labelColumns: flags.strings('label-columns'),
      withNamespace: allNamespaces && target.kind.namespaced && !named,
      noHeaders: flags.bool('no-headers'),
    },
  });
  // The list as `get` sorts it (the API's key order); a watch started for named objects prints them as named.
  const sorted = named ? objects : [...objects].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  if (!flags.bool('watch-only')) output.write(watch.print(sorted.map((object) => ({ type: 'ADDED', object, time: ctx.clock.now() }))));
  if (inv.io.keepRunning) inv.io.keepRunning(watch);
  else watch.stop();
  return 0;
}

const FORMATS = ['', 'wide', 'name', 'yaml', 'json'];

/** What a watch prints for: the resource, where, which objects, and how. */
interface WatchSpec {
  kind: KindInfo;
  namespace: string | undefined;
  names: string[];
  labels: Selector;
  fields: FieldRequirement[];
  format: string;
  /** --output-watch-events: an EVENT column (or a WatchEvent object) with each change's type. */
  events: boolean;
  render: RenderOptions;
}

/** One change as the watch delivers it. */
interface Delivered {
  type: WatchEventType;
  object: Stored;
  time: number;
}

/** bash-width event names, as the table printer pads them (cli-runtime tableprinter.go formattedEventType). */
const EVENT_CELL: Record<WatchEventType, string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ' };

class Watch implements KubectlStream {
  /** The next history entry to look at: the watch starts at the list's resourceVersion. */
  private next: number;
  private stopped = false;
  private readonly writer = new TabWriter(GET_TABLE);
  private headerPrinted = false;
  private printed = 0;

  constructor(private readonly ctx: KubectlContext, private readonly spec: WatchSpec) {
    if (!FORMATS.includes(spec.format) && !spec.format.startsWith('jsonpath=')) {
      throw new KubectlError(`error: unable to match a printer suitable for the output format "${spec.format}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`);
    }
    this.next = ctx.store.history.length;
  }

  read(): string {
    if (this.stopped) return '';
    const history = this.ctx.store.history;
    const changes: Delivered[] = [];
    for (; this.next < history.length; this.next++) {
      const d = this.deliver(history[this.next]);
      if (d) changes.push(d);
    }
    // kubectl flushes its writer after every event: a wider row widens the rows after it, never those before.
    return changes.map((c) => this.print([c])).join('');
  }

  stop(): void {
    this.stopped = true;
  }

  /**
   * What the API server's watch sends for a store change, if anything: with selectors, an object
   * that comes to match arrives as ADDED and one that stops matching leaves as DELETED (its new state).
   */
  private deliver(e: WatchEvent): Delivered | undefined {
    const { spec } = this;
    if (e.resource !== groupResource(spec.kind)) return undefined;
    if (spec.namespace !== undefined && e.object.metadata.namespace !== spec.namespace) return undefined;
    if (spec.names.length && !spec.names.includes(e.object.metadata.name)) return undefined;
    const now = this.matches(e.object);
    if (e.type !== 'MODIFIED') return now || (e.type === 'DELETED' && e.old && this.matches(e.old)) ? { type: e.type, object: e.object, time: e.time } : undefined;
    const before = e.old ? this.matches(e.old) : false;
    if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: e.object, time: e.time };
    return before ? { type: 'DELETED', object: e.object, time: e.time } : undefined;
  }

  private matches(obj: Stored): boolean {
    return this.spec.labels.matches(obj.metadata.labels) && matchesFields(obj, this.spec.fields);
  }

  /** Prints changes in the watch's format in one flush; table rows keep the widths of everything printed before. */
  print(changes: Delivered[]): string {
    const { spec } = this;
    if (changes.length === 0) return '';
    if (spec.format === 'name') return changes.map((c) => `${kindPrefix(spec.kind)}/${c.object.metadata.name}\n`).join('');
    if (spec.format === 'yaml' || spec.format === 'json' || spec.format.startsWith('jsonpath=')) {
      let out = '';
      for (const c of changes) {
        const value = spec.events ? { type: c.type, object: c.object } : c.object;
        // The YAML printer separates documents after the first (cli-runtime printers/yaml.go).
        if (spec.format === 'yaml') out += `${this.printed++ > 0 ? '---\n' : ''}${toYaml(value)}`;
        else if (spec.format === 'json') out += toJson(value);
        else out += evaluateJsonPath(spec.format.slice('jsonpath='.length), value);
      }
      return out;
    }
    const printer = printerFor(groupResource(spec.kind));
    for (const c of changes) {
      // The server builds each event's one-row Table when it sends it: ages are those of that moment.
      const table = buildTable(printer, [c.object], c.time, false);
      const lines = tableLines(table, { ...spec.render, noHeaders: spec.render.noHeaders || this.headerPrinted });
      if (!spec.render.noHeaders && !this.headerPrinted) {
        if (spec.events) lines[0].unshift('EVENT');
        this.headerPrinted = true;
      }
      if (spec.events) lines.at(-1)!.unshift(EVENT_CELL[c.type]);
      for (const cells of lines) this.writer.write(`${cells.join('\t')}\n`);
    }
    return this.writer.flush();
  }
}
