import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import type { KubeObject } from '../store/object.ts';
import type { KubectlContext } from './context.ts';
import { KubectlError } from './errors.ts';

/** One object read from a file, with the file name kubectl quotes in its messages. */
export interface ManifestObject {
  source: string;
  object: KubeObject;
}

/**
 * Reads `-f` arguments: files, folders (their .yaml/.yml/.json files), `-` for stdin; multi-document
 * YAML and `kind: List` are split into objects. Parse errors are worded as kubectl's decoder
 * words them (`error parsing f.yaml: error converting YAML to JSON: yaml: line N: …`).
 */
export function readManifests(ctx: KubectlContext, paths: readonly string[], stdin?: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const path of paths) {
    for (const file of expand(ctx, path)) {
      let text: string;
      if (file === '-') text = stdin ?? '';
      else {
        try {
          text = ctx.readFile(file);
        } catch {
          throw new KubectlError(`error: the path "${file}" does not exist`);
        }
      }
      out.push(...parseManifest(text, file === '-' ? 'STDIN' : file));
    }
  }
  return out;
}

function expand(ctx: KubectlContext, path: string): string[] {
  if (path === '-') return ['-'];
  try {
    const full = resolve(ctx.cwd, path);
    if (statSync(full).isDirectory()) {
      return readdirSync(full)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort()
        .map((f) => join(path, f));
    }
  } catch {
    // Not on disk: a scenario's own file, or missing (reported when read).
  }
  return [path];
}

/** Splits YAML text into objects; `kind: List` items are flattened. */
export function parseManifest(text: string, source: string): ManifestObject[] {
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text);
  } catch (e) {
    throw new KubectlError(`error: error parsing ${source}: error converting YAML to JSON: ${goYamlMessage(e as yaml.YAMLException)}`);
  }
  const out: ManifestObject[] = [];
  for (const doc of docs) {
    if (doc === null || doc === undefined) continue;
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      throw new KubectlError(`error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const obj = doc as KubeObject & { items?: KubeObject[] };
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      for (const item of obj.items) out.push({ source, object: item });
    } else {
      out.push({ source, object: obj });
    }
  }
  return out;
}

/** js-yaml's reasons in go-yaml's words (what `kubectl create -f` shows for broken YAML). */
function goYamlMessage(e: yaml.YAMLException): string {
  const line = (e.mark?.line ?? 0) + 1;
  const reason = e.reason ?? e.message;
  const map: [RegExp, string][] = [
    [/bad indentation of a mapping entry/, 'mapping values are not allowed in this context'],
    [/bad indentation of a sequence entry/, "did not find expected '-' indicator"],
    [/end of the stream or a document separator is expected/, 'did not find expected <document start>'],
    [/unexpected end of the stream within a (single|double) quoted scalar/, 'found unexpected end of stream'],
    [/duplicated mapping key/, 'mapping key already defined'],
    [/missed comma between flow collection entries/, "did not find expected ',' or '}'"],
    [/tab characters must not be used in indentation/, 'found character that cannot start any token'],
    [/can not read a block mapping entry; a multiline key may not be an implicit key/, 'could not find expected \':\''],
    [/can not read an implicit mapping pair; a colon is missed/, "could not find expected ':'"],
  ];
  for (const [re, text] of map) if (re.test(reason)) return `yaml: line ${line}: ${text}`;
  return `yaml: line ${line}: ${reason}`;
}
