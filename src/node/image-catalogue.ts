import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import yaml from 'js-yaml';

/** One repository the simulated runtime knows. See images.yaml for the meaning of each field. */
export interface ImageEntry {
  repository: string;
  tags?: string[];
  size?: number;
  pullSeconds?: number;
  env?: Record<string, string>;
  processes?: { user: string; command: string }[];
  stopSeconds?: number;
  http?: { port: number; routes: Record<string, string> };
  files?: Record<string, string>;
  exit?: ImageExit;
  /** Programs the image has beyond its base's userland, by name: what a command naming them does. */
  programs?: Record<string, ImageProgram>;
  /** The userland `kubectl exec` finds: busybox applets (alpine, busybox; the default) or GNU tools and bash (debian). */
  base?: ImageBase;
  /** When the image was built (RFC 3339): the date `ls -l` shows on its files. */
  created?: string;
  /** What a container of the image uses when idle (quantities: `1m`, `2Mi`), as `kubectl top` reports it. */
  usage?: { cpu?: string; memory?: string };
}

/**
 * How the image's own process (a container with no command) ends by itself: after `after`
 * seconds with `code`, printing `stdout` first. With `failTimes`, that many runs fail first (with
 * `code`, or 1 when `code` is 0); runs are counted per container name across the pods of one
 * controller, so a Job's replacement pods carry on the count.
 */
export interface ImageExit {
  after: number;
  code: number;
  failTimes?: number;
  stdout?: string;
}

/** A program in an image (`perl`, `nginx`): where it is and what its runs do. */
export interface ImageProgram {
  /** Its absolute path; `/usr/local/bin/<name>` when omitted. */
  path?: string;
  /** Runs for given arguments (the first whose `args` equal the command's wins). */
  runs?: ProgramRun[];
  /** Any other run; without one (or without `after`) the program runs until stopped, as daemons do. */
  default?: ProgramRun;
}

/** One run of a program: it prints, and after `after` seconds exits with `code` (0 by default). */
export interface ProgramRun {
  args?: string[];
  after?: number;
  code?: number;
  stdout?: string;
  stderr?: string;
}

/** The family of base image, which decides which programs exist and how they print. */
export type ImageBase = 'alpine' | 'busybox' | 'debian';

/** A parsed image reference. */
export interface ImageRef {
  /** As written in the pod spec. */
  text: string;
  /** `docker.io/library/nginx` */
  canonical: string;
  /** The catalogue's key: `nginx`, `ikubernetes/myapp`. */
  repository: string;
  tag: string;
}

/** Splits `ikubernetes/myapp:v1`, `nginx`, `docker.io/library/redis:7` into their parts. */
export function parseImage(text: string): ImageRef {
  // The kubelet parses the same few references for every pod status it writes.
  let ref = PARSED.get(text);
  if (!ref) {
    ref = Object.freeze(parse(text));
    if (PARSED.size >= 1000) PARSED.clear();
    PARSED.set(text, ref);
  }
  return ref;
}

const PARSED = new Map<string, ImageRef>();

function parse(text: string): ImageRef {
  let rest = text.trim();
  const at = rest.indexOf('@');
  if (at >= 0) rest = rest.slice(0, at);
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : 'latest';
  let repo = colon > slash ? rest.slice(0, colon) : rest;
  let registry = 'docker.io';
  const first = repo.split('/')[0];
  if (repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    repo = repo.slice(first.length + 1);
  }
  if (registry === 'docker.io' && repo.startsWith('library/')) repo = repo.slice('library/'.length);
  const canonical = `${registry}/${registry === 'docker.io' && !repo.includes('/') ? `library/${repo}` : repo}`;
  return { text, canonical, repository: registry === 'docker.io' ? repo : `${registry}/${repo}`, tag };
}

const DEFAULT_FILE = new URL('./images.yaml', import.meta.url);

/**
 * The catalogue of images. Behaviour is data: the built-in images.yaml plus whatever a scenario
 * adds; repositories it does not know run as generic long-running processes.
 */
export class ImageCatalogue {
  private readonly entries = new Map<string, ImageEntry>();
  private readonly missing = new Set<string>();
  /** Digests already computed (one sha256 per image, not per container start). */
  private readonly ids = new Map<string, string>();

  constructor(entries: ImageEntry[] = ImageCatalogue.builtin()) {
    for (const e of entries) this.add(e);
  }

  /** The entries of the built-in images.yaml. */
  static builtin(): ImageEntry[] {
    return loadEntries(readFileSync(DEFAULT_FILE, 'utf8'));
  }

  /** Adds or replaces a repository's entry. */
  add(entry: ImageEntry): void {
    this.entries.set(parseImage(entry.repository).repository, entry);
  }

  /** Adds entries from catalogue YAML text. */
  addYaml(text: string): void {
    for (const e of loadEntries(text)) this.add(e);
  }

  /** Declares that an image reference cannot be pulled (a tag that does not exist). */
  markMissing(image: string): void {
    const ref = parseImage(image);
    this.missing.add(`${ref.repository}:${ref.tag}`);
  }

  /** Whether the catalogue describes this repository (else it is a generic, long-running process). */
  knows(image: string): boolean {
    return this.entries.has(parseImage(image).repository);
  }

  /** The entry for a reference; unknown repositories get a generic entry. */
  lookup(image: string): ImageEntry {
    const ref = parseImage(image);
    return this.entries.get(ref.repository) ?? { repository: ref.repository, pullSeconds: 3, size: 30_000_000 };
  }

  /** Whether the registry has this image. */
  exists(image: string): boolean {
    const ref = parseImage(image);
    if (this.missing.has(`${ref.repository}:${ref.tag}`)) return false;
    const entry = this.entries.get(ref.repository);
    return !entry?.tags || entry.tags.map(String).includes(ref.tag);
  }

  /** A stable image digest (`docker.io/ikubernetes/myapp@sha256:…`), derived from the reference. */
  imageId(image: string): string {
    const ref = parseImage(image);
    let id = this.ids.get(`${ref.canonical}:${ref.tag}`);
    if (id === undefined) {
      const digest = createHash('sha256').update(`${ref.canonical}:${ref.tag}`).digest('hex');
      id = `${ref.canonical}@sha256:${digest}`;
      this.ids.set(`${ref.canonical}:${ref.tag}`, id);
    }
    return id;
  }
}

function loadEntries(text: string): ImageEntry[] {
  const data = yaml.load(text);
  if (!Array.isArray(data)) throw new Error('an image catalogue is a YAML list of repositories');
  return data.map((e) => {
    if (!e || typeof e.repository !== 'string') throw new Error('every catalogue entry needs a repository');
    return { ...e, tags: e.tags?.map(String) } as ImageEntry;
  });
}
