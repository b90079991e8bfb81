import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podChart } from './pod-chart.ts';
import { renderStepChart, timeLabel } from './svg-chart.ts';
import { HistoryBuilder } from './testing.ts';

const chart = {
  title: 'Pods <per> ReplicaSet',
  from: 0,
  to: 60_000,
  areas: [
    { name: 'web-1', points: [[0, 2], [30_000, 0]] as [number, number][] },
    { name: 'web-2', points: [[30_000, 2]] as [number, number][] },
  ],
  lines: [{ name: 'available', points: [[0, 2], [30_000, 1], [40_000, 2]] as [number, number][] }],
  valueLabel: 'pods',
  timeLabel: 'virtual time',
};

test('a step chart: stacked areas, a line, axes and a legend, the same bytes every time', () => {
  const svg = renderStepChart(chart);
  assert.equal(svg, renderStepChart(chart));
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="760" height="320"/);
  assert.match(svg, /<title>Pods &lt;per&gt; ReplicaSet<\/title>/, 'text is escaped');
  // Plot: x 48..540 for 0..60s, y 276..36 for 0..3 pods (one step of headroom above 2).
  assert.ok(svg.includes('<path d="M48 116H294V276H540V276H294V276H48Z" fill="#4e79a7"'), 'web-1: 2 pods, then none from 30s');
  assert.ok(svg.includes('<path d="M48 116H294V116H540V276H294V116H48Z" fill="#f28e2b"'), 'web-2 stacks on web-1');
  assert.ok(svg.includes('<path d="M48 116H294V196H376V116H540" fill="none" stroke="#1b1b1b"'), 'the available line');
  for (const label of ['>0s<', '>10s<', '>1m<', '>web-1<', '>web-2<', '>available<', '>virtual time<']) assert.ok(svg.includes(label), label);
});

test('time labels count seconds, minutes and hours', () => {
  assert.deepEqual([0, 45_000, 60_000, 90_000, 3_600_000, 5_400_000].map(timeLabel), ['0s', '45s', '1m', '1m30s', '1h', '1h30m']);
});

test('the pod chart stacks pods per ReplicaSet, Terminating ones on top, with a line of available pods', () => {
  const h = new HistoryBuilder().rs('web-1', 1).pod('a', 'web-1').ready('a');
  const from = h.rv;
  h.rs('web-2', 1).at(1).pod('b', 'web-2').at(4).ready('b').terminate('a').at(5).finish('a').remove('a').pod('bare').at(10);
  const svg = podChart(h.store, h.since(from, 0));
  const legend = [...svg.matchAll(/<text x="\d+" y="\d+" fill="#222">([^<]+)<\/text>/g)].map((m) => m[1]);
  assert.deepEqual(legend, ['terminating', 'pods without owner', 'web-2', 'web-1', 'available'], 'the top of the stack first');
});
