/** The language server's settings are user input: malformed entries fall back to the defaults. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readSettings } from '../lsp/src/settings.js';

const test = suite('lsp settings');

test('adt.urlMap keeps URL prefixes mapped to absolute folders and drops the rest', () => {
  const s = readSettings({ urlMap: { 'https://example.com/tosca/': '/srv/tosca', 'example.com/': '/srv/x', 'https://a.example/': 'relative/folder', 'https://b.example/': 3 } });
  assert.equal(s.urlMap, [{ prefix: 'https://example.com/tosca/', folder: '/srv/tosca' }]);
  assert.equal(readSettings({ urlMap: 'https://example.com/' }).urlMap, []);
  assert.equal(readSettings(undefined).urlMap, []);
});

test.run();
