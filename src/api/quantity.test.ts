import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalQuantity, parseMilli, Quantity, QUANTITY_REGEX_MESSAGE } from './quantity.ts';

/** Cases from apimachinery's pkg/api/resource/quantity_test.go (v0.32.13). */

/** decQuantity(unscaled, scale, format) of the upstream tests, as the text it stands for. */
const same = (text: string, unscaled: bigint, scale: number, format: Quantity['format']) => {
  const q = Quantity.parse(text);
  const want = Quantity.parse(`${unscaled}e${scale}`);
  assert.equal(q.cmp(want), 0, `${text}: ${q.toString()} ≠ ${unscaled}e${scale}`);
  assert.equal(q.format, format, `${text}: format`);
};

test('TestQuantityParse: values and formats', () => {
  const table: [string, bigint, number, Quantity['format']][] = [
    ['0', 0n, 0, 'DecimalSI'],
    ['0Ki', 0n, 0, 'BinarySI'],
    ['1', 1n, 0, 'DecimalSI'],
    ['1Ki', 1024n, 0, 'BinarySI'],
    ['7Mi', 7n * 1024n * 1024n, 0, 'BinarySI'],
    ['5n', 5n, -9, 'DecimalSI'],
    ['3m', 3n, -3, 'DecimalSI'],
    ['50k', 5n, 4, 'DecimalSI'],
    ['300T', 3n, 14, 'DecimalSI'],
    ['1E-3', 1n, -3, 'DecimalExponent'],
    ['1e3', 1n, 3, 'DecimalExponent'],
    ['100.035k', 100035n, 0, 'DecimalSI'],
    ['0.001', 1n, -3, 'DecimalSI'],
    ['0.5', 5n, -1, 'DecimalSI'],
    ['0.5e-1', 5n, -2, 'DecimalExponent'],
    ['1.3E+6', 13n, 5, 'DecimalExponent'],
    ['7.123456M', 7123456n, 0, 'DecimalSI'],
    // Values below a nano unit round up; sub-one binary quantities become decimal.
    ['3.001n', 4n, -9, 'DecimalSI'],
    ['1.1E-9', 2n, -9, 'DecimalExponent'],
    ['0.00000012345', 124n, -9, 'DecimalSI'],
    ['100.035Ki', 10243584n, -2, 'BinarySI'],
    ['0.5Mi', 524288n, 0, 'BinarySI'],
    ['0.000000000001Ki', 2n, -9, 'DecimalSI'],
    ['.001', 1n, -3, 'DecimalSI'],
    ['1.', 1n, 0, 'DecimalSI'],
    ['1.G', 1n, 9, 'DecimalSI'],
  ];
  for (const [text, unscaled, scale, format] of table) {
    same(text, unscaled, scale, format);
    // "Try the negative version of everything" and "everything with an explicit +".
    assert.equal(Quantity.parse(`-${text}`).cmp(Quantity.parse(text).negate()), 0, `-${text}`);
    assert.equal(Quantity.parse(`+${text}`).cmp(Quantity.parse(text)), 0, `+${text}`);
  }
  // 9Ei does not fit in an int64: it is capped.
  assert.equal(Quantity.parse('9Ei').toString(), '9223372036854775807');
});

test('TestQuantityParse: invalid input, with ParseQuantity\'s errors', () => {
  for (const bad of ['', '1.1.M', '1+1.0M', '0.1am', 'aoeu', ' 1', '1 ']) assert.throws(() => Quantity.parse(bad), { message: QUANTITY_REGEX_MESSAGE }, JSON.stringify(bad));
  for (const bad of ['0.1mi', '.5i', '1i', '-3.01i', '-3.01e-']) assert.throws(() => Quantity.parse(bad), { message: "unable to parse quantity's suffix" }, bad);
});

test('TestQuantityString: canonical forms', () => {
  const table: [string, string][] = [
    ['1024Mi', '1Gi'],
    ['307200Ki', '300Mi'],
    ['6Ki', '6Ki'],
    ['1025024Mi', '1001Gi'],
    ['1024Gi', '1Ti'],
    ['5', '5'],
    ['0.5', '500m'],
    ['1000M', '1G'],
    ['0.001T', '1G'],
    ['1000u', '1m'],
    ['80m', '80m'],
    ['1.08', '1080m'],
    ['1080000000n', '1080m'],
    ['1234567M', '1234567M'],
    ['3k', '3k'],
    ['1025', '1025'],
    ['0', '0'],
    ['.001e12', '1e9'],
    ['0.001e0', '1e-3'],
    ['1000e-12', '1e-9'],
    ['80e-3', '80e-3'],
    ['300e6', '300e6'],
    ['00', '0'],
    ['1080n', '1080n'],
    ['1080u', '1080u'],
  ];
  for (const [input, canonical] of table) {
    assert.equal(canonicalQuantity(input), canonical, input);
    assert.equal(canonicalQuantity(canonical), canonical, `${canonical} is canonical`);
    if (canonical !== '0') assert.equal(canonicalQuantity(`-${input}`), `-${canonical}`, `-${input}`);
  }
});

test('TestQuantityParseEmit', () => {
  const table: [string, string][] = [
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
  ];
  for (const [input, want] of table) {
    assert.equal(canonicalQuantity(input), want, input);
    assert.equal(canonicalQuantity(`-${input}`), `-${want}`, `-${input}`);
  }
});

test('the everyday examples: 100m, 1Gi, 1e3, 0.5', () => {
  assert.equal(parseMilli('100m'), 100);
  assert.equal(parseMilli('1Gi'), 1024 ** 3 * 1000);
  assert.equal(parseMilli('1e3'), 1_000_000);
  assert.equal(parseMilli('0.5'), 500);
  assert.equal(parseMilli(0.5), 500, 'a YAML number reads as its JSON text');
  assert.equal(canonicalQuantity('1e3'), '1e3', 'DecimalExponent keeps its format');
  assert.equal(canonicalQuantity('1.2e3'), '1200');
  // MilliValue rounds up: 1n is 1m.
  assert.equal(parseMilli('1n'), 1);
  assert.equal(Quantity.parse('1').cmp(Quantity.parse('1000m')), 0);
  assert.equal(Quantity.parse('1Ki').cmp(Quantity.parse('1k')), 1);
});
