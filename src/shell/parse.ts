/**
 * The small POSIX shell subset the tutorial's command lines use: words with single and double
 * quotes and backslashes, `$VAR`/`${VAR}` and `$(…)` expansion, `VAR=value` assignments,
 * pipelines with `|`, lists joined by `&&`, `||` and `;`, and `&` to run a pipeline in the background.
 */
export interface Word {
  /** Parts: literal text, a variable, or a command substitution; quoted parts do not split. */
  parts: ({ kind: 'text'; text: string } | { kind: 'var'; name: string; quoted: boolean } | { kind: 'sub'; source: string; quoted: boolean })[];
}

export interface SimpleCommand {
  assignments: { name: string; value: Word }[];
  words: Word[];
}

export interface Pipeline {
  commands: SimpleCommand[];
}

export interface ListItem {
  pipeline: Pipeline;
  /** How this item joins the previous one. */
  op: ';' | '&&' | '||';
  /** Ended by `&`: runs as a background job. */
  background?: boolean;
  /** The item's text as typed (what `jobs` shows). */
  source: string;
}

export class ShellSyntaxError extends Error {}

/** Parses one command line. */
export function parseLine(line: string): ListItem[] {
  const items: ListItem[] = [];
  let i = 0;
  let op: ListItem['op'] = ';';
  let pipeline: Pipeline = { commands: [] };
  let cmd: SimpleCommand = { assignments: [], words: [] };
  let start = 0;
  const endCommand = () => {
    if (cmd.words.length || cmd.assignments.length) pipeline.commands.push(cmd);
    cmd = { assignments: [], words: [] };
  };
  const endPipeline = (next: ListItem['op'], token: string = next, background = false) => {
    endCommand();
    const source = line.slice(start, i).trim();
    if (pipeline.commands.length) items.push({ pipeline, op, source, ...(background ? { background } : {}) });
    else if (token !== ';' || items.length) throw new ShellSyntaxError(`syntax error near unexpected token \`${token}'`);
    pipeline = { commands: [] };
    op = next;
    start = i + token.length;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '#') break;
    if (line.startsWith('&&', i)) { endPipeline('&&'); i += 2; continue; }
    if (line.startsWith('||', i)) { endPipeline('||'); i += 2; continue; }
    if (c === ';') { endPipeline(';'); i++; continue; }
    if (c === '&') { endPipeline(';', '&', true); i++; continue; }
    if (c === '|') { endCommand(); i++; continue; }
    const [word, next] = readWord(line, i);
    i = next;
    const assign = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word.parts[0]?.kind === 'text' ? word.parts[0].text : '');
    if (assign && cmd.words.length === 0) {
      const first = word.parts[0] as { kind: 'text'; text: string };
      const value: Word = { parts: [{ kind: 'text', text: first.text.slice(assign[0].length) }, ...word.parts.slice(1)] };
      cmd.assignments.push({ name: assign[1], value });
    } else {
      cmd.words.push(word);
    }
  }
  endCommand();
  if (pipeline.commands.length) items.push({ pipeline, op, source: line.slice(start, i).trim() });
  return items;
}

function readWord(line: string, start: number): [Word, number] {
  const parts: Word['parts'] = [];
  let text = '';
  let i = start;
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  const readDollar = (quoted: boolean) => {
    if (line[i + 1] === '(') {
      const end = matchParen(line, i + 1);
      flush();
      parts.push({ kind: 'sub', source: line.slice(i + 2, end), quoted });
      i = end + 1;
      return;
    }
    if (line[i + 1] === '{') {
      const end = line.indexOf('}', i);
      if (end < 0) throw new ShellSyntaxError('bad substitution');
      flush();
      parts.push({ kind: 'var', name: line.slice(i + 2, end), quoted });
      i = end + 1;
      return;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*|^\?/.exec(line.slice(i + 1));
    if (!m) {
      text += '$';
      i++;
      return;
    }
    flush();
    parts.push({ kind: 'var', name: m[0], quoted });
    i += 1 + m[0].length;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === ';' || c === '|' || c === '&') break;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unexpected EOF while looking for matching `\'\'');
      text += line.slice(i + 1, end);
      if (end === i + 1) parts.push({ kind: 'text', text: '' });
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let any = false;
      while (i < line.length && line[i] !== '"') {
        any = true;
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1] ?? '')) {
          text += line[i + 1];
          i += 2;
        } else if (line[i] === '$') readDollar(true);
        else text += line[i++];
      }
      if (i >= line.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      if (!any) parts.push({ kind: 'text', text: '' });
      i++;
      continue;
    }
    if (c === '\\') {
      text += line[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (c === '$') {
      readDollar(false);
      continue;
    }
    text += c;
    i++;
  }
  flush();
  return [{ parts }, i];
}

function matchParen(line: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let j = open; j < line.length; j++) {
    const c = line[j];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  throw new ShellSyntaxError("unexpected EOF while looking for matching `)'");
}
