#!/usr/bin/env node
// Splits a labelled JSONL set into two halves by id, for a split-half figure of a hand-written
// method: half A holds the articles whose md5(id) first byte is even, half B the odd ones.
//
//   node scripts/split-half.mjs <set.jsonl> <A.jsonl> <B.jsonl>
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const [src, outA, outB] = process.argv.slice(2);
if (!src || !outA || !outB) {
  console.error('usage: node scripts/split-half.mjs <set.jsonl> <A.jsonl> <B.jsonl>');
  process.exit(2);
}
const a = [];
const b = [];
for (const line of readFileSync(src, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const { id } = JSON.parse(line);
  (createHash('md5').update(String(id)).digest()[0] % 2 === 0 ? a : b).push(line);
}
writeFileSync(outA, a.join('\n') + '\n');
writeFileSync(outB, b.join('\n') + '\n');
console.log(`${src}: A ${a.length} articles, B ${b.length}`);
