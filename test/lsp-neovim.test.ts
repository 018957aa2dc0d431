/**
 * End to end in a real editor: headless Neovim's built-in LSP client starts
 * `adtc lsp --stdio`, opens an ADT, and records the diagnostics and a
 * completion it receives (test/fixtures/lsp/neovim/init.lua). Neovim must be
 * installed (Debian package `neovim`); without it the test fails and says so.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixturesRoot, repoRoot } from './harness/paths.js';

interface Seen {
  readonly error?: string;
  readonly diagnostics: readonly { code: string; lnum: number; col: number; end_col: number; severity: number }[];
  readonly completion: readonly string[];
}

test('Neovim receives the diagnostics and a completion from adtc lsp --stdio', () => {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    assert.unreachable("Neovim ('nvim') is not installed or does not run: install the Debian package 'neovim' (apt-get install neovim) to run this end-to-end test.");
  }
  const dir = mkdtempSync(join(tmpdir(), 'adtc-nvim-'));
  try {
    const file = join(dir, 'problems.yaml');
    copyFileSync(join(fixturesRoot, 'lsp/problems.yaml'), file);
    const out = join(dir, 'seen.json');
    const run = spawnSync('nvim', ['--headless', '--clean', '-u', join(fixturesRoot, 'lsp/neovim/init.lua'), file], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 240_000, // generous: the waits in init.lua end as soon as the server answers
      env: { ...process.env, ADTC_BIN: join(repoRoot, 'bin/adtc.js'), ADTC_OUT: out, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    });
    assert.ok(existsSync(out), `Neovim wrote no result (status ${run.status}, signal ${run.signal}): ${run.stderr}`);
    const seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
    assert.is(seen.error, undefined);
    assert.equal(seen.diagnostics.map((d) => [d.code, d.lnum, d.col]), [['ADT3001', 8, 12], ['ADT4002', 13, 6], ['ADT4540', 17, 25]]);
    assert.ok(seen.completion.includes('tosca.nodes.MiCADO.Container.Application.Docker.Deployment'), `completion: ${seen.completion.slice(0, 10).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
