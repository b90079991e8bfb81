/**
 * Matching kubectl output against what a feature expects. Expected text is literal except for a
 * few placeholders for what a scenario cannot know in advance or should not pin:
 *   {suffix}  5 generated characters (myapp-{suffix})      {hash}  a pod-template-hash
 *   {age}     an AGE cell (23s, 3m12s, 5d)                  {ip}    an IPv4 address
 *   {uid}     a UUID                                         {int}   a whole number
 *   {time}    an RFC 1123 or RFC 3339 timestamp              {any}   one word
 *   {...}     anything on the rest of the line
 */
const TOKENS: Record<string, string> = {
  suffix: '[bcdfghjklmnpqrstvwxz2456789]{5}',
  hash: '[4-9bcdf]{1,10}',
  age: '(?:<unknown>|<invalid>|\\d+[smhdy](?:\\d+[smhd])?)',
  ip: '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}',
  uid: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  int: '\\d+',
  time: '(?:[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z)',
  any: '\\S+',
  '...': '.*',
};

const TOKEN_RE = new RegExp(`\\{(${Object.keys(TOKENS).map((k) => k.replace(/\./g, '\\.')).join('|')})\\}`, 'g');

/** A regular expression for one expected line (or cell). */
export function linePattern(expected: string): RegExp {
  let re = '';
  let last = 0;
  for (const m of expected.matchAll(TOKEN_RE)) {
    re += escape(expected.slice(last, m.index)) + TOKENS[m[1]];
    last = m.index! + m[0].length;
  }
  re += escape(expected.slice(last));
  return new RegExp(`^${re}$`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compares whole outputs line by line; returns a readable diff when they differ, else undefined. */
export function diffText(expected: string, actual: string): string | undefined {
  const exp = trimEnd(expected).split('\n');
  const act = trimEnd(actual).split('\n');
  const n = Math.max(exp.length, act.length);
  let bad = false;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const e = exp[i], a = act[i];
    if (e !== undefined && a !== undefined && linePattern(e).test(a)) lines.push(`  ${a}`);
    else {
      bad = true;
      if (e !== undefined) lines.push(`- ${e}`);
      if (a !== undefined) lines.push(`+ ${a}`);
    }
  }
  return bad ? `output differs (- expected, + actual):\n${lines.join('\n')}` : undefined;
}

function trimEnd(s: string): string {
  return s.replace(/\s+$/, '');
}

/**
 * Whether the expected lines appear consecutively somewhere in the output (placeholders allowed);
 * when they do not, describes where the closest run of lines departs from them.
 */
export function missingLines(actual: string, expected: string): string | undefined {
  // Only trailing newlines go: a last line's trailing spaces (describe's `True `) are part of it.
  const wantText = expected.replace(/\n+$/, '').split('\n');
  const want = wantText.map(linePattern);
  const have = actual.split('\n');
  let best = { at: -1, matched: -1 };
  for (let i = 0; i < have.length; i++) {
    let j = 0;
    while (j < want.length && i + j < have.length && want[j].test(have[i + j])) j++;
    if (j === want.length) return undefined;
    if (j > best.matched) best = { at: i, matched: j };
  }
  if (best.matched <= 0) return `no output line matches the first expected line:\n  ${wantText[0]}`;
  const j = best.matched;
  return `the lines match from output line ${best.at + 1} until expected line ${j + 1}:\n- ${wantText[j]}\n+ ${have[best.at + j] ?? '(end of output)'}`;
}

/** Whether the expected lines appear consecutively somewhere in the output. */
export function includesLines(actual: string, expected: string): boolean {
  return missingLines(actual, expected) === undefined;
}

/** Splits a kubectl table into rows of cells using the header's column positions. */
export function parseTable(text: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = trimEnd(text).split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return { header: [], rows: [] };
  const starts: number[] = [];
  const header: string[] = [];
  for (const m of lines[0].matchAll(/\S+(?: \S+)*/g)) {
    starts.push(m.index!);
    header.push(m[0]);
  }
  const rows = lines.slice(1).map((line) => {
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      row[h] = line.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim();
    });
    return row;
  });
  return { header, rows };
}

/**
 * Checks a table against expected rows (a subset of its columns, all of its rows, in order, or
 * in any order when `anyOrder`); returns a description of the differences, else undefined.
 */
