import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Selector, SelectorParseError } from './labels.ts';

/** Cases from apimachinery's pkg/labels/selector_test.go (v0.32.13). */

test('TestSelectorParse: good strings round-trip without spaces, bad ones fail', () => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5']) {
    assert.equal(Selector.parse(s).toString(), s.replaceAll(' ', ''), s);
  }
  for (const s of ['x=a||y=b', 'x==a==b', '!x=a', 'x<a']) assert.throws(() => Selector.parse(s), SelectorParseError, s);
});

test('TestDeterministicParse: requirements are sorted by key', () => {
  assert.equal(Selector.parse('x=a,a=x').toString(), Selector.parse('a=x,x=a').toString());
  assert.equal(Selector.parse('x=a,a=x').toString(), 'a=x,x=a');
});

test('TestEverything / TestSetIsEmpty / Nothing', () => {
  assert.ok(Selector.everything().matches({ x: 'y' }));
  assert.ok(Selector.everything().empty);
  assert.ok(Selector.fromSet(undefined).empty);
  assert.ok(Selector.fromSet({}).empty);
  assert.ok(!Selector.nothing().empty, 'Nothing is not empty');
  assert.ok(!Selector.nothing().matches({}));
  assert.ok(!Selector.fromLabelSelector(undefined).matches({ x: 'y' }), 'a nil LabelSelector selects nothing');
  assert.ok(Selector.fromLabelSelector({}).empty, 'an empty LabelSelector selects everything');
});

test('TestSelectorMatches', () => {
  const match: [string, Record<string, string>][] = [
    ['', { x: 'y' }],
    ['x=y', { x: 'y' }],
    ['x=y,z=w', { x: 'y', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }],
    ['x', { x: 'z' }],
    ['!x', { y: 'z' }],
    ['x>1', { x: '2' }],
    ['x<1', { x: '0' }],
    ['foo=bar', { foo: 'bar', baz: 'blah' }],
    ['baz=blah', { foo: 'bar', baz: 'blah' }],
    ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
  ];
  const noMatch: [string, Record<string, string>][] = [
    ['x=z', {}],
    ['x=y', { x: 'z' }],
    ['x=y,z=w', { x: 'w', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'w' }],
    ['x', { y: 'z' }],
    ['!x', { x: 'z' }],
    ['x>1', { x: '0' }],
    ['x<1', { x: '2' }],
    ['foo=blah', { foo: 'bar', baz: 'blah' }],
    ['baz=bar', { foo: 'bar', baz: 'blah' }],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
  ];
  for (const [s, labels] of match) assert.ok(Selector.parse(s).matches(labels), `${s} should match ${JSON.stringify(labels)}`);
  for (const [s, labels] of noMatch) assert.ok(!Selector.parse(s).matches(labels), `${s} should not match ${JSON.stringify(labels)}`);
});

test('TestSetMatches: SelectorFromSet', () => {
  const labels = { foo: 'bar', baz: 'blah' };
  const sets: Record<string, string>[] = [{}, { foo: 'bar' }, { baz: 'blah' }, { foo: 'bar', baz: 'blah' }];
  for (const set of sets) assert.ok(Selector.fromSet(set).matches(labels));
});

test('TestRequirementSelectorMatching: In / NotIn / Exists / DoesNotExist / Gt', () => {
  const sel = (ls: Parameters<typeof Selector.fromLabelSelector>[0]) => Selector.fromLabelSelector(ls);
  assert.ok(sel({ matchExpressions: [{ key: 'x', operator: 'In', values: ['foo'] }, { key: 'y', operator: 'NotIn', values: ['alpha'] }] }).matches({ x: 'foo', y: 'baz' }));
  assert.ok(!sel({ matchExpressions: [{ key: 'x', operator: 'In', values: ['foo'] }, { key: 'y', operator: 'In', values: ['alpha'] }] }).matches({ x: 'foo', y: 'baz' }));
  assert.ok(sel({ matchExpressions: [{ key: 'x', operator: 'NotIn', values: [''] }, { key: 'y', operator: 'Exists' }] }).matches({ y: '' }));
  assert.ok(sel({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }, { key: 'y', operator: 'Exists' }] }).matches({ y: '' }));
  assert.ok(!sel({ matchExpressions: [{ key: 'x', operator: 'NotIn', values: [''] }, { key: 'y', operator: 'DoesNotExist' }] }).matches({ y: '' }));
  assert.ok(!sel({ matchExpressions: [{ key: 'x', operator: 'In', values: [''] }] }).matches({ y: 'baz' }));
  assert.ok(Selector.parse('z>1').matches({ z: '2' }));
  assert.ok(!Selector.parse('z>1').matches({ z: 'v2' }), 'a non-integer label value never satisfies Gt');
});

