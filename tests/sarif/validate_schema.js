// Validates SARIF files against the OASIS SARIF 2.1.0 schema (JSON Schema draft-04) with ajv.
// usage: node validate_schema.js NODE_MODULES SCHEMA FILE...   exit 0: all valid, 1: invalid, 2: usage
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, schemaPath, ...files] = process.argv.slice(2);
if (!modules || !schemaPath || files.length === 0) {
  console.error('usage: node validate_schema.js NODE_MODULES SCHEMA FILE...');
  process.exit(2);
}
const Ajv = require(path.join(modules, 'ajv-draft-04'));
const addFormats = require(path.join(modules, 'ajv-formats'));

// strict: false because the OASIS schema uses draft-04 keywords ajv's strict mode does not know;
// formats (uri, uri-reference, date-time) are checked, not ignored.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

let failed = false;
for (const file of files) {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(log)) {
    console.log(`${file}: valid`);
  } else {
    failed = true;
    for (const e of validate.errors) console.log(`${file}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(failed ? 1 : 0);
