/**
 * The seeded random source. One per cluster; each concern (names, uids, scheduling, proxying)
 * draws from its own stream so that a new draw in one place does not shift the others.
 */

/** cyrb128: a small, well-distributed string hash used to turn a seed into PRNG state. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** Two lowercase hex digits for every byte value. */
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** One deterministic stream (sfc32). */
export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = hash128(seed);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** n characters drawn from alphabet. */
  string(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** A version-4 UUID, as the API server puts into metadata.uid (122 random bits, version and variant set). */
  uuid(): string {
    const a = this.uint32(), b = this.uint32(), c = this.uint32(), d = this.uint32();
    return (
      HEX_BYTE[a >>> 24] + HEX_BYTE[(a >>> 16) & 0xff] + HEX_BYTE[(a >>> 8) & 0xff] + HEX_BYTE[a & 0xff] + '-' +
      HEX_BYTE[b >>> 24] + HEX_BYTE[(b >>> 16) & 0xff] + '-4' + HEX_BYTE[(b >>> 8) & 0x0f].slice(1) + HEX_BYTE[b & 0xff] + '-' +
      HEX_BYTE[0x80 | ((c >>> 24) & 0x3f)] + HEX_BYTE[(c >>> 16) & 0xff] + '-' + HEX_BYTE[(c >>> 8) & 0xff] + HEX_BYTE[c & 0xff] +
      HEX_BYTE[d >>> 24] + HEX_BYTE[(d >>> 16) & 0xff] + HEX_BYTE[(d >>> 8) & 0xff] + HEX_BYTE[d & 0xff]
    );
  }

  /** 32 random bits. */
  uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** n lowercase hex digits (container IDs, image digests). */
  hex(n: number): string {
    return this.string('0123456789abcdef', n);
  }
}

/** The cluster's random source: a seed and a family of named streams. */
export class Random {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: string) {}

  /** The stream for one concern, created on first use. */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new RandomStream(`${this.seed}/${name}`);
      this.streams.set(name, s);
    }
    return s;
  }
}
