import { When } from '@cucumber/cucumber';
import type { KubespecWorld } from './world.ts';

// Runs a command line in a terminal on the control plane: kubectl, curl, sleep, pipes, `&&`, `$(…)`, `$VAR`.
When('I run {string}', function (this: KubespecWorld, line: string) {
  this.run(line);
});

// Runs each line of the doc string in turn.
When('I run:', function (this: KubespecWorld, lines: string) {
  for (const line of lines.split('\n').filter((l) => l.trim())) this.run(line);
});

// Runs a command and keeps its trimmed output in `$NAME` for later lines and expectations.
When('I run {string} and remember the output as {word}', function (this: KubespecWorld, line: string, name: string) {
  const r = this.run(line);
  this.checkLast();
  if (r.exitCode !== 0) throw new Error(`$ ${line}\n${r.stderr}`);
  this.terminal.shell.vars.set(name, r.stdout.trim());
});

// Runs `kubectl edit …`; the editor replaces the first occurrence of the text.
When('I run {string} changing {string} to {string}', function (this: KubespecWorld, line: string, from: string, to: string) {
  this.terminal.editor = (text) => {
    if (!text.includes(from)) throw new Error(`the text in the editor has no "${from}":\n${text}`);
    return text.replace(from, to);
  };
  try {
    this.run(line);
  } finally {
    this.terminal.editor = undefined;
  }
});
