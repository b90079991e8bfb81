import { Then, type DataTable } from '@cucumber/cucumber';
import { expect } from 'chai';
import { diffTable, diffText, missingLines } from './support/text-match.ts';
import type { KubespecWorld } from './world.ts';

function expectText(world: KubespecWorld, actual: string, expected: string): void {
  const diff = diffText(world.expand(expected), actual);
  if (diff) throw new Error(`$ ${world.last!.line}\n${diff}`);
}

function succeeded(world: KubespecWorld) {
  const r = world.checkLast();
  if (r.exitCode !== 0) throw new Error(`$ ${r.line}\nexited ${r.exitCode}:\n${r.stderr}`);
  return r;
}

// The last command succeeded and printed exactly this line.
Then('the output is {string}', function (this: KubespecWorld, expected: string) {
  expectText(this, succeeded(this).stdout, expected);
});

// The last command succeeded and printed exactly this text (placeholders allowed).
Then('the output is:', function (this: KubespecWorld, expected: string) {
  expectText(this, succeeded(this).stdout, expected);
});

// The output contains this text.
Then('the output contains {string}', function (this: KubespecWorld, text: string) {
  expect(succeeded(this).stdout).to.include(this.expand(text));
});

// These lines appear together somewhere in the output.
Then('the output includes:', function (this: KubespecWorld, expected: string) {
  const out = succeeded(this).stdout;
  const missing = missingLines(out, this.expand(expected));
  if (missing) throw new Error(`$ ${this.last!.line}\nthese lines do not appear together in the output; ${missing}\n\noutput:\n${out}`);
});

// The output does not contain this text.
Then('the output does not contain {string}', function (this: KubespecWorld, text: string) {
  expect(succeeded(this).stdout).not.to.include(this.expand(text));
});

function expectTable(world: KubespecWorld, table: DataTable, anyOrder: boolean): void {
  const rows = table.hashes().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, world.expand(v)])));
  const diff = diffTable(rows, succeeded(world).stdout, anyOrder);
  if (diff) throw new Error(`$ ${world.last!.line}\n${diff}`);
}

// The output is a table with these rows, in this order; only the columns named are compared.
Then('the output shows:', function (this: KubespecWorld, table: DataTable) {
  expectTable(this, table, false);
});

// The output is a table with these rows, in any order.
Then('the output shows, in any order:', function (this: KubespecWorld, table: DataTable) {
  expectTable(this, table, true);
});

// The last command failed and printed exactly this to stderr.
Then('the command fails with {string}', function (this: KubespecWorld, expected: string) {
  const r = this.checkLast();
  expect(r.exitCode, `$ ${r.line} should fail`).to.not.equal(0);
  expectText(this, r.stderr, expected);
});

// The last command failed and printed exactly this text to stderr.
Then('the command fails with:', function (this: KubespecWorld, expected: string) {
  const r = this.checkLast();
  expect(r.exitCode, `$ ${r.line} should fail`).to.not.equal(0);
  expectText(this, r.stderr, expected);
});

// The last command failed, and printed exactly this on stdout before it did (rollout status timing out).
Then('the command fails after printing:', function (this: KubespecWorld, expected: string) {
  const r = this.checkLast();
  expect(r.exitCode, `$ ${r.line} should fail`).to.not.equal(0);
  expectText(this, r.stdout, expected);
});

// The last command succeeded and printed nothing.
Then('the output is empty', function (this: KubespecWorld) {
  const r = succeeded(this);
  if (r.stdout !== '' || r.stderr !== '') throw new Error(`$ ${r.line}\nexpected no output, got:\n${r.stdout}${r.stderr}`);
});

// The last command exited 0.
Then('the command succeeds', function (this: KubespecWorld) {
  succeeded(this);
});

// The last command printed exactly this text to stderr (whatever its exit code).
Then('the error output is:', function (this: KubespecWorld, expected: string) {
  expectText(this, this.checkLast().stderr, expected);
});

// The last command printed exactly this to stderr (whatever its exit code).
Then('the error output is {string}', function (this: KubespecWorld, expected: string) {
  expectText(this, this.checkLast().stderr, expected);
});
