import { GoValue } from './field-errors.ts';

/** intstr.IntOrString as manifests write it: `1`, `"25%"`. */
export type IntOrString = number | string;

const PERCENT = /^[0-9]+%$/;

/** Whether a string is a valid percentage (`25%`). */
export function isPercent(v: IntOrString | undefined): boolean {
  return typeof v === 'string' && PERCENT.test(v);
}

/** getIntOrPercentValue (apps validation): the number before `%`, or the integer itself. */
export function intOrPercentValue(v: IntOrString | undefined): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const n = Number.parseInt(v.replace(/%$/, ''), 10);
  return Number.isNaN(n) ? 0 : n;
}

/**
 * intstr.GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up or down; an integer
 * as is. Deployments round maxSurge up and maxUnavailable down.
 */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (!isPercent(v)) throw new Error(`invalid value for IntOrString: invalid value "${v}": must be an integer or percentage (e.g. '5%')`);
  const percent = intOrPercentValue(v);
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** %#v of an intstr.IntOrString, as field errors print it in v1.32. */
export function goIntOrString(v: IntOrString | undefined): GoValue {
  if (typeof v === 'string') return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`);
  return new GoValue(`intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`);
}
