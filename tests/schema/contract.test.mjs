// One contract for format v1: the JSON Schemas in public/schema/ and the decoder agree on which
// documents are acceptable. `cargo xtask test` (or `cargo xtask contract`) writes the documents
// with the decoder's verdicts (xtask/src/contract.rs: the samples, the hostile corpus and a
// seeded generator); this runs each through the schema and fails on any disagreement.
//
// Left out, because no JSON Schema can say them (the decoder checks them; other tests cover
// them): the document's size limit, nesting deeper than 128 levels, a byte-order mark, bytes
// that are not UTF-8, the id against the file name, and the configured block limit.

import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { test } from 'node:test';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const CONTRACT = process.env.FOLIO_CONTRACT;
if (!CONTRACT) throw new Error('FOLIO_CONTRACT is not set: run this through `cargo xtask test`');

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: false });
addFormats(ajv);
ajv.addSchema(read('../../public/schema/article-v1.schema.json'), 'article-v1.schema.json');
const validators = {
  article: ajv.getSchema('article-v1.schema.json'),
  index: ajv.compile(read('../../public/schema/index-v1.schema.json')),
};

test('the JSON Schemas and the decoder accept and refuse the same documents', async () => {
  const disagreements = [];
  const counts = { documents: 0, accepted: 0, refused: 0 };
  const lines = createInterface({ input: createReadStream(CONTRACT), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const { kind, source, accepted, errors, document } = JSON.parse(line);
    const validate = validators[kind];
    const valid = validate(document);
    counts.documents += 1;
    counts[accepted ? 'accepted' : 'refused'] += 1;
    if (valid !== accepted) {
      disagreements.push({
        source,
        decoder: accepted ? 'accepts' : `refuses: ${errors.join('; ')}`,
        schema: valid ? 'accepts' : `refuses: ${ajv.errorsText(validate.errors)}`,
        document: JSON.stringify(document).slice(0, 600),
      });
    }
  }
  // A comparison of nothing, or of one side only, proves nothing.
  assert.ok(counts.documents > 1000 && counts.accepted > counts.documents / 10 && counts.refused > counts.documents / 10, JSON.stringify(counts));
  assert.equal(
    disagreements.length,
    0,
    `${disagreements.length} of ${counts.documents} documents judged differently; the first:\n` +
      JSON.stringify(disagreements.slice(0, 8), null, 2),
  );
});
