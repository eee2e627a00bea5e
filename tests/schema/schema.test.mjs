// The JSON Schemas shipped in public/schema/ accept every sample document and reject the
// mistakes the format names, so editors that validate against them agree with the viewer.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
ajv.addSchema(read('../../public/schema/article-v1.schema.json'), 'article-v1.schema.json');
const validateArticle = ajv.getSchema('article-v1.schema.json');
const validateIndex = ajv.compile(read('../../public/schema/index-v1.schema.json'));

const articles = readdirSync(new URL('../../public/content/articles/', import.meta.url));

for (const name of articles) {
  test(`sample ${name} is valid`, () => {
    const ok = validateArticle(read(`../../public/content/articles/${name}`));
    assert.ok(ok, JSON.stringify(validateArticle.errors, null, 2));
  });
}

test('the sample listing documents are valid', () => {
  const listings = ['index.json'];
  for (const folder of ['sections', 'tags', 'authors']) {
    for (const name of readdirSync(new URL(`../../public/content/${folder}/`, import.meta.url))) listings.push(`${folder}/${name}`);
  }
  assert.ok(listings.length > 20, listings.join(' '));
  for (const listing of listings) {
    assert.ok(validateIndex(read(`../../public/content/${listing}`)), `${listing}: ${JSON.stringify(validateIndex.errors)}`);
  }
  const page = { page: 2, older: 1, newer: 3, title: 'Transport', articles: [] };
  assert.ok(validateIndex(page));
  for (const broken of [{ ...page, page: 0 }, { ...page, older: 'one' }, { ...page, title: ' ' }]) {
    assert.equal(validateIndex(broken), false, JSON.stringify(broken));
  }
});

const minimal = {
  version: 1,
  id: 'minimal',
  headline: 'A headline',
  published: '2026-11-28T09:00:00Z',
  body: [{ type: 'paragraph', content: 'Text.' }],
};

test('a minimal article is valid, and block types and marks from a newer format are allowed', () => {
  assert.ok(validateArticle(minimal));
  assert.ok(validateArticle({ ...minimal, body: [{ type: 'hologram', frames: [] }] }));
  const marked = [{ type: 'paragraph', content: [{ text: 'x', marks: ['bold', 'highlight'] }] }];
  assert.ok(validateArticle({ ...minimal, body: marked }));
});

test('tables, galleries, key points and corrections are valid in the shapes the format gives them', () => {
  const image = { src: 'a.jpg', alt: 'A', width: 4, height: 3, caption: 'C', credit: 'D' };
  assert.ok(validateArticle({ ...minimal, body: [{ type: 'gallery', caption: 'G', images: [image, image] }] }), JSON.stringify(validateArticle.errors));
  const table = { type: 'table', caption: 'Fares', header: ['Route', 'Fare'], rows: [['Quay', [{ text: '2', marks: ['bold'] }]], ['Mill']] };
  assert.ok(validateArticle({ ...minimal, body: [table] }), JSON.stringify(validateArticle.errors));
  const corrected = { keyPoints: ['One', ['Two ', { text: 'three', marks: ['italic'] }]], corrections: [{ date: '2026-11-29T08:00:00Z', text: 'Fixed.' }] };
  assert.ok(validateArticle({ ...minimal, ...corrected }), JSON.stringify(validateArticle.errors));
});

const mistakes = {
  'a gallery of one image': { body: [{ type: 'gallery', images: [{ src: 'a.jpg', alt: '', width: 1, height: 1 }] }] },
  'a gallery of 101 images': { body: [{ type: 'gallery', images: Array(101).fill({ src: 'a.jpg', alt: '', width: 1, height: 1 }) }] },
  'a gallery image with a javascript: source': { body: [{ type: 'gallery', images: Array(2).fill({ src: 'javascript:x', alt: '', width: 1, height: 1 }) }] },
  'a table without rows': { body: [{ type: 'table', rows: [] }] },
  'a table row of 21 cells': { body: [{ type: 'table', rows: [Array(21).fill('x')] }] },
  'a table of 1001 rows': { body: [{ type: 'table', rows: Array(1001).fill(['x']) }] },
  'a correction without a date': { corrections: [{ text: 'Fixed.' }] },
  'a correction dated in words': { corrections: [{ date: 'yesterday', text: 'Fixed.' }] },
  'a key point that is a number': { keyPoints: [3] },
  'version 2': { version: 2 },
  'an id with ../': { id: '../etc' },
  'an empty headline': { headline: ' ' },
  'a date without offset': { published: '2026-11-28T09:00:00' },
  'a javascript: link': {
    body: [{ type: 'paragraph', content: [{ text: 'x', href: 'javascript:alert(1)' }] }],
  },
  'a protocol-relative link': {
    body: [{ type: 'paragraph', content: [{ text: 'x', href: '//evil.example/' }] }],
  },
  'an image without alt': { image: { src: 'a.jpg', width: 1, height: 1 } },
  'a data: image': { image: { src: 'data:text/html,x', alt: '', width: 1, height: 1 } },
  'heading level 5': { body: [{ type: 'heading', level: 5, content: 'x' }] },
  'an ad size outside the IAB list': { body: [{ type: 'ad', size: '333x333' }] },
};

for (const [name, change] of Object.entries(mistakes)) {
  test(`the schema rejects ${name}`, () => {
    assert.equal(validateArticle({ ...minimal, ...change }), false);
  });
}
