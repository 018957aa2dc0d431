/**
 * Every micado-scale/tosca import URL that occurs in the corpus resolves offline to the profile that the spec's
 * table (micado-reference.md 2.2) names, in default and in pinned mode; legacy and bogus imports get their answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { corpusRoot } from './harness/paths.js';
import { KNOWN_REFS, profileFile, resolveMicadoUrl, resolveProfileImport } from '../compiler/src/profiles/micado-refs.js';

/** Spec 2.2: ref → [profile of its micado_types.yaml by default, profile when pinned]. */
const SPEC_TABLE: Readonly<Record<string, readonly [string, string]>> = {
  'v0.5.0': ['micado-0.5', 'micado-0.5'],
  'v0.6.0': ['micado-0.6', 'micado-0.6'],
  master: ['micado-0.10', 'micado-0.10'],
  'v0.x.2': ['micado-0.7', 'micado-0.7'],
  'v0.7.3': ['micado-0.7.3', 'micado-0.7.3'],
  'v0.8.0': ['micado-0.8', 'micado-0.8'],
  'D5.5': ['micado-0.8', 'micado-0.8'],
  'v0.9.0': ['micado-0.9.0', 'micado-0.9.0'],
  'add-terraform': ['micado-0.9.0', 'micado-0.9.0'],
  'v0.9.1': ['micado-0.9.1', 'micado-0.9.1'],
  '0.10.0': ['micado-main', 'micado-0.10'],
  '0.10.1': ['micado-main', 'micado-0.10'],
  develop: ['micado-main', 'micado-0.10'],
  'v0.11.0': ['micado-main', 'micado-0.11'],
  'v0.12.0': ['micado-main', 'micado-0.12'],
  main: ['micado-main', 'micado-main'],
  digitbrain: ['micado-digitbrain', 'micado-digitbrain'],
  // The spec maps the branch to micado-0.10; pinned, it gets its own variant (AttachesTo, MiCADO.Compute ← Root).
  'feat/conform-unfurl': ['micado-0.10', 'micado-0.10-conform-unfurl'],
};

function corpusFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ya?ml|md)$/.test(f))
    .map((f) => join(dir, f));
}
const URL_PATTERN = /https?:\/\/raw\.githubusercontent\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[^\s"'`)\]]+\.yaml/g;
const corpusUrls = [...new Set(corpusFiles(corpusRoot).flatMap((f) => readFileSync(f, 'utf8').match(URL_PATTERN) ?? []))].sort();
const micadoUrls = corpusUrls.filter((u) => u.includes('/micado-scale/tosca/'));

const refs = suite('profile refs');

refs('the corpus holds the expected import URLs', () => {
  assert.ok(micadoUrls.length >= 35, `found ${micadoUrls.length} micado-scale/tosca URLs`);
  assert.equal(KNOWN_REFS.map((r) => r.ref).sort(), Object.keys(SPEC_TABLE).sort());
});

for (const pinned of [false, true]) {
  refs(`every corpus import of micado-scale/tosca resolves as the spec says (pinned: ${pinned})`, () => {
    const wrong: string[] = [];
    for (const url of micadoUrls) {
      const r = resolveMicadoUrl(url, { pinned });
      const rest = url.split('/micado-scale/tosca/')[1] ?? '';
      if (rest.startsWith('v0.x.x/')) {
        // Never existed; MiCADO cannot load it either.
        if (r?.kind !== 'unknown-ref' || r.suggestion !== 'v0.x.2') wrong.push(`${url}: ${JSON.stringify(r)}`);
        continue;
      }
      if (rest.startsWith('main/policy/')) {
        // main has no policy/ folder any more (only the 0.10.x policy helper files point there): a 404 for MiCADO too.
        if (r?.kind !== 'unknown-path' || r.profile !== 'micado-main') wrong.push(`${url}: ${JSON.stringify(r)}`);
        continue;
      }
      if (r?.kind !== 'profile') {
        wrong.push(`${url}: ${JSON.stringify(r)}`);
        continue;
      }
      const row = SPEC_TABLE[r.ref];
      // Only the index is redirected to main by MiCADO; other files come from the ref itself.
      const expected = row === undefined ? 'unknown' : pinned || r.path !== 'micado_types.yaml' ? row[1] : row[0];
      if (r.profile !== expected) wrong.push(`${url}: ${r.profile}, expected ${expected}`);
      if (!existsFile(r.file)) wrong.push(`${url}: ${r.file} is missing`);
    }
    assert.equal(wrong, []);
  });
}

const existsFile = (file: string): boolean => {
  try {
    return readFileSync(file, 'utf8').length > 0;
  } catch {
    return false;
  }
};

refs('warnings and alternatives of dead and renamed refs', () => {
  const master = resolveMicadoUrl('https://raw.githubusercontent.com/micado-scale/tosca/master/micado_types.yaml', { pinned: false });
  assert.equal(master?.kind === 'profile' && [master.note, master.alternative?.profile], ['renamed-branch', 'micado-0.6']);
  const terraform = resolveMicadoUrl('https://raw.githubusercontent.com/micado-scale/tosca/add-terraform/micado_types.yaml', { pinned: false });
  assert.equal(terraform?.kind === 'profile' && terraform.note, 'dead-ref');
  const develop = resolveMicadoUrl('https://raw.githubusercontent.com/micado-scale/tosca/develop/micado_types.yaml', { pinned: false });
  assert.equal(develop?.kind === 'profile' && develop.note, 'effective-main');
  const developPinned = resolveMicadoUrl('https://raw.githubusercontent.com/micado-scale/tosca/develop/micado_types.yaml', { pinned: true });
  assert.equal(developPinned?.kind === 'profile' && [developPinned.profile, developPinned.note], ['micado-0.10', undefined]);
});

refs('unknown refs and paths list what is known', () => {
  const ref = resolveMicadoUrl('https://raw.githubusercontent.com/micado-scale/tosca/v0.12.1/micado_types.yaml', { pinned: false });
  assert.equal(ref?.kind === 'unknown-ref' && [ref.ref, ref.suggestion, ref.known.includes('v0.12.0')], ['v0.12.1', 'v0.12.0', true]);
  const path = resolveMicadoUrl('https://raw.githubusercontent.com/micado-scale/tosca/v0.9.0/custom_types/cloud/common.yaml', { pinned: false });
  assert.equal(path?.kind === 'unknown-path' && [path.profile, path.known.includes('micado_types.yaml')], ['micado-0.9.0', true]);
});

refs('legacy Swarm-era imports are recognised; other URLs are not MiCADO type URLs', () => {
  const legacy = corpusUrls.filter((u) => /COLARepo|ansible-micado\/.*custom_types\.yaml/.test(u));
  assert.ok(legacy.length >= 3);
  for (const url of legacy) assert.equal(resolveMicadoUrl(url, { pinned: false })?.kind, 'legacy', url);
  assert.is(resolveMicadoUrl('https://example.org/micado_types.yaml', { pinned: false }), undefined);
});

refs('imports inside a shared file stay in the importing profile', () => {
  // micado-0.11 reads occopus.yaml from another profile's folder, but its common.yaml must be 0.11's own.
  assert.ok(!(profileFile('micado-0.11', 'custom_types/cloud/occopus.yaml') ?? '').includes('/micado-0.11/'));
  const next = resolveProfileImport('micado-0.11', 'custom_types/cloud/occopus.yaml', 'common.yaml', { pinned: true });
  assert.equal(next?.kind === 'profile' && [next.profile, next.path, next.file], [
    'micado-0.11',
    'custom_types/cloud/common.yaml',
    profileFile('micado-0.11', 'custom_types/cloud/common.yaml'),
  ]);
  const main = resolveProfileImport('micado-main', 'micado_types.yaml', 'https://raw.githubusercontent.com/micado-scale/tosca/main/custom_types/cloud/occopus.yaml', { pinned: false });
  assert.equal(main?.kind === 'profile' && main.profile, 'micado-main');
});

refs.run();
