// Regenerates the step vocabulary section of README.md from steps/*.steps.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { readStepDocs, vocabularyMarkdown, withVocabulary } from '../steps/support/vocabulary.ts';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withVocabulary(readme, vocabularyMarkdown(readStepDocs('steps'))));
