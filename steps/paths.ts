import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** A folder under scenarios/, where the tutorial's manifests live. */
export function scenarioFolder(name: string): string {
  return resolve(root, 'scenarios', name);
}
