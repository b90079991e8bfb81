import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningProgram } from './jobs.ts';
import { parseLine } from './parse.ts';
import { Shell } from './shell.ts';

test('`&` ends a pipeline and runs it in the background; the item keeps its text', () => {
  const items = parseLine('kubectl get pods -w & kubectl apply -f x.yaml && echo "a & b"');
  assert.deepEqual(items.map((i) => [i.source, i.op, i.background ?? false]), [
    ['kubectl get pods -w', ';', true],
    ['kubectl apply -f x.yaml', ';', false],
    ['echo "a & b"', '&&', false],
  ]);
  assert.throws(() => parseLine('& ls'), /syntax error near unexpected token `&'/);
  assert.throws(() => parseLine('ls & ;'), /syntax error near unexpected token `;'/);
});

/** A program that prints a line per tick until stopped. */
function ticker(): { program: RunningProgram; tick: (text: string) => void; stopped: () => boolean } {
  let buffered = '', stopped = false;
  return {
    program: { read: () => [buffered, (buffered = '')][0], stop: () => void (stopped = true) },
    tick: (text) => void (buffered += text),
    stopped: () => stopped,
  };
}

test('a background job prints `[1] 1001`, its output reaches the terminal as it comes, and kill stops it', () => {
  const t = ticker();
  const shell = new Shell({ watch: () => ({ stdout: 'HEADER\n', stderr: '', exitCode: 0, running: t.program }) });
  const started = shell.run('watch pods &');
  assert.deepEqual(started, { stdout: '', stderr: '', exitCode: 0, display: '[1] 1001\n' }, 'the notice is the shell\'s, not the command\'s output');
  assert.equal(shell.jobs.read(), 'HEADER\n');
  t.tick('row 1\n');
  assert.equal(shell.run('jobs').stdout, '[1]+  Running                 watch pods &\n');
  assert.equal(shell.jobs.read(), 'row 1\n');
  assert.equal(shell.jobs.read(), '', 'nothing new');
  t.tick('row 2\n');
  assert.deepEqual(shell.run('kill %%'), { stdout: '', stderr: '', exitCode: 0, display: '' });
  assert.ok(t.stopped());
  assert.equal(shell.jobs.read(), 'row 2\n[1]+  Terminated              watch pods\n', 'what it printed before it stopped, then bash\'s notice');
  assert.equal(shell.jobs.latest?.output, 'HEADER\nrow 1\nrow 2\n');
  assert.deepEqual(shell.run('kill %1'), { stdout: '', stderr: 'bash: kill: %1: no such job\n', exitCode: 1, display: 'bash: kill: %1: no such job\n' });
});

test('jobs are numbered and pids counted; %-, pids and signals name and end them', () => {
  const a = ticker(), b = ticker();
  const programs = [a, b];
  const shell = new Shell({ watch: () => ({ stdout: '', stderr: '', exitCode: 0, running: programs.shift()!.program }) });
  assert.equal(shell.run('watch a & watch b &').display, '[1] 1001\n[2] 1002\n');
  shell.run('kill -9 %-');
  shell.run('kill 1002');
  assert.ok(a.stopped() && b.stopped());
  assert.equal(shell.jobs.read(), '[1]-  Killed                  watch a\n[2]+  Terminated              watch b\n');
  assert.equal(shell.run('kill').exitCode, 2);
});

test('a background pipeline filters each piece of output through the rest; a program that finishes at once is Done', () => {
  const t = ticker();
  const shell = new Shell({ watch: () => ({ stdout: 'a 1\nb 1\n', stderr: '', exitCode: 0, running: t.program }) });
  shell.run('watch | grep a &');
  t.tick('b 2\na 2\n');
  assert.equal(shell.jobs.read(), 'a 1\na 2\n');
  shell.run('echo hi &');
  assert.equal(shell.jobs.read(), 'hi\n[2]+  Done                    echo hi\n');
  shell.run('false &');
  assert.equal(shell.jobs.read(), '[2]+  Exit 1                  false\n');
});

test('in the foreground, a program that keeps running runs as long as the host lets it, then stops', () => {
  const t = ticker();
  const shell = new Shell(
    { watch: () => ({ stdout: 'HEADER\n', stderr: '', exitCode: 0, display: 'HEADER\n', running: t.program }) },
    { foreground: (p) => (t.tick('row\n'), p.read()) },
  );
  assert.deepEqual(shell.run('watch'), { stdout: 'HEADER\nrow\n', stderr: '', exitCode: 0, display: 'HEADER\nrow\n' });
  assert.ok(t.stopped());
  const bare = new Shell({ watch: () => ({ stdout: 'HEADER\n', stderr: '', exitCode: 0, running: ticker().program }) });
  assert.equal(bare.run('watch | grep -c H').stdout, '1\n', 'without a host, it stops at once');
});

test('the terminal shows every program\'s stderr and the last one\'s stdout, in order', () => {
  const shell = new Shell({ noisy: () => ({ stdout: 'out\n', stderr: 'err\n', exitCode: 0, display: 'err\nout\n' }) });
  assert.equal(shell.run('noisy | grep out; noisy').display, 'err\nout\nerr\nout\n');
});
