/**
 * Writes test/fixtures/match-persons.json: synthetic persons of the six countries, with names in
 * their own scripts and in the Latin spellings officers write, known true pairs (one person recorded
 * twice) and hard non-pairs (same common surname, same birth year, sex and nationality). Fixed seed:
 * running it again writes the same file. `npx tsx scripts/generate-match-fixtures.ts [count]`
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from './match-fixtures/generate.js';

export { generate, type FixturePerson, type MatchFixtures } from './match-fixtures/generate.js';
export { seededRandom } from './match-fixtures/random.js';

if (import.meta.url === `file://${process.argv[1]}`) {
  const fixtures = generate(Number(process.argv[2] ?? 3000));
  const file = join(import.meta.dirname, '..', 'test', 'fixtures', 'match-persons.json');
  // One person or pair per line: small, and a diff shows what changed.
  const lines = (items: unknown[]) => items.map((i) => `  ${JSON.stringify(i)}`).join(',\n');
  writeFileSync(
    file,
    `{\n "seed": ${fixtures.seed},\n "persons": [\n${lines(fixtures.persons)}\n ],\n "truePairs": [\n${lines(fixtures.truePairs)}\n ],\n "hardNonPairs": [\n${lines(fixtures.hardNonPairs)}\n ]\n}\n`,
  );
  process.stdout.write(
    `${fixtures.persons.length} persons, ${fixtures.truePairs.length} true pairs, ${fixtures.hardNonPairs.length} hard groups -> ${file}\n`,
  );
}
