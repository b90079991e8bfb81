import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { goQuote } from './field-errors.ts';
import { labelValueErrors, qualifiedNameErrors } from './validation/names.ts';

/** The label key and value checks, re-exported for callers that validate labels themselves. */
export { labelValueErrors, qualifiedNameErrors };

/**
 * Label selectors, equality- and set-based, as apimachinery's `labels` package has them
 * (staging/src/k8s.io/apimachinery/pkg/labels/selector.go, v0.32): parsed from `-l` strings with
 * the same lexer and parser, built from a LabelSelector, matched against label maps, printed in
 * canonical form.
 */
export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** The values in the order given (String() sorts them for display). */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** A selector that does not parse, or a requirement NewRequirement refuses; worded as apimachinery words it. */
export class SelectorParseError extends Error {}

/** A parsed selector. `nothing` matches no object (a nil LabelSelector); no requirements matches all. */
export class Selector {
  private constructor(readonly requirements: readonly Requirement[], readonly nothing = false) {}

  static everything(): Selector {
    return new Selector([]);
  }

  static nothing(): Selector {
    return new Selector([], true);
  }

  /** internalSelector.Add: requirements sorted by key (a stable sort, as sort.Sort on ByKey is for these sizes). */
  static of(requirements: Requirement[]): Selector {
    return new Selector([...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  }

  /** SelectorFromSet: an equality selector from a map (ReplicationController spec.selector), not validated. */
  static fromSet(set: Labels): Selector {
    return Selector.of(Object.entries(set ?? {}).map(([key, v]) => ({ key, operator: '=', values: [v] })));
  }

  /**
   * metav1.LabelSelectorAsSelector: nil → nothing, empty → everything; throws SelectorParseError
   * for an unknown operator or a requirement NewRequirement refuses.
   */
  static fromLabelSelector(ls: LabelSelector | undefined | null): Selector {
    if (!ls) return Selector.nothing();
    const reqs: Requirement[] = [];
    for (const [key, v] of Object.entries(ls.matchLabels ?? {})) reqs.push(newRequirement(key, '=', [v]));
    for (const e of ls.matchExpressions ?? []) {
      const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[e.operator as 'In'];
      if (!op) throw new SelectorParseError(`${goQuote(e.operator ?? '')} is not a valid label selector operator`);
      reqs.push(newRequirement(e.key ?? '', op, [...(e.values ?? [])]));
    }
    return Selector.of(reqs);
  }

  /** labels.Parse: a `-l` string such as `app=myapp,tier in (fe,be),!canary`. */
  static parse(text: string): Selector {
    return Selector.of(new Parser(text).parse());
  }

  /** Empty(): no requirements (Nothing is not empty). */
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

const INT64 = /^[+-]?\d+$/;

function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && labels !== null && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case '=':
    case '==':
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
      // strconv.ParseInt on both sides; anything unparseable matches nothing.
      if (!has || !INT64.test(v!) || r.values.length !== 1 || !INT64.test(r.values[0])) return false;
      const n = BigInt(v!), bound = BigInt(r.values[0]);
      return r.operator === 'gt' ? n > bound : n < bound;
    }
  }
}

/** Requirement.String(). */
function formatRequirement(r: Requirement): string {
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  switch (r.operator) {
    case '=':
    case '==':
    case '!=':
      return `${r.key}${r.operator}${values}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${values})`;
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
  }
}

/**
 * NewRequirement: the key a qualified name, the number of values right for the operator, Gt/Lt
 * values integers, every value a valid label value. Errors are field errors under the paths
 * `key`, `values`, `values[i]` and `values[i][key]`, aggregated.
 */
export function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
  const errs: string[] = [];
  const keyErrs = qualifiedNameErrors(key);
  if (keyErrs.length) errs.push(`key: Invalid value: ${goQuote(key)}: ${keyErrs.join('; ')}`);
  const goValues = `[]string{${values.map(goQuote).join(', ')}}`;
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(`values: Invalid value: ${goValues}: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(`values: Invalid value: ${goValues}: exact-match compatibility requires one single value`);
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(`values: Invalid value: ${goValues}: values set must be empty for exists and does not exist`);
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(`values: Invalid value: ${goValues}: for 'Gt', 'Lt' operators, exactly one value is required`);
      values.forEach((v, i) => {
        if (!INT64.test(v)) errs.push(`values[${i}]: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      });
      break;
  }
  values.forEach((v, i) => {
    const msgs = labelValueErrors(v);
    if (msgs.length) errs.push(`values[${i}][${key}]: Invalid value: ${goQuote(v)}: ${msgs.join('; ')}`);
  });
  if (errs.length) throw new SelectorParseError(aggregate(errs));
  return { key, operator, values };
}

