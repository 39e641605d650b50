// W3C Web Annotation validator for tests: runs the MUST assertions of the
// W3C test suite (JSON Schema draft-04, kept read-only in
// ../shared/w3c-web-annotation-tests beside the repository) against one
// annotation or one AnnotationCollection.
//
// An assertion "holds" when validating the document against its schema gives
// the schema's `expectedResult` ("valid" or "invalid"). Formats (`uri`,
// `date-time`) are enforced: without ajv-formats an id like "not a uri" would
// pass silently, and the module refuses to load if that ever happens.
//
// The suite may be absent on a fresh clone: callers check
// `w3cSuiteAvailable()` first and say plainly what they skipped, e.g.
//   t.skip('../shared/w3c-web-annotation-tests is absent: W3C assertions not checked')
// (exported as W3C_SKIP_REASON).
// Every other function throws if the suite is absent, so nothing can pass
// silently.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (this file is e2e/w3c/validate.mjs). */
export const REPO_ROOT = path.resolve(HERE, '..', '..');
/**
 * Where the W3C test suite's schemas live: ../shared/w3c-web-annotation-tests
 * from the repo root. W3C_SUITE_DIR in the environment overrides it (e.g. to
 * check that callers report the skip when the suite is absent).
 */
export const W3C_SUITE_DIR = process.env.W3C_SUITE_DIR
  ? path.resolve(process.env.W3C_SUITE_DIR)
  : path.resolve(REPO_ROOT, '..', 'shared', 'w3c-web-annotation-tests');

/** What callers print when they skip because the suite is absent. */
export const W3C_SKIP_REASON =
  `${path.relative(REPO_ROOT, W3C_SUITE_DIR) || W3C_SUITE_DIR} is absent: W3C assertions not checked`;

const ANNOTATION_MUSTS = 'annotations/annotationMusts.test';
const COLLECTION_MUSTS = 'collections/collectionMusts.test';
const PAGE_MUSTS = 'collections/pages/pageMusts.test';
const DEFINITIONS = [
  'annotations.json',
  'bodyTarget.json',
  'choiceSet.json',
  'collections.json',
  'id.json',
  'otherProperties.json',
  'specificResource.json',
];
/** Keywords of the test suite that are not JSON Schema (declared so strict mode accepts them). */
const SUITE_KEYWORDS = ['assertionType', 'expectedResult', 'onUnexpectedResult', 'errorMessage'];

/** True when the W3C schemas are on disk (with the .test lists and the 7 definitions). */
export function w3cSuiteAvailable() {
  return [ANNOTATION_MUSTS, COLLECTION_MUSTS, PAGE_MUSTS, ...DEFINITIONS.map((d) => `definitions/${d}`)]
    .every((rel) => fs.existsSync(path.join(W3C_SUITE_DIR, rel)));
}

let loaded = null;

