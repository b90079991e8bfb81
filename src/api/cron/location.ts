/**
 * Go's time.LoadLocation as the API server and kube-controller-manager meet it on a Linux host:
 * names are files under /usr/share/zoneinfo, so they are case-sensitive and aliases such as
 * `US/Eastern` exist. kubespec asks the ICU database behind Intl, which knows the same names but
 * ignores case; a name is accepted when Intl knows it and it is spelt as the file is.
 */

/** A loaded location: `UTC` for UTC (and the empty name), otherwise the IANA name as given. */
export type Location = { readonly name: string; readonly utc: boolean };

export const UTC: Location = { name: 'UTC', utc: true };

const canonical = new Set(Intl.supportedValuesOf('timeZone'));
const cache = new Map<string, Location | string>();

/** The zone ICU resolves `name` to, or undefined when ICU does not know it. */
function resolve(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Is `name` a zoneinfo file? ICU's own names are; a name ICU only resolves is an alias
 * (`US/Eastern`, `Etc/UTC`) unless it merely differs from the zone in case (`america/new_york`,
 * which Go does not find); tzdata spells every path component with a capital first.
 */
function isZoneFile(name: string): boolean {
  if (canonical.has(name)) return true;
  const zone = resolve(name);
  if (zone === undefined) return false;
  if (zone !== name && zone.toLowerCase() === name.toLowerCase()) return false;
  return name.split('/').every((part) => /^[A-Z]/.test(part));
}

/**
 * LoadLocation: the location, or Go's error text (`unknown time zone Foo/Bar`). `Local` is the
 * process's zone, which for kubespec's control plane is UTC.
 */
export function loadLocation(name: string): Location | string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  let result: Location | string;
  if (name === '' || name === 'UTC' || name === 'Local') result = UTC;
  else if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) result = 'time: invalid location name';
  else if (!isZoneFile(name)) result = `unknown time zone ${name}`;
  else result = { name, utc: resolve(name) === 'UTC' };
  cache.set(name, result);
  return result;
}