export function diffTable(expected: Record<string, string>[], text: string, anyOrder = false, parse = parseTable): string | undefined {
  const parsed = parse(text);
  const { header } = parsed;
  let rows = parsed.rows;
  if (anyOrder) rows = pairUp(expected, rows);
  const columns = Object.keys(expected[0] ?? {});
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) return `the output has no column ${missing.join(', ')}; its columns are ${header.join(', ')}\n${text}`;
  const show = (r: Record<string, string>) => columns.map((c) => r[c]).join(' | ');
  const problems: string[] = [];
  if (rows.length !== expected.length) problems.push(`expected ${expected.length} rows, got ${rows.length}`);
  for (let i = 0; i < Math.max(rows.length, expected.length); i++) {
    const e = expected[i], a = rows[i];
    const same = e && a && columns.every((c) => linePattern(e[c]).test(a[c]));
    problems.push(`${same ? ' ' : '✗'} ${e ? show(e) : '(none)'}${same ? '' : `   ≠   ${a ? show(a) : '(none)'}`}`);
  }
  return problems.some((p) => p.startsWith('✗') || p.startsWith('expected')) ? `table differs:\n${problems.join('\n')}\n\nactual output:\n${text}` : undefined;
}

/** Reorders actual rows to line up with the expected rows they match (first match first); unmatched ones fill the gaps. */
function pairUp(expected: Record<string, string>[], rows: Record<string, string>[]): Record<string, string>[] {
  const pool = [...rows];
  const matches = (e: Record<string, string>, a: Record<string, string>) => Object.keys(e).every((c) => a[c] !== undefined && linePattern(e[c]).test(a[c]));
  const paired = expected.map((e) => {
    const i = pool.findIndex((a) => matches(e, a));
    return i >= 0 ? pool.splice(i, 1)[0] : undefined;
  });
  return [...paired.map((r) => r ?? pool.shift()).filter((r): r is Record<string, string> => r !== undefined), ...pool];
}

/** Compares rows of cells (placeholders allowed in the expected ones); returns a readable diff when they differ. */
export function diffRows(expected: string[][], actual: string[][]): string | undefined {
  const lines: string[] = [];
  let bad = expected.length !== actual.length;
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const e = expected[i], a = actual[i];
    const same = e && a && e.length === a.length && e.every((cell, j) => linePattern(cell.trim()).test(a[j]));
    if (!same) bad = true;
    lines.push(`${same ? ' ' : '✗'} ${a ? a.join(' | ') : '(none)'}${same ? '' : `   ≠ expected   ${e ? e.join(' | ') : '(none)'}`}`);
  }
  return bad ? `rows differ (actual, then what was expected where they differ):\n${lines.join('\n')}` : undefined;
}

/**
 * Splits what `kubectl get -w` printed into rows by column name. Later rows may be wider than the
 * header (a longer name widens the columns after it), so cells are split where the table writer's
 * padding (at least two spaces) separates them, falling back to the header's positions for a row
 * with empty cells.
 */
export function parseWatch(text: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = trimEnd(text).split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return { header: [], rows: [] };
  const header = lines[0].trim().split(/ {2,}/);
  const positional = parseTable(text).rows;
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.trim().split(/ {2,}/);
    if (cells.length !== header.length) return positional[i];
    return Object.fromEntries(header.map((h, j) => [h, cells[j]]));
  });
  return { header, rows };
}

/**
 * Whether the expected rows appear among a watch's rows in this order, others allowed between them
 * (only the columns named are compared); else a description of how far they matched.
 */
export function missingInOrder(expected: Record<string, string>[], text: string): string | undefined {
  const { header, rows } = parseWatch(text);
  const columns = Object.keys(expected[0] ?? {});
  const unknown = columns.filter((c) => !header.includes(c));
  if (unknown.length) return `the watch has no column ${unknown.join(', ')}; its columns are ${header.join(', ')}\n${text}`;
  const show = (r: Record<string, string>) => columns.map((c) => r[c]).join(' | ');
  const matched: string[] = [];
  let at = 0;
  for (const e of expected) {
    while (at < rows.length && !columns.every((c) => linePattern(e[c]).test(rows[at][c] ?? ''))) at++;
    if (at === rows.length) {
      return `the watch shows the first ${matched.length} of these rows in order, but not then:\n${[...matched, `✗ ${show(e)}`].join('\n')}\n\nthe watch printed:\n${text}`;
    }
    matched.push(`  ${show(e)}   (row ${at + 1})`);
    at++;
  }
  return undefined;
}
