import type { LabelSelector } from 'kubernetes-types/meta/v1.js';

/**
 * Label selectors, equality- and set-based, as apimachinery's `labels` package has them
 * (staging/src/k8s.io/apimachinery/pkg/labels/selector.go): parsed from `-l` strings or built
 * from a LabelSelector, matched against label maps, printed in canonical form.
 */
export type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** A parsed selector. `nothing` matches no object (a nil LabelSelector); no requirements matches all. */
export class Selector {
  private constructor(readonly requirements: readonly Requirement[], readonly nothing = false) {}

  static everything(): Selector {
    return new Selector([]);
  }

  static nothing(): Selector {
    return new Selector([], true);
  }

  /** Requirements sorted by key, as labels.NewSelector().Add() keeps them. */
  static of(requirements: Requirement[]): Selector {
    return new Selector([...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  }

  /** A selector from an equality map (ReplicationController spec.selector, Service selectors). */
  static fromSet(set: Labels): Selector {
    return Selector.of(Object.entries(set ?? {}).map(([key, v]) => ({ key, operator: '=', values: [v] })));
  }

  /** metav1.LabelSelectorAsSelector: nil → nothing, empty → everything. */
  static fromLabelSelector(ls: LabelSelector | undefined | null): Selector {
    if (!ls) return Selector.nothing();
    const reqs: Requirement[] = Object.entries(ls.matchLabels ?? {}).map(([key, v]) => ({ key, operator: '=', values: [v] }));
    for (const e of ls.matchExpressions ?? []) {
      const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[e.operator as 'In'];
      if (!op) throw new Error(`"${e.operator}" is not a valid label selector operator`);
      reqs.push({ key: e.key, operator: op, values: [...(e.values ?? [])].sort() });
    }
    return Selector.of(reqs);
  }

  /** Parses a `-l` string such as `app=myapp,tier in (fe,be),!canary`. */
  static parse(text: string): Selector {
    return Selector.of(parseRequirements(text));
  }

  get empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  matches(labels: Labels): boolean {
    if (this.nothing) return false;
    for (const r of this.requirements) if (!matchesRequirement(r, labels)) return false;
    return true;
  }

  /** Canonical text, e.g. `app=myapp,release=canary`; `<none>` is the printer's business. */
  toString(): string {
    return this.requirements.map(formatRequirement).join(',');
  }
}

function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case '=':
    case 'in':
      return has && r.values.includes(v!);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(v!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^-?\d+$/.test(v!)) return false;
      const n = Number(v), bound = Number(r.values[0]);
      return r.operator === 'gt' ? n > bound : n < bound;
    }
  }
}

function formatRequirement(r: Requirement): string {
  switch (r.operator) {
    case '=':
    case '!=':
      return `${r.key}${r.operator}${r.values[0]}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${[...r.values].sort().join(',')})`;
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
  }
}

/** A parse error, worded like apimachinery's selector parser. */
export class SelectorParseError extends Error {}

type Token = { kind: 'id' | 'op' | '(' | ')' | ',' | '!' | 'end'; text: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '(' || c === ')' || c === ',') { out.push({ kind: c, text: c }); i++; continue; }
    const two = text.slice(i, i + 2);
    if (two === '==' || two === '!=') { out.push({ kind: 'op', text: two }); i += 2; continue; }
    if (c === '=' || c === '>' || c === '<') { out.push({ kind: 'op', text: c }); i++; continue; }
    if (c === '!') { out.push({ kind: '!', text: c }); i++; continue; }
    let j = i;
    while (j < text.length && !' \t(),=!<>'.includes(text[j])) j++;
    out.push({ kind: 'id', text: text.slice(i, j) });
    i = j;
  }
  out.push({ kind: 'end', text: '' });
  return out;
}

function parseRequirements(text: string): Requirement[] {
  const toks = tokenize(text);
  let p = 0;
  const peek = () => toks[p];
  const next = () => toks[p++];
  const fail = (t: Token, expected: string): never => {
    throw new SelectorParseError(`unable to parse requirement: found '${t.text}', expected: ${expected}`);
  };
  const reqs: Requirement[] = [];
  if (peek().kind === 'end') return reqs;
  for (;;) {
    let t = next();
    if (t.kind === '!') {
      const k = next();
      if (k.kind !== 'id') fail(k, 'identifier');
      checkKey(k.text);
      reqs.push({ key: k.text, operator: '!', values: [] });
    } else {
      if (t.kind !== 'id') fail(t, "!, identifier");
      const key = t.text;
      checkKey(key);
      const opTok = peek();
      if (opTok.kind === ',' || opTok.kind === 'end') {
        reqs.push({ key, operator: 'exists', values: [] });
      } else if (opTok.kind === 'op') {
        next();
        const v = peek().kind === 'id' ? next().text : '';
        checkValue(v);
        const op = opTok.text === '==' ? '=' : opTok.text === '>' ? 'gt' : opTok.text === '<' ? 'lt' : (opTok.text as Operator);
        if ((op === 'gt' || op === 'lt') && !/^-?\d+$/.test(v)) {
          throw new SelectorParseError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
        }
        reqs.push({ key, operator: op, values: [v] });
      } else if (opTok.kind === 'id' && (opTok.text === 'in' || opTok.text === 'notin')) {
        next();
        if (next().kind !== '(') fail(toks[p - 1], "'('");
        const values: string[] = [];
        for (;;) {
          t = peek();
          if (t.kind === 'id') { checkValue(t.text); values.push(next().text); }
          else values.push('');
          t = next();
          if (t.kind === ')') break;
          if (t.kind !== ',') fail(t, "',' or ')'");
        }
        reqs.push({ key, operator: opTok.text as Operator, values: values.sort() });
      } else {
        fail(opTok, "'=', '!=', '==', 'in', notin'");
      }
    }
    const sep = next();
    if (sep.kind === 'end') break;
    if (sep.kind !== ',') fail(sep, "','");
  }
  return reqs;
}

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** validation.IsQualifiedName: the reasons a label key is invalid (empty when valid). */
export function qualifiedNameErrors(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
    else if (!DNS1123_SUBDOMAIN.test(prefix)) {
      errs.push("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }
  } else if (parts.length > 2) {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !NAME.test(name)) {
    errs.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  }
  return errs;
}

/** validation.IsValidLabelValue: the reasons a label value is invalid (empty when valid). */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (value.length > 0 && !NAME.test(value)) {
    errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  }
  return errs;
}

function checkKey(key: string): void {
  const errs = qualifiedNameErrors(key);
  if (errs.length) throw new SelectorParseError(`unable to parse requirement: key: Invalid value: "${key}": ${errs.join('; ')}`);
}

function checkValue(value: string): void {
  const errs = labelValueErrors(value);
  if (errs.length) throw new SelectorParseError(`unable to parse requirement: values[0][${value}]: Invalid value: "${value}": ${errs.join('; ')}`);
}
