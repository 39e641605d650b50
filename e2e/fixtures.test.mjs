// The fixtures are what they claim (no browser): every bad input is present
// and broken the way it says, the generated files have the promised
// size/count/depth, the good Hypothesis export quotes the built-in article,
// and the edited article differs exactly as edited-article.md says.
//
//   node --test e2e/fixtures.test.mjs

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { badInputs, SMALL, GENERATED, BAD_INPUT_DIR, GOOD_DIR, MAX_IMPORT_ANNOTATIONS } from './fixtures/bad-input.mjs';
import { ARTICLE, ARTICLE_CHARS, ARTICLE_HASH, DOC_IRI, fnv1a64, findQuote, importProblem } from './fixtures/builtin.mjs';
import { w3cSuiteAvailable, checkAnnotation, checkCollection, W3C_SKIP_REASON } from './w3c/validate.mjs';

const W3C_SKIP = w3cSuiteAvailable() ? false : W3C_SKIP_REASON;
const EXPECTS = new Set(['reject', 'partial', 'text-only']);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const read = (name) => fs.readFileSync(path.join(BAD_INPUT_DIR, name));
const utf8 = (bytes) => {
  const b = bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes;
  return new TextDecoder('utf-8', { fatal: true }).decode(b);
};
function decode(entry, bytes) {
  if (entry.encoding === 'utf-16le' || entry.encoding === 'utf-16be') {
    const bom = entry.encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
    assert.deepEqual([...bytes.subarray(0, 2)], bom, `${entry.name} starts with its BOM`);
    return new TextDecoder(entry.encoding, { fatal: true }).decode(bytes.subarray(2));
  }
  return utf8(bytes);
}
/** The candidate annotations of a parsed file, as the importer would see them. */
function itemsOf(doc) {
  if (Array.isArray(doc)) return { kind: 'w3c', items: doc };
  if (doc && typeof doc === 'object') {
    if (doc.type === 'AnnotationCollection') {
      return { kind: 'w3c', items: doc.first && Array.isArray(doc.first.items) ? doc.first.items : [] };
    }
    if (doc.type === 'AnnotationPage') return { kind: 'w3c', items: Array.isArray(doc.items) ? doc.items : [] };
    if (doc.type === 'Annotation') return { kind: 'w3c', items: [doc] };
    if (Array.isArray(doc.annotations)) return { kind: 'hypothesis', items: doc.annotations };
  }
  return { kind: 'none', items: [] };
}
/** Same as importProblem, for a Hypothesis API row on the built-in article. */
function hypothesisProblem(row) {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return 'not an object';
  if (!Array.isArray(row.target) || row.target.length === 0) return 'target is not a list';
  const t = row.target[0];
  if (!t || typeof t !== 'object' || !Array.isArray(t.selector)) return 'no selector list (a page note?)';
  const q = t.selector.find((s) => s && s.type === 'TextQuoteSelector');
  if (!q || typeof q.exact !== 'string' || !q.exact) return 'no usable TextQuoteSelector';
  if (!findQuote(q.exact)) return 'quote not in the article';
  return null;
}
/** [importable, refused] counts of a file's items, a repeated id counting as refused. */
function split(kind, items) {
  const seen = new Set();
  let ok = 0;
  let refused = 0;
  for (const item of items) {
    const problem = kind === 'hypothesis' ? hypothesisProblem(item) : importProblem(item);
    if (problem || seen.has(item.id)) refused++;
    else {
      ok++;
      seen.add(item.id);
    }
  }
  return [ok, refused];
}

test('the built-in article hash is FNV-1a 64 of its bytes', () => {
  assert.equal(fnv1a64(Buffer.from('')), 'cbf29ce484222325');
  assert.equal(fnv1a64(Buffer.from('a')), 'af63dc4c8601ec8c');
  assert.match(ARTICLE_HASH, /^[0-9a-f]{16}$/);
  assert.equal(DOC_IRI, `urn:x-claim-annotator:document:fnv1a64:${ARTICLE_HASH}`);
});