function readJson(rel) {
  const file = path.join(W3C_SUITE_DIR, rel);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read W3C schema ${file}: ${err.message}`);
  }
}

function plain(markdown) {
  return String(markdown ?? '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function loadAssertions(ajv, testFile, idToFile) {
  const list = readJson(testFile).assertions;
  if (!Array.isArray(list) || list.length === 0) {
    throw new Error(`${testFile} lists no assertions`);
  }
  return list.map((rel) => {
    const schema = readJson(rel);
    if (schema.expectedResult !== 'valid' && schema.expectedResult !== 'invalid') {
      throw new Error(`${rel}: expectedResult is ${JSON.stringify(schema.expectedResult)}, not valid/invalid`);
    }
    // ajv registers each schema under its draft-04 `id`, which is not always
    // the file's name (4.3.3-refinedByValidated.json says "4.3-stateValidated.json"):
    // make sure two different files never share one compiled schema.
    const owner = idToFile.get(schema.id);
    if (owner && owner !== rel) {
      throw new Error(`${rel} and ${owner} both have id ${JSON.stringify(schema.id)}`);
    }
    idToFile.set(schema.id, rel);
    const validate = ajv.getSchema(schema.id) ?? ajv.compile(schema);
    return {
      file: rel,
      // Named by file (as in the .test lists), since ids and file names differ.
      id: path.basename(rel),
      expectValid: schema.expectedResult === 'valid',
      assertionType: schema.assertionType,
      title: plain(schema.title),
      errorMessage: plain(schema.errorMessage),
      validate,
    };
  });
}

function load() {
  if (loaded) return loaded;
  if (!w3cSuiteAvailable()) {
    throw new Error(
      `${W3C_SUITE_DIR} is absent or incomplete: W3C assertions cannot be checked ` +
        '(call w3cSuiteAvailable() first and report the skip)',
    );
  }
  const ajv = new Ajv04({
    strictSchema: true, // unknown keywords or formats throw: nothing is silently ignored
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allErrors: false,
    validateFormats: true,
  });
  addFormats(ajv);
  ajv.addVocabulary(SUITE_KEYWORDS);
  for (const def of DEFINITIONS) {
    const schema = readJson(`definitions/${def}`);
    if (schema.id !== def) throw new Error(`definitions/${def} has id ${JSON.stringify(schema.id)}`);
    ajv.addSchema(schema); // registered under its draft-04 `id`
  }

  // Prove formats are enforced: the whole point of this module.
  const uri = ajv.compile({ type: 'string', format: 'uri' });
  const dateTime = ajv.compile({ type: 'string', format: 'date-time' });
  if (uri('not a uri') || !uri('urn:uuid:0b5b6c3e-3b1e-4d2c-9a57-5f0f6a1e2d3c') ||
      dateTime('2026-13-45 noon') || !dateTime('2026-11-20T10:00:00Z')) {
    throw new Error('ajv is not enforcing format uri/date-time: W3C checks would pass silently');
  }

  const idToFile = new Map(DEFINITIONS.map((d) => [d, `definitions/${d}`]));
  loaded = {
    annotation: loadAssertions(ajv, ANNOTATION_MUSTS, idToFile),
    collection: loadAssertions(ajv, COLLECTION_MUSTS, idToFile),
    page: loadAssertions(ajv, PAGE_MUSTS, idToFile),
  };
  return loaded;
}

function failures(assertions, obj) {
  const out = [];
  for (const a of assertions) {
    const valid = a.validate(obj);
    if (valid !== a.expectValid) {
      const detail = a.expectValid && a.validate.errors?.length
        ? ` [${a.validate.errors.slice(0, 2).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}]`
        : '';
      out.push(
        `${a.id}: expected ${a.expectValid ? 'valid' : 'invalid'}, got ${valid ? 'valid' : 'invalid'}: ` +
          `${a.errorMessage || a.title}${detail}`,
      );
    }
  }
  return out;
}

/** How many MUST assertions checkAnnotation runs (54 in the W3C suite). */
export function annotationMustCount() {
  return load().annotation.length;
}

/** How many MUST assertions checkCollection runs on the collection itself (10). */
export function collectionMustCount() {
  return load().collection.length;
}

/** How many MUST assertions are run on an embedded first page (15). */
export function pageMustCount() {
  return load().page.length;
}

/**
 * Failed MUST assertions (annotations/annotationMusts.test) for one
 * annotation, one string per failure: "<assertion id>: expected valid, got
 * invalid: <message>". Empty array: all 54 hold.
 */
export function checkAnnotation(obj) {
  return failures(load().annotation, obj);
}

/**
 * Failed MUST assertions for an AnnotationPage (collections/pages/pageMusts.test),
 * not including its items.
 */
export function checkPage(obj) {
  return failures(load().page, obj);
}

/**
 * Failed MUST assertions for an AnnotationCollection:
 * - collections/collectionMusts.test on the collection itself;
 * - if `first` is an embedded object: pageMusts on it, prefixed "first: ";
 * - if that page has an `items` array: checkAnnotation on every item,
 *   prefixed "items[<i>]: ".
 * Embedded objects without their own @context are in the enclosing
 * document's JSON-LD context (as in the W3C spec's Example 42), so they are
 * checked with the collection's @context; an embedded object that declares
 * its own @context is checked as it is.
 */
export function checkCollection(obj) {
  const { collection } = load();
  const out = failures(collection, obj);
  const first = obj && typeof obj === 'object' ? obj.first : undefined;
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    const inherit = (node) =>
      node && typeof node === 'object' && !Array.isArray(node) && !('@context' in node) && '@context' in obj
        ? { '@context': obj['@context'], ...node }
        : node;
    for (const f of checkPage(inherit(first))) out.push(`first: ${f}`);
    if (first.type === 'AnnotationPage' && Array.isArray(first.items)) {
      first.items.forEach((item, i) => {
        for (const f of checkAnnotation(inherit(item))) out.push(`items[${i}]: ${f}`);
      });
    }
  }
  return out;
}