test('TestToString: canonical order and operators', () => {
  assert.equal(Selector.parse('x in (abc,def),y notin (jkl),z').toString(), 'x in (abc,def),y notin (jkl),z');
  assert.equal(Selector.parse('x notin (abc,def),y!=jkl,!z').toString(), 'x notin (abc,def),y!=jkl,!z');
  assert.equal(Selector.parse('x notin (abc),y in (jkl,mno),z notin ()').toString(), 'x notin (abc),y in (jkl,mno),z notin ()');
  assert.equal(Selector.parse('x=abc,y==jkl,z!=a').toString(), 'x=abc,y==jkl,z!=a');
  assert.equal(Selector.parse('x>2,y<8,z').toString(), 'x>2,y<8,z');
  // FormatLabelSelector: matchLabels and expressions sorted by key, values sorted.
  assert.equal(
    Selector.fromLabelSelector({ matchLabels: { tier: 'fe', app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['qa', 'dev'] }] }).toString(),
    'app=web,env in (dev,qa),tier=fe',
  );
});

test('TestSetSelectorParser: whitespace, empty values, in/notin as values', () => {
  const good: [string, string][] = [
    ['', ''],
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
    ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
    ['x,y in (a)', 'x,y in (a)'],
    ['x notin ( )', 'x notin ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['a ', 'a'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
  ];
  for (const [input, canonical] of good) assert.equal(Selector.parse(input).toString(), canonical, JSON.stringify(input));
  for (const bad of ['x=a||y=b', 'x,,y', ',x,y', 'x nott in (y)', 'a in (xyz),', 'a in (xyz)b notin ()', 'a in (xyz abc)', 'a notin(', 'a (', '(']) {
    assert.throws(() => Selector.parse(bad), SelectorParseError, JSON.stringify(bad));
  }
});

test('parse errors carry the parser\'s words', () => {
  const message = (s: string) => {
    try {
      Selector.parse(s);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  // TestParseOperator: what a binary operator position accepts.
  assert.equal(message('x exists'), "unable to parse requirement: found 'exists', expected: in, notin, =, ==, !=, gt, lt");
  assert.equal(message('app in myapp'), "unable to parse requirement: found 'myapp' expected: '('");
  assert.equal(message('x,,y'), "found ',', expected: identifier after ','");
  assert.equal(message(',x'), "found ',', expected: !, identifier, or 'end of string'");
  assert.equal(message('x=a y=b'), "found 'y', expected: ',' or 'end of string'");
  assert.equal(message('x<a'), "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer");
  assert.equal(
    message('x=-a'),
    "unable to parse requirement: values[0][x]: Invalid value: \"-a\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  );
  // validateLabelKey is called with the parser's nil *field.Path, which prints as <nil>.
  assert.match(message('-x'), /^unable to parse requirement: <nil>: Invalid value: "-x": name part must consist of/);
});

test('LabelSelectorAsSelector refuses what NewRequirement refuses', () => {
  assert.throws(() => Selector.fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] }), /"Equals" is not a valid label selector operator/);
  assert.throws(() => Selector.fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] }), /for 'in', 'notin' operators, values set can't be empty/);
  assert.throws(() => Selector.fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['b'] }] }), /values set must be empty for exists and does not exist/);
  assert.throws(() => Selector.fromLabelSelector({ matchLabels: { 'a b': 'c' } }), /key: Invalid value: "a b"/);
});
