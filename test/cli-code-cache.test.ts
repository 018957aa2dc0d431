/**
 * The code cache of the bundled command (compiler/src/cli/bundle-loader.ts), as
 * a user meets it: the first run of a command writes its cache, later runs use
 * it unchanged, and a broken, stale or unwritable cache never changes what the
 * command prints or its exit code.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runAdtc } from './harness/adtc-process.js';

const test = suite('code cache');

/** Several diagnostics, so the output shows the whole pipeline ran. */
const ADT = 'test/fixtures/adt/check/function-arguments.invalid.yaml';

let scratch = '';
let expected = { status: null as number | null, stdout: '', stderr: '' };
test.before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'adtc-code-cache-'));
  expected = runAdtc(['validate', ADT], { env: { ADTC_CODE_CACHE: 'off', NO_COLOR: '1' } });
  assert.is(expected.status, 1, expected.stderr);
});
test.after(() => rmSync(scratch, { recursive: true, force: true }));

const validate = (cache: string) => runAdtc(['validate', ADT], { env: { ADTC_CODE_CACHE: cache, NO_COLOR: '1' } });
const files = (folder: string) => readdirSync(folder).sort();

test('the first run writes the cache of its command, the next run uses it as it is', () => {
  const folder = join(scratch, 'fresh');
  assert.equal(validate(folder), expected);
  const written = files(folder);
  assert.is(written.length, 1, written.join(', '));
  assert.match(written[0]!, /^adtc-main\.bundle-validate-[0-9a-f]{20}-node[\d.]+-\w+\.bin$/);
  const cache = join(folder, written[0]!);
  const before = { bytes: readFileSync(cache), mtimeMs: statSync(cache).mtimeMs };
  assert.equal(validate(folder), expected);
  // A cache V8 accepted is not written again.
  assert.equal(files(folder), written);
  assert.is(statSync(cache).mtimeMs, before.mtimeMs);
  assert.ok(readFileSync(cache).equals(before.bytes));
  // Another command keeps its own cache beside it.
  assert.is(runAdtc(['--version'], { env: { ADTC_CODE_CACHE: folder } }).status, 0);
  assert.equal(files(folder).filter((f) => f.startsWith('adtc-main.bundle-other-')).length, 1);
});

test('a corrupt cache is ignored and replaced', () => {
  const folder = join(scratch, 'corrupt');
  validate(folder);
  const [name] = files(folder);
  const cache = join(folder, name!);
  writeFileSync(cache, 'not a V8 code cache');
  assert.equal(validate(folder), expected);
  assert.ok(statSync(cache).size > 1000, 'a real cache was written over the corrupt one');
});

test('the cache of an earlier build is removed when the new one is written', () => {
  const folder = join(scratch, 'stale');
  validate(folder);
  const [name] = files(folder);
  const stale = name!.replace(/-[0-9a-f]{20}-node/, '-00000000000000000000-node');
  writeFileSync(join(folder, stale), readFileSync(join(folder, name!)));
  rmSync(join(folder, name!));
  assert.equal(validate(folder), expected);
  assert.equal(files(folder), [name]);
});

test('a cache folder that cannot be written, or caching turned off, changes nothing', () => {
  const blocker = join(scratch, 'a-file');
  writeFileSync(blocker, '');
  assert.equal(validate(join(blocker, 'cache')), expected);
  const home = join(scratch, 'home');
  assert.equal(runAdtc(['validate', ADT], { env: { ADTC_CODE_CACHE: 'off', NO_COLOR: '1', XDG_CACHE_HOME: home } }), expected);
  assert.not.ok(readdirSync(scratch).includes('home'), 'nothing written with ADTC_CODE_CACHE=off');
});

test.run();
