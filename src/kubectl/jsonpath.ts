import { KubectlError } from './errors.ts';

/**
 * kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath): text with `{…}` actions such
 * as `{.items[0].metadata.name}`, `{.items[*].status.podIP}`, `{range .items[*]}{.metadata.name}{"\n"}{end}`,
 * `{..image}` and filters `{.items[?(@.status.phase=="Running")].metadata.name}`.
 */
type Node =
  | { kind: 'text'; text: string }
  | { kind: 'path'; steps: Step[] }
  | { kind: 'literal'; text: string }
  | { kind: 'range'; steps: Step[]; body: Node[] };

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string }
  | { kind: 'index'; start?: number; end?: number; single: boolean }
  | { kind: 'all' }
  | { kind: 'filter'; left: Step[]; op?: string; right?: string | number };

/** Evaluates a template against data, printing values as kubectl does (several results space-separated). */
export function evaluateJsonPath(template: string, data: unknown): string {
  const nodes = parse(stripOuterQuotes(template));
  return render(nodes, data);
}

function stripOuterQuotes(t: string): string {
  if ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"'))) return t.slice(1, -1);
  return t;
}

function parse(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  const ranges: Extract<Node, { kind: 'range' }>[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1].push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].push({ kind: 'text', text: template.slice(i, open) });
    const close = findClose(template, open);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action.startsWith('range ')) {
      const node = { kind: 'range' as const, steps: parsePath(action.slice(6).trim()), body: [] as Node[] };
      stack[stack.length - 1].push(node);
      ranges.push(node);
      stack.push(node.body);
    } else if (action === 'end') {
      if (stack.length === 1) throw new KubectlError('error: error parsing jsonpath: not in range, nothing to end');
      stack.pop();
      ranges.pop();
    } else if (action.startsWith('"') && action.endsWith('"')) {
      stack[stack.length - 1].push({ kind: 'literal', text: JSON.parse(action) as string });
    } else {
      stack[stack.length - 1].push({ kind: 'path', steps: parsePath(action) });
    }
  }
  return root;
}

function findClose(t: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let j = open; j < t.length; j++) {
    const c = t[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
  }
  throw new KubectlError(`error: error parsing jsonpath ${t}, unclosed action`);
}

function parsePath(text: string): Step[] {
  const steps: Step[] = [];
  let i = text.startsWith('$') ? 1 : 0;
  while (i < text.length) {
    if (text.startsWith('..', i)) {
      const m = /^[\w-]+/.exec(text.slice(i + 2));
      steps.push({ kind: 'recursive', name: m ? m[0] : '' });
      i += 2 + (m ? m[0].length : 0);
    } else if (text[i] === '.') {
      // A field name runs to the next unescaped dot or bracket; `\.` is a dot inside the name.
      const m = /^(?:\\.|[^.[\]\\])*/.exec(text.slice(i + 1))!;
      const name = m[0].replace(/\\(.)/g, '$1');
      if (name === '*') steps.push({ kind: 'all' });
      else if (name) steps.push({ kind: 'field', name });
      i += 1 + m[0].length;
    } else if (text[i] === '[') {
      const close = matchBracket(text, i);
      const inner = text.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (inner.startsWith('?(')) steps.push(parseFilter(inner.slice(2, -1)));
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: 'field', name: inner.slice(1, -1) });
      else if (inner.includes(':')) {
        const [a, b] = inner.split(':');
        steps.push({ kind: 'index', start: a ? Number(a) : undefined, end: b ? Number(b) : undefined, single: false });
      } else steps.push({ kind: 'index', start: Number(inner), single: true });
    } else {
      const m = /^[\w-]+/.exec(text.slice(i));
      if (!m) throw new KubectlError(`error: error parsing jsonpath {${text}}, unrecognized character in action: U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} '${text[i]}'`);
      steps.push({ kind: 'field', name: m[0] });
      i += m[0].length;
    }
  }
  return steps;
}

/** The `]` closing the `[` at `open`, skipping nested brackets and quoted strings. */
function matchBracket(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let j = open; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  throw new KubectlError(`error: error parsing jsonpath {${text}}, unclosed array expect ]`);
}

function parseFilter(expr: string): Step {
  const m = /^@((?:\.[\w-]+|\[[^\]]*\])*)\s*(==|!=|<=|>=|<|>)?\s*(.*)$/.exec(expr.trim());
  if (!m) throw new KubectlError(`error: error parsing jsonpath filter ${expr}`);
  const right = m[3]?.trim();
  let value: string | number | undefined;
  if (right) value = /^['"].*['"]$/.test(right) ? right.slice(1, -1) : Number(right);
  return { kind: 'filter', left: parsePath(m[1]), op: m[2], right: value };
}

function walk(values: unknown[], steps: Step[]): unknown[] {
  let cur = values;
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (s.kind) {
        case 'field':
          if (v && typeof v === 'object' && !Array.isArray(v) && s.name in (v as object)) next.push((v as Record<string, unknown>)[s.name]);
          break;
        case 'recursive':
          collect(v, s.name, next);
          break;
        case 'all':
          if (Array.isArray(v)) next.push(...v);
          else if (v && typeof v === 'object') next.push(...Object.values(v));
          break;
        case 'index':
          if (Array.isArray(v)) {
            if (s.single) {
              const idx = s.start! < 0 ? v.length + s.start! : s.start!;
              if (idx < 0 || idx >= v.length) throw new KubectlError(`error: error executing jsonpath: array index out of bounds: index ${s.start}, length ${v.length}`);
              next.push(v[idx]);
            } else next.push(...v.slice(s.start ?? 0, s.end ?? v.length));
          }
          break;
        case 'filter':
          if (Array.isArray(v)) {
            for (const item of v) {
              const left = walk([item], s.left);
              if (!s.op) {
                if (left.length) next.push(item);
              } else if (left.some((l) => compare(l, s.op!, s.right))) next.push(item);
            }
          }
          break;
      }
    }
    cur = next;
  }
  return cur;
}

function collect(v: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(v)) for (const x of v) collect(x, name, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === name || name === '') out.push(x);
      collect(x, name, out);
    }
  }
}

function compare(l: unknown, op: string, r: unknown): boolean {
  switch (op) {
    case '==': return String(l) === String(r);
    case '!=': return String(l) !== String(r);
    case '<': return Number(l) < Number(r);
    case '>': return Number(l) > Number(r);
    case '<=': return Number(l) <= Number(r);
    case '>=': return Number(l) >= Number(r);
  }
  return false;
}

function format(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function render(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text' || n.kind === 'literal') out += n.text;
    else if (n.kind === 'path') out += walk([data], n.steps).map(format).join(' ');
    else for (const item of walk([data], n.steps)) out += render(n.body, item);
  }
  return out;
}