/** utilerrors aggregate text: one error bare, several bracketed. */
function aggregate(errs: string[]): string {
  const unique = [...new Set(errs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

type Token = 'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

const LITERALS: Record<string, Token> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(' };
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c);

/** The Lexer: identifiers run until whitespace or a special symbol; symbols take the longest literal. */
function lex(s: string): { tok: Token; lit: string }[] {
  const out: { tok: Token; lit: string }[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      out.push({ tok: 'end', lit: '' });
      return out;
    }
    if (isSpecial(s[pos])) {
      let buffer = '';
      let last: { tok: Token; lit: string } | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buffer += s[pos];
        const tok = LITERALS[buffer];
        if (tok) last = { tok, lit: buffer };
        else if (last) break;
        pos++;
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let id = '';
    while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) id += s[pos++];
    out.push({ tok: LITERALS[id] ?? 'id', lit: id });
  }
}

/**
 * The Parser: `in` and `notin` are identifiers where a value is expected (ParserContext Values),
 * keywords where an operator is.
 */
class Parser {
  private readonly items: { tok: Token; lit: string }[];
  private position = 0;

  constructor(text: string) {
    this.items = lex(text);
  }

  private lookahead(values: boolean): { tok: Token; lit: string } {
    const item = this.items[this.position];
    return values && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
  }

  private consume(values: boolean): { tok: Token; lit: string } {
    const item = this.lookahead(values);
    this.position++;
    return item;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'end') return reqs;
      if (tok !== 'id' && tok !== '!') throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      let r: Requirement;
      try {
        r = this.parseRequirement();
      } catch (e) {
        throw new SelectorParseError(`unable to parse requirement: ${(e as Error).message}`);
      }
      reqs.push(r);
      const next = this.consume(true);
      if (next.tok === 'end') return reqs;
      if (next.tok !== ',') throw new SelectorParseError(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead(true);
      if (after.tok !== 'id' && after.tok !== '!') throw new SelectorParseError(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private parseRequirement(): Requirement {
    let operator: Operator | undefined;
    let { tok, lit } = this.consume(true);
    if (tok === '!') {
      operator = '!';
      ({ tok, lit } = this.consume(true));
    }
    if (tok !== 'id') throw new Error(`found '${lit}', expected: identifier`);
    const keyErrs = qualifiedNameErrors(lit);
    // validateLabelKey with the parser's nil path, which prints as `<nil>`.
    if (keyErrs.length) throw new Error(`<nil>: Invalid value: ${goQuote(lit)}: ${keyErrs.join('; ')}`);
    const key = lit;
    const next = this.lookahead(true).tok;
    if (next === 'end' || next === ',') return newRequirement(key, operator ?? 'exists', []);
    if (operator === '!') return newRequirement(key, '!', []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort());
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume(false);
    const ops: Partial<Record<Token, Operator>> = { in: 'in', '=': '=', '==': '==', '>': 'gt', '<': 'lt', notin: 'notin', '!=': '!=' };
    const op = ops[tok];
    if (!op) throw new Error(`found '${lit}', expected: ${BINARY_OPERATORS}`);
    return op;
  }

  /** parseValues: `(a,b)`; `()` is the one empty value. */
  private parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    if (tok === 'id' || tok === ',') {
      const s = this.parseIdentifiersList();
      if (this.consume(true).tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ')') {
      this.consume(true);
      return new Set(['']);
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === 'id') {
        s.add(lit);
        const next = this.lookahead(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') return s;
        throw new Error(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok === ',') {
        if (s.size === 0) s.add('');
        const next = this.lookahead(true).tok;
        if (next === ')') {
          s.add('');
          return s;
        }
        if (next === ',') {
          this.consume(true);
          s.add('');
        }
        continue;
      }
      throw new Error(`found '${lit}', expected: ',', or identifier`);
    }
  }

  /** parseExactValue: `x=` means the empty value. */
  private parseExactValue(): Set<string> {
    const next = this.lookahead(true).tok;
    if (next === 'end' || next === ',') return new Set(['']);
    const { tok, lit } = this.consume(true);
    if (tok === 'id') return new Set([lit]);
    throw new Error(`found '${lit}', expected: identifier`);
  }
}
