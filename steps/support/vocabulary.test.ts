import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readStepDocs, vocabularyMarkdown, withVocabulary } from './vocabulary.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the README lists every step definition, each with a description', () => {
  const steps = readStepDocs(`${root}steps`);
  assert.ok(steps.length > 10);
  for (const s of steps) assert.ok(s.doc, `step "${s.pattern}" in ${s.file} needs a // description line`);
  const readme = readFileSync(`${root}README.md`, 'utf8');
  assert.equal(readme, withVocabulary(readme, vocabularyMarkdown(steps)), 'README.md is out of date: run `npm run vocabulary`');
});
