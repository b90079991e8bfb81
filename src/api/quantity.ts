/**
 * resource.Quantity (staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go), reduced to
 * what a simulator needs: parse a quantity to a number of milli-units and print it back.
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** The regex the API server quotes when a quantity does not parse. */
export const QUANTITY_REGEX_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** Whether text is a valid quantity. */
export function isQuantity(text: unknown): boolean {
  return (typeof text === 'number' && Number.isFinite(text)) || (typeof text === 'string' && QUANTITY.test(text.trim()) && !Number.isNaN(parseFloat(text)));
}

/** Parses a quantity (`100m`, `2`, `128Mi`, `1e3`) to milli-units; throws on bad input. */
export function parseMilli(text: string | number): number {
  if (typeof text === 'number') return Math.round(text * 1000);
  const m = QUANTITY.exec(text.trim());
  if (!m) throw new Error(QUANTITY_REGEX_MESSAGE);
  const n = parseFloat(m[1]);
  const suffix = m[2] ?? '';
  let scale: number;
  if (suffix in BINARY) scale = BINARY[suffix];
  else if (suffix in DECIMAL) scale = DECIMAL[suffix];
  else scale = 10 ** Number(suffix.slice(1));
  return Math.ceil(n * scale * 1000 - 1e-6);
}

/** Prints a CPU amount in milli-units as kubectl does (`100m`, `2`). */
export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Prints a byte amount in milli-units in the largest exact binary suffix (`128Mi`, `0`). */
export function formatBytes(milli: number): string {
  const bytes = Math.round(milli / 1000);
  if (bytes === 0) return '0';
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = BINARY[suffix];
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