test('every bad-input file is listed, present and described; none is unlisted', () => {
  const onDisk = fs.readdirSync(BAD_INPUT_DIR).sort();
  const listed = SMALL.map((f) => f.name).sort();
  assert.deepEqual(onDisk, listed);
  assert.ok(SMALL.length >= 25, `${SMALL.length} small fixtures`);
  assert.ok(SMALL.length + GENERATED.length >= 28, 'at least 28 bad inputs in all');
  assert.equal(new Set([...listed, ...GENERATED.map((f) => f.name)]).size, SMALL.length + GENERATED.length);
  for (const f of [...SMALL, ...GENERATED]) {
    assert.ok(EXPECTS.has(f.expect), `${f.name}: expect ${f.expect}`);
    assert.ok(f.why && f.why.length > 15, `${f.name}: why`);
    assert.ok(['valid', 'invalid', 'not-utf8'].includes(f.json), `${f.name}: json ${f.json}`);
    if (f.expect === 'partial') assert.ok(f.imported >= 1 && f.rejected >= 1, `${f.name}: partial counts`);
    if (f.expect === 'text-only') assert.ok(f.imported >= 1 && !f.rejected, `${f.name}: text-only counts`);
    if (f.expect === 'reject') assert.ok(!f.imported, `${f.name}: a rejected file imports nothing`);
    if (SMALL.includes(f)) {
      const size = fs.statSync(path.join(BAD_INPUT_DIR, f.name)).size;
      assert.ok(size < 64 * 1024, `${f.name} is small (${size} bytes)`);
    }
  }
  const readme = fs.readFileSync(path.join(BAD_INPUT_DIR, '..', 'README.md'), 'utf8');
  for (const f of [...SMALL, ...GENERATED]) assert.ok(readme.includes(`\`${f.name}\``), `README lists ${f.name}`);
});

test('each small file parses, or fails to, as it claims', () => {
  for (const f of SMALL) {
    const bytes = read(f.name);
    if (f.json === 'not-utf8') {
      assert.throws(() => utf8(bytes), TypeError, `${f.name} must not be valid UTF-8`);
      continue;
    }
    // Node's lenient decoding, as a careless reader would do it.
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (f.json === 'invalid') assert.throws(() => JSON.parse(text), SyntaxError, `${f.name} must not be JSON`);
    else assert.doesNotThrow(() => JSON.parse(utf8(bytes)), `${f.name} must be JSON`);
  }
});

