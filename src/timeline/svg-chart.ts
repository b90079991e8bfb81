/**
 * A small SVG chart of step functions over time: stacked areas (one colour each) with lines drawn
 * over them, a time axis in seconds/minutes/hours, an integer value axis and a legend. Pure and
 * deterministic: the same input gives the same bytes.
 */

/** A step function: each point's value holds from its x until the next point's. */
export interface StepSeries {
  name: string;
  /** [x, value] pairs in increasing x. */
  points: readonly (readonly [number, number])[];
}

export interface StepChart {
  title: string;
  /** A line beside the title (what time 0 is). */
  subtitle?: string;
  /** The x range, in milliseconds; labels count from `from`. */
  from: number;
  to: number;
  /** Stacked bottom-up as areas. */
  areas: readonly StepSeries[];
  /** Drawn over the areas, as lines. */
  lines: readonly StepSeries[];
  /** Labels of the value and time axes. */
  valueLabel: string;
  timeLabel: string;
}

/** Tableau 10: distinct, and readable by most colour-blind viewers. */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];
/** Series named in this map keep their colour: states rather than ReplicaSets. */
const FIXED: Record<string, string> = { terminating: '#bab0ac' };
const LINE_COLOURS = ['#1b1b1b', '#8c2d04'];

const W = 760, H = 320;
const M = { left: 48, right: 220, top: 36, bottom: 44 };
const PLOT_W = W - M.left - M.right, PLOT_H = H - M.top - M.bottom;

