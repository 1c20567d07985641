// Reference GPT-2 encoder for the .NET tokenizer parity test: reads one JSON string per line on stdin and
// writes, per line, the JSON array of token ids that the npm package gpt-3-encoder gives it.
// Usage: node tests/tools/gpt2-encode.js < strings.jsonl   (after `npm ci --prefix tests/tools`)
'use strict';
const { encode } = require('gpt-3-encoder');
const readline = require('readline');

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
lines.on('line', (line) => {
  if (line.length > 0) out.push(JSON.stringify(encode(JSON.parse(line))));
});
lines.on('close', () => process.stdout.write(out.map((l) => l + '\n').join('')));