test('the files are broken exactly where they say', () => {
  assert.equal(read('empty.jsonld').length, 0);
  assert.match(read('not-json.txt').toString('utf8'), /^Mes notes/);
  const truncated = read('truncated.jsonld').toString('utf8');
  assert.ok(truncated.startsWith('{') && /"value": "Pas 122 pays : Interpol$/.test(truncated), 'cut inside a string');
  assert.deepEqual([...read('png-renamed.jsonld').subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(read('png-renamed.jsonld').includes(0));
  const garbage = read('trailing-garbage.jsonld').toString('utf8');
  const cut = garbage.indexOf('\n}\n') + 3;
  assert.doesNotThrow(() => JSON.parse(garbage.slice(0, cut)), 'the first document is whole');
  assert.doesNotThrow(() => JSON.parse(garbage.slice(cut)), 'so is the second');

  assert.equal(JSON.parse(read('top-level-number.json')), 42);
  assert.match(JSON.parse(read('top-level-string.json')), /^urn:uuid:/);
  assert.equal(JSON.parse(read('top-level-null.json')), null);
  assert.equal(JSON.parse(read('top-level-true.json')), true);

  // Encodings.
  for (const [name, encoding] of [['utf16le-bom.jsonld', 'utf-16le'], ['utf16be-bom.jsonld', 'utf-16be']]) {
    const doc = JSON.parse(decode({ name, encoding }, read(name)));
    assert.equal(doc.type, 'AnnotationCollection', name);
  }
  const noBom = read('utf16le-no-bom.jsonld');
  assert.ok(noBom[0] === 0x7b && noBom[1] === 0, 'UTF-16LE "{" with no BOM');
  assert.equal(JSON.parse(new TextDecoder('utf-16le').decode(noBom)).type, 'AnnotationCollection');
  const odd = read('utf16le-bom-odd-length.jsonld');
  assert.deepEqual([...odd.subarray(0, 2)], [0xff, 0xfe]);
  assert.equal(odd.length % 2, 1, 'odd number of bytes');
  const bomNoTarget = read('utf8-bom-no-target.jsonld');
  assert.ok(bomNoTarget.subarray(0, 3).equals(BOM));
  const anno = JSON.parse(utf8(bomNoTarget));
  assert.equal(anno.type, 'Annotation');
  assert.ok(!('target' in anno), 'no target');
  const broken = read('invalid-utf8.jsonld');
  assert.ok(broken.includes(Buffer.from([0xc3, 0x28])));
  assert.doesNotThrow(() => JSON.parse(broken.toString('utf8')), 'only the encoding is wrong');

  // Shapes that hold no annotations.
  const none = JSON.parse(read('no-annotations.json'));
  assert.equal(itemsOf(none).kind, 'none');
  assert.ok(!JSON.stringify(none).includes('Annotation'));
  const iri = JSON.parse(read('collection-first-iri.jsonld'));
  assert.equal(iri.type, 'AnnotationCollection');
  assert.equal(typeof iri.first, 'string');
  assert.ok(iri.total > 0);
  const page = JSON.parse(read('page-items-object.jsonld'));
  assert.equal(page.type, 'AnnotationPage');
  assert.deepEqual(page.items, {});
  const notList = JSON.parse(read('hypothesis-annotations-not-list.json'));
  assert.ok(notList.annotations && !Array.isArray(notList.annotations) && typeof notList.annotations === 'object');
});

test('partial and per-item files hold exactly the good and bad annotations they claim', () => {
  for (const f of SMALL.filter((x) => x.imported || x.rejected)) {
    const doc = JSON.parse(decode(f, read(f.name)));
    const { kind, items } = itemsOf(doc);
    assert.notEqual(kind, 'none', f.name);
    assert.deepEqual(split(kind, items), [f.imported ?? 0, f.rejected ?? 0], `${f.name}: [importable, refused]`);
  }
});

test('specific traps are really there', () => {
  const items = (name) => itemsOf(JSON.parse(read(name))).items;

  const wrong = items('wrong-types.jsonld');
  assert.equal(wrong[1].target, 42);
  assert.equal(wrong[2].target.selector, 'x');
  assert.equal(wrong[3].target.selector[0].exact, 5);
  assert.equal(wrong[4].target.selector[1].start, String(Number(wrong[4].target.selector[1].start)));
  assert.equal(wrong[5].created, 12);
  assert.deepEqual(wrong[6].body, [1, 2]);

  for (const name of ['negative-offsets.jsonld', 'out-of-range-offsets.jsonld']) {
    for (const item of items(name).slice(1)) {
      const [q, p] = item.target.selector;
      assert.equal(findQuote(q.exact), null, `${name}: "${q.exact}" must not be in the article`);
      assert.ok(p.start < 0 || p.end < 0 || p.start > p.end || p.end > 10 ** 12 || p.start >= 10 ** 12, `${name}: ${JSON.stringify(p)}`);
    }
  }
  assert.ok(items('negative-offsets.jsonld').slice(1).every((i) => i.target.selector[1].start < 0));
  assert.ok(read('out-of-range-offsets.jsonld').toString().includes('"end": 18446744073709551616'), '2^64 written verbatim');

  assert.deepEqual(items('unknown-selectors.jsonld').slice(1).map((i) => i.target.selector.map((s) => s.type)),
    [['XPathSelector'], ['CssSelector'], ['FragmentSelector']]);

  const links = (name) => items(name).slice(1).map((i) => i.body.find((b) => b.purpose === 'linking').source);
  assert.deepEqual(links('javascript-link.jsonld'), ['javascript:alert(document.cookie)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)']);
  assert.match(links('data-link.jsonld')[0], /^data:text\/html/);

  const dup = items('duplicate-ids.jsonld');
  assert.equal(dup.length, 2);
  assert.equal(dup[0].id, dup[1].id);
  assert.equal(importProblem(dup[0]), null);
  assert.equal(importProblem(dup[1]), null);

  const other = items('other-document.jsonld');
  for (const item of other) {
    assert.equal(item.target.source, 'https://example.org/other-article');
    assert.equal(findQuote(item.target.selector[0].exact), null, 'quote not in the built-in article');
  }

  assert.equal(items('empty-quote.jsonld')[1].target.selector[0].exact, '');

  // __proto__ stays an own key through JSON.parse, and nothing is polluted.
  const proto = JSON.parse(read('proto-pollution.json'));
  assert.ok(Object.hasOwn(proto, '__proto__') && Object.hasOwn(proto, 'constructor'));
  const [goodItem, evil] = proto.first.items;
  assert.ok(Object.hasOwn(goodItem, '__proto__'));
  assert.deepEqual(Object.keys(evil), ['__proto__']);
  assert.equal(evil.type, undefined, 'the evil item has no own type');
  assert.equal(Object.assign({}, evil).type, 'Annotation', 'a naive copy would inherit one: the trap works');
  assert.equal({}.polluted, undefined);

  const rows = JSON.parse(read('hypothesis-broken-rows.json')).annotations;
  assert.deepEqual(rows.map(hypothesisProblem).map(Boolean), [false, true, true, true, true, true, true]);
});

test('markup-everywhere: every text field carries markup and javascript:, on valid annotations', () => {
  const doc = JSON.parse(read('markup-everywhere.jsonld'));
  const markers = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', 'javascript:alert(3)'];
  const carries = (s, what) => assert.ok(markers.some((m) => String(s).includes(m)), `${what}: ${s}`);
  carries(doc.label, 'collection label');
  for (const a of doc.first.items) {
    assert.equal(importProblem(a), null);
    for (const b of a.body.filter((x) => x.purpose === 'commenting' || x.purpose === 'tagging')) carries(b.value, b.purpose);
    for (const m of markers) assert.ok(a.body.some((b) => b.purpose === 'tagging' && b.value === m), `tag ${m}`);
    carries(a.creator.name, 'creator');
    carries(a['ca:claimant'], 'claimant');
    carries(a['ca:sourceNotes'][0]['ca:title'], 'source title');
    carries(a['ca:sourceNotes'][0]['ca:excerpt'], 'source excerpt');
    assert.match(a['ca:sourceNotes'][0]['ca:url'], /^https:\/\//, 'the only URL is http(s), so the item is importable');
  }
});

test('the importable annotations of every fixture pass the W3C MUSTs', { skip: W3C_SKIP }, () => {
  let checked = 0;
  let promised = 0;
  for (const f of SMALL.filter((x) => x.imported)) {
    const { kind, items } = itemsOf(JSON.parse(decode(f, read(f.name))));
    if (kind !== 'w3c') continue;
    promised += f.imported;
    const seen = new Set();
    for (const item of items) {
      if (importProblem(item) !== null || seen.has(item.id)) continue;
      seen.add(item.id);
      assert.deepEqual(checkAnnotation(item), [], `${f.name}: ${item.id}`);
      checked++;
    }
  }
  assert.equal(checked, promised, 'every importable W3C annotation was checked');
  assert.ok(checked >= 12, `${checked} annotations checked`);
  const bom = JSON.parse(utf8(fs.readFileSync(path.join(GOOD_DIR, 'bom-prefixed-export.jsonld'))));
  assert.deepEqual(checkCollection(bom), []);
});

test('the generated files have the promised size, count, depth and keys', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-input-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const all = await badInputs(dir);
  assert.equal(all.length, SMALL.length + GENERATED.length);
  for (const f of all) {
    assert.ok(fs.existsSync(f.path), f.path);
    assert.ok(f.name && f.why && EXPECTS.has(f.expect), f.name);
  }
  const byName = Object.fromEntries(all.map((f) => [f.name, f]));
  for (const f of GENERATED) assert.equal(path.dirname(byName[f.name].path), dir, `${f.name} is written into dir`);

  // 50 MB: a valid-looking annotation start, the promised size, a proper end.
  const huge = byName['huge-50mb.jsonld'].path;
  const size = fs.statSync(huge).size;
  assert.ok(size >= 50 * 1024 * 1024 && size < 51 * 1024 * 1024, `${size} bytes`);
  const fd = fs.openSync(huge, 'r');
  const head = Buffer.alloc(400);
  fs.readSync(fd, head, 0, 400, 0);
  const tail = Buffer.alloc(200);
  fs.readSync(fd, tail, 0, 200, size - 200);
  fs.closeSync(fd);
  assert.match(head.toString('utf8'), /^\{"@context":\["http:\/\/www\.w3\.org\/ns\/anno\.jsonld".*"type":"Annotation".*"exact":"des policiers/);
  assert.match(tail.toString('utf8'), /"\},\{"type":"TextPositionSelector","start":0,"end":\d+\}\]\}\}\n$/);

  // 100,000 and 20,001 well-formed annotations on the built-in article.
  for (const [name, count] of [['hundred-thousand.jsonld', 100_000], ['over-limit-20001.jsonld', MAX_IMPORT_ANNOTATIONS + 1]]) {
    const doc = JSON.parse(fs.readFileSync(byName[name].path, 'utf8'));
    assert.equal(doc.type, 'AnnotationCollection', name);
    assert.equal(doc.total, count, name);
    assert.equal(doc.first.items.length, count, name);
    assert.deepEqual(split('w3c', doc.first.items), [count, 0], `${name}: all importable, ids unique`);
    if (!W3C_SKIP) {
      for (const i of [0, 1, 7, count - 1]) {
        const item = doc.first.items[i];
        const withContext = '@context' in item ? item : { '@context': doc['@context'], ...item };
        assert.deepEqual(checkAnnotation(withContext), [], `${name} item ${i}`);
      }
    }
  }
  assert.ok(fs.statSync(byName['over-limit-20001.jsonld'].path).size < 16 * 1024 * 1024,
    'the 20,001 file is under the 16 MB import limit, so it is refused for its count');

  // 10,000 deep: measure without recursion, then parse.
  const deepText = fs.readFileSync(byName['deep-nesting.json'].path, 'utf8');
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < deepText.length; i++) {
    const c = deepText[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  assert.equal(depth, 0, 'balanced');
  assert.ok(max >= 10_000, `depth ${max}`);
  const deep = JSON.parse(deepText);
  assert.equal(deep.type, 'Annotation');
  let body = deep.body;
  let levels = 0;
  while (Array.isArray(body)) {
    levels++;
    body = body[0];
  }
  assert.equal(levels, 10_000);

  const keys = JSON.parse(fs.readFileSync(byName['ten-thousand-keys.json'].path, 'utf8'));
  assert.equal(Object.keys(keys).length, 10_000);
  assert.equal(itemsOf(keys).kind, 'none');
});

test('good/bom-prefixed-export.jsonld is a valid export after its UTF-8 BOM', () => {
  const bytes = fs.readFileSync(path.join(GOOD_DIR, 'bom-prefixed-export.jsonld'));
  assert.ok(bytes.subarray(0, 3).equals(BOM));
  assert.throws(() => JSON.parse(bytes.toString('utf8')), SyntaxError, 'a careless JSON.parse fails on the BOM');
  const doc = JSON.parse(utf8(bytes));
  assert.equal(doc.type, 'AnnotationCollection');
  assert.deepEqual(split('w3c', doc.first.items), [2, 0]);
});

test('good/hypothesis-builtin.json is a realistic Hypothesis export on the built-in article', () => {
  const doc = JSON.parse(fs.readFileSync(path.join(GOOD_DIR, 'hypothesis-builtin.json'), 'utf8'));
  assert.equal(doc.annotations.length, 4);
  const ids = new Set();
  let notes = 0;
  for (const a of doc.annotations) {
    assert.match(a.id, /^[A-Za-z0-9_-]{22}$/);
    ids.add(a.id);
    assert.equal(a.user, 'acct:alice@hypothes.is');
    assert.match(a.uri, /^https:\/\/www\.afp\.com\//);
    for (const k of ['created', 'updated']) assert.match(a[k], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    for (const k of ['text', 'group']) assert.equal(typeof a[k], 'string');
    assert.ok(Array.isArray(a.tags) && a.tags.every((t) => typeof t === 'string'));
    assert.deepEqual(Object.keys(a.permissions).sort(), ['admin', 'delete', 'read', 'update']);
    assert.ok(Array.isArray(a.document.title));
    assert.equal(a.links.html, `https://hypothes.is/a/${a.id}`);
    assert.equal(a.flagged, false);
    assert.equal(a.hidden, false);
    assert.equal(a.target.length, 1);
    assert.equal(a.target[0].source, a.uri);
    if (!a.target[0].selector) {
      notes++;
      continue;
    }
    const types = a.target[0].selector.map((s) => s.type);
    assert.deepEqual(types, ['RangeSelector', 'TextPositionSelector', 'TextQuoteSelector']);
    const [, pos, quote] = a.target[0].selector;
    const at = findQuote(quote.exact);
    assert.ok(at, `quote in the article: ${quote.exact}`);
    assert.equal(findQuote(quote.exact, 1), null, 'and only once');
    assert.ok(ARTICLE.includes(quote.prefix + quote.exact + quote.suffix), 'prefix and suffix are the article\'s');
    assert.notEqual(pos.start, at.start, 'positions are the web page\'s, not ours');
    assert.equal(pos.end - pos.start, at.end - at.start);
    assert.equal(hypothesisProblem(a), null);
  }
  assert.equal(ids.size, 4);
  assert.equal(notes, 1, 'one page note (a target without selector)');
});

// ---- the edited article --------------------------------------------------

const EDITED = fs.readFileSync(path.join(GOOD_DIR, 'edited-article.txt'), 'utf8');
const EDITED_CHARS = Array.from(EDITED);
const EDITED_MD = fs.readFileSync(path.join(GOOD_DIR, 'edited-article.md'), 'utf8');

function levenshtein(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/** The passages table of edited-article.md. */
function passages() {
  const rows = EDITED_MD.split('\n').filter((l) => /^\| [A-Z], /.test(l));
  return rows.map((row) => {
    const cells = row.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, ''));
    const [kase, original, range, edited] = cells;
    const [start, end] = range.split('–').map(Number);
    const at = edited.match(/at (\d+)–(\d+)/);
    const quoted = edited.match(/^`(.*)` at/);
    return {
      kase,
      exact: original.replace(/^`|`$/g, ''),
      start,
      end,
      deleted: /^absent/.test(edited),
      editedExact: quoted ? quoted[1] : null,
      editedStart: at ? Number(at[1]) : null,
      editedEnd: at ? Number(at[2]) : null,
    };
  });
}

test('edited-article.md describes at least 3 passages, moved, changed and deleted', () => {
  const p = passages();
  assert.ok(p.length >= 3, `${p.length} passages`);
  assert.ok(p.some((x) => x.deleted), 'one deleted');
  assert.ok(p.some((x) => x.kase.includes('changed')), 'one changed');
  assert.equal(new Set(p.map((x) => x.exact)).size, p.length, 'distinct passages');
});

test('every passage is where edited-article.md says, in the original and in the edited copy', () => {
  for (const p of passages()) {
    assert.equal(ARTICLE_CHARS.slice(p.start, p.end).join(''), p.exact, `${p.kase}: original offsets`);
    assert.deepEqual(findQuote(p.exact), { start: p.start, end: p.end }, `${p.kase}: first occurrence`);
    assert.equal(findQuote(p.exact, 1), null, `${p.kase}: once in the original`);
    if (p.deleted) {
      assert.equal(findQuote(p.exact, 0, EDITED_CHARS), null, `${p.kase}: deleted passage absent`);
      // Not even approximately there: no window of the edited text is close.
      const n = Array.from(p.exact).length;
      let best = Infinity;
      for (let i = 0; i + n <= EDITED_CHARS.length; i += 1) {
        best = Math.min(best, levenshtein(p.exact, EDITED_CHARS.slice(i, i + n).join('')));
      }
      assert.ok(best > n / 2, `${p.kase}: closest window is ${best} edits away`);
      continue;
    }
    const exact = p.editedExact ?? p.exact;
    assert.equal(EDITED_CHARS.slice(p.editedStart, p.editedEnd).join(''), exact, `${p.kase}: edited offsets`);
    assert.deepEqual(findQuote(exact, 0, EDITED_CHARS), { start: p.editedStart, end: p.editedEnd });
    assert.equal(findQuote(exact, 1, EDITED_CHARS), null, `${p.kase}: once in the edited copy`);
    if (p.kase.includes('changed')) {
      assert.notEqual(exact, p.exact, `${p.kase}: the text changed`);
      assert.equal(findQuote(p.exact, 0, EDITED_CHARS), null, `${p.kase}: the old text is gone`);
      const d = levenshtein(p.exact, exact);
      assert.ok(d >= 1 && d <= Math.ceil(Array.from(p.exact).length * 0.1), `${p.kase}: near-present (${d} edits)`);
    } else {
      assert.equal(exact, p.exact, `${p.kase}: same text`);
      assert.notEqual(p.editedStart, p.start, `${p.kase}: it moved`);
    }
  }
});

test('the edited copy differs from the original by exactly the listed edits', () => {
  // Undo each edit of edited-article.md on the edited copy: the original must come back.
  const edits = [
    ['Sécurité « Made in China » : comment Pékin veut exporter son modèle à l’international',
      'Sécurité "Made in China" : comment Pékin veut exporter son modèle à l\'international'],
    ['« l’Initiative de sécurité globale »', '"l\'Initiative de sécurité globale"'],
    ['« Nous allons (également) envoyer', '"Nous allons (également) envoyer'],
    ['la loi », a-t-il ajouté.', 'la loi" , a-t-il ajouté.'],
    ['Le ministère n’a pas précisé le coût de ces formations. La conférence', 'La conférence'],
    ['Interpol.\n\n"L\'hégémonie', 'Interpol.\n\nDivers équipements de sécurité (menottes, matraques, gilets pare-balles...) y étaient proposés aux potentiels acheteurs étrangers, tout comme les dernières innovations chinoises en matière de blindés ou de logiciels de reconnaissance faciale.\n\n"L\'hégémonie'],
    ['celle des États-Unis', 'celle des Etats-Unis'],
  ];
  let text = EDITED;
  for (const [now, before] of edits) {
    assert.equal(text.split(now).length, 2, `edit present once: ${now.slice(0, 40)}`);
    text = text.replace(now, before);
  }
  assert.equal(text, ARTICLE);
  assert.ok(!EDITED.includes('\r') && !EDITED.endsWith('\n'), 'LF, no final newline, like the original');
  assert.ok(EDITED_MD.includes(`${EDITED_CHARS.length.toLocaleString('en')} code points`), 'md gives the edited length');
  assert.ok(EDITED_MD.includes(`${ARTICLE_CHARS.length.toLocaleString('en')} code points`), 'md gives the original length');
});