/** Nice tick steps for a time axis, in milliseconds. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** Renders the chart as a standalone SVG document. */
export function renderStepChart(chart: StepChart): string {
  const span = Math.max(chart.to - chart.from, 1000);
  const xs = breakpoints(chart);
  const stacks = stackValues(chart.areas, xs);
  let max = 1;
  for (const top of stacks.at(-1) ?? []) max = Math.max(max, top);
  for (const l of chart.lines) for (const [, v] of l.points) max = Math.max(max, v);
  const yStep = niceStep(max, 6);
  // One step of headroom above the highest value, so a line at the top does not hide in the frame.
  const yMax = (Math.floor(max / yStep) + 1) * yStep;
  const x = (t: number) => num(M.left + ((t - chart.from) / span) * PLOT_W);
  const y = (v: number) => num(M.top + PLOT_H - (v / yMax) * PLOT_H);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="11">`);
  out.push(`<title>${esc(chart.title)}</title>`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${M.left}" y="20" fill="#222"><tspan font-size="13" font-weight="bold">${esc(chart.title)}</tspan>${chart.subtitle ? `<tspan dx="10" fill="#777">${esc(chart.subtitle)}</tspan>` : ''}</text>`);
  // Grid and value axis.
  for (let v = 0; v <= yMax; v += yStep) {
    out.push(`<line x1="${M.left}" x2="${M.left + PLOT_W}" y1="${y(v)}" y2="${y(v)}" stroke="#e4e4e4"/>`);
    out.push(`<text x="${M.left - 6}" y="${num(y(v) + 4)}" text-anchor="end" fill="#555">${v}</text>`);
  }
  out.push(`<text transform="translate(14 ${num(M.top + PLOT_H / 2)}) rotate(-90)" text-anchor="middle" fill="#555">${esc(chart.valueLabel)}</text>`);
  // Time axis.
  const tStep = TIME_STEPS.find((s) => span / s <= 8) ?? niceStep(span, 8);
  for (let t = 0; t <= span; t += tStep) {
    out.push(`<line x1="${x(chart.from + t)}" x2="${x(chart.from + t)}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H + 4}" stroke="#555"/>`);
    out.push(`<text x="${x(chart.from + t)}" y="${M.top + PLOT_H + 16}" text-anchor="middle" fill="#555">${timeLabel(t)}</text>`);
  }
  out.push(`<text x="${num(M.left + PLOT_W / 2)}" y="${H - 8}" text-anchor="middle" fill="#555">${esc(chart.timeLabel)}</text>`);
  // Areas, bottom-up, then lines over them.
  const end = x(chart.to);
  chart.areas.forEach((s, i) => {
    const lower = i === 0 ? xs.map(() => 0) : stacks[i - 1];
    const upper = stacks[i];
    let d = `M${x(xs[0])} ${y(upper[0])}`;
    for (let k = 1; k < xs.length; k++) d += `H${x(xs[k])}V${y(upper[k])}`;
    d += `H${end}V${y(lower[xs.length - 1])}`;
    for (let k = xs.length - 1; k > 0; k--) d += `H${x(xs[k])}V${y(lower[k - 1])}`;
    d += `H${x(xs[0])}Z`;
    out.push(`<path d="${d}" fill="${areaColour(s.name, i)}" fill-opacity="0.85" stroke="none"/>`);
  });
  chart.lines.forEach((s, i) => {
    if (s.points.length === 0) return;
    let d = `M${x(s.points[0][0])} ${y(s.points[0][1])}`;
    for (let k = 1; k < s.points.length; k++) d += `H${x(s.points[k][0])}V${y(s.points[k][1])}`;
    d += `H${end}`;
    out.push(`<path d="${d}" fill="none" stroke="${LINE_COLOURS[i % LINE_COLOURS.length]}" stroke-width="2"${i > 0 ? ' stroke-dasharray="5 3"' : ''}/>`);
  });
  out.push(`<rect x="${M.left}" y="${M.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#999"/>`);
  // Legend: areas from the top of the stack down, then lines.
  const lx = M.left + PLOT_W + 16;
  let ly = M.top + 6;
  for (let i = chart.areas.length - 1; i >= 0; i--) {
    out.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${areaColour(chart.areas[i].name, i)}"/>`);
    out.push(`<text x="${lx + 18}" y="${ly + 10}" fill="#222">${esc(chart.areas[i].name)}</text>`);
    ly += 18;
  }
  chart.lines.forEach((s, i) => {
    out.push(`<line x1="${lx}" x2="${lx + 12}" y1="${ly + 6}" y2="${ly + 6}" stroke="${LINE_COLOURS[i % LINE_COLOURS.length]}" stroke-width="2"${i > 0 ? ' stroke-dasharray="5 3"' : ''}/>`);
    out.push(`<text x="${lx + 18}" y="${ly + 10}" fill="#222">${esc(s.name)}</text>`);
    ly += 18;
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function areaColour(name: string, i: number): string {
  return FIXED[name] ?? PALETTE[i % PALETTE.length];
}

/** Every x at which some area changes, from the chart's start. */
function breakpoints(chart: StepChart): number[] {
  const set = new Set<number>([chart.from]);
  for (const s of chart.areas) for (const [t] of s.points) if (t >= chart.from && t <= chart.to) set.add(t);
  return [...set].sort((a, b) => a - b);
}

/** The running totals of the stacked areas at each breakpoint: stacks[i][k] is the top of area i at xs[k]. */
function stackValues(areas: readonly StepSeries[], xs: readonly number[]): number[][] {
  const stacks: number[][] = [];
  let below = xs.map(() => 0);
  for (const s of areas) {
    let p = 0, value = 0;
    const tops = xs.map((t, k) => {
      while (p < s.points.length && s.points[p][0] <= t) value = s.points[p++][1];
      return below[k] + value;
    });
    stacks.push(tops);
    below = tops;
  }
  return stacks;
}

/** A step of 1, 2 or 5 times a power of ten giving at most `ticks` intervals. */
function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** `0s`, `45s`, `1m`, `1m30s`, `2h`, `1h30m`: an offset as a tick label. */
export function timeLabel(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s / 60}m`;
  const m = Math.floor(s / 60);
  return m % 60 ? `${Math.floor(m / 60)}h${m % 60}m` : `${m / 60}h`;
}

/** Coordinates with one decimal at most, so output is short and stable. */
function num(v: number): number {
  return Math.round(v * 10) / 10;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
