import { Then, type DataTable } from '@cucumber/cucumber';
import { expect } from 'chai';
import { diffTable, diffText } from './support/text-match.ts';
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

Then('the output is {string}', function (this: KubespecWorld, expected: string) {
  expectText(this, succeeded(this).stdout, expected);
});

Then('the output is:', function (this: KubespecWorld, expected: string) {
  expectText(this, succeeded(this).stdout, expected);
});

Then('the output contains {string}', function (this: KubespecWorld, text: string) {
  expect(succeeded(this).stdout).to.include(this.expand(text));
});

Then('the output does not contain {string}', function (this: KubespecWorld, text: string) {
  expect(succeeded(this).stdout).not.to.include(this.expand(text));
});

Then('the output shows:', function (this: KubespecWorld, table: DataTable) {
  const diff = diffTable(table.hashes().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, this.expand(v)]))), succeeded(this).stdout);
  if (diff) throw new Error(`$ ${this.last!.line}\n${diff}`);
});

Then('the command fails with {string}', function (this: KubespecWorld, expected: string) {
  const r = this.checkLast();
  expect(r.exitCode, `$ ${r.line} should fail`).to.not.equal(0);
  expectText(this, r.stderr, expected);
});

Then('the command fails with:', function (this: KubespecWorld, expected: string) {
  const r = this.checkLast();
  expect(r.exitCode, `$ ${r.line} should fail`).to.not.equal(0);
  expectText(this, r.stderr, expected);
});

Then('the command succeeds', function (this: KubespecWorld) {
  succeeded(this);
});

Then('the error output is {string}', function (this: KubespecWorld, expected: string) {
  expectText(this, this.checkLast().stderr, expected);
});
