/**
 * Partial object matching, in the manner of chainsaw's assert: every field the expected tree
 * names must be present with an equal value; maps may hold more; lists match element by element
 * and must be as long. Scalars compare as strings, so `replicas: 5` matches 5 and "5".
 */
export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
}

export function mismatches(expected: unknown, actual: unknown, path = ''): Mismatch[] {
  if (expected === null || typeof expected !== 'object') {
    if (actual !== null && typeof actual === 'object') return [{ path, expected, actual }];
    if (expected === null ? actual !== null && actual !== undefined : String(expected) !== String(actual)) return [{ path, expected, actual }];
    return [];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected, actual }];
    if (actual.length !== expected.length) return [{ path: `${path} (length)`, expected: expected.length, actual: actual.length }];
    return expected.flatMap((e, i) => mismatches(e, actual[i], `${path}[${i}]`));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [{ path, expected, actual }];
  return Object.entries(expected as Record<string, unknown>).flatMap(([k, v]) =>
    mismatches(v, (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
  );
}

/** A readable account of mismatches. */
export function describeMismatches(ms: Mismatch[]): string {
  return ms.map((m) => `  ${m.path || '(root)'}: expected ${JSON.stringify(m.expected)}, got ${m.actual === undefined ? 'nothing' : JSON.stringify(m.actual)}`).join('\n');
}

/** The candidate with the fewest mismatches, for the failure message of a "some object matches" check. */
export function nearest<T>(expected: unknown, candidates: readonly T[], view: (c: T) => unknown): { candidate: T; mismatches: Mismatch[] } | undefined {
  let best: { candidate: T; mismatches: Mismatch[] } | undefined;
  for (const c of candidates) {
    const ms = mismatches(expected, view(c));
    if (!best || ms.length < best.mismatches.length) best = { candidate: c, mismatches: ms };
  }
  return best;
}
