/**
 * The built `adtc validate` command as a user or CI job runs it: a child
 * process on fixture files, checked for exit codes, output formats and options.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { catalogue } from '../compiler/src/diagnostics/catalogue.js';
import { runAdtc } from './harness/adtc-process.js';
import { repoRoot } from './harness/paths.js';

const test = suite('cli');

const VALID = 'test/fixtures/adt/model/tosca-1-2-header.valid.yaml';
/** One error, ADT2006, at line 1, columns 28–49 (its annotation shows the same). */
const ONE_ERROR = 'test/fixtures/adt/model/unsupported-version.invalid.yaml';
/** Only warnings: one ADT4027. */
const ONE_WARNING = 'test/fixtures/adt/check/string-given-a-list.invalid.yaml';
/** Several diagnostics, some with related locations. */
const SEVERAL = 'test/fixtures/adt/check/function-arguments.invalid.yaml';

const adtc = runAdtc;

let scratch = '';
test.before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'adtc-cli-'));
});
test.after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

test('exit 0 for a valid ADT, 1 for an invalid one', () => {
  const ok = adtc(['validate', VALID]);
  assert.is(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, 'No problems found in 1 file.');
  const bad = adtc(['validate', ONE_ERROR]);
  assert.is(bad.status, 1);
  assert.match(bad.stdout, `${ONE_ERROR}:1:28 - error ADT2006:`);
  assert.match(bad.stdout, 'Found 1 error and 0 warnings in 1 file.');
});

test('exit 2 for a missing file, an unknown option, no arguments, a directory without ADTs', () => {
  const missing = adtc(['validate', 'no/such/adt.yaml']);
  assert.is(missing.status, 2);
  assert.match(missing.stderr, "'no/such/adt.yaml' matches no file or directory");
  const option = adtc(['validate', '--bogus', VALID]);
  assert.is(option.status, 2);
  assert.match(option.stderr, '--bogus');
  assert.is(adtc(['validate']).status, 2);
  const empty = join(scratch, 'no-adt');
  mkdirSync(empty);
  writeFileSync(join(empty, 'values.yaml'), 'replicas: 3\n');
  writeFileSync(join(empty, 'notes.txt'), 'tosca_definitions_version: tosca_simple_yaml_1_2\n');
  const none = adtc(['validate', empty]);
  assert.is(none.status, 2);
  assert.match(none.stderr, 'no ADT files found');
  assert.is(adtc(['validate', '--format', 'xml', VALID]).status, 2);
  assert.is(adtc(['validate', '--max-warnings', 'many', VALID]).status, 2);
});

test('a glob names the files it matches', () => {
  const r = adtc(['validate', '--format', 'json', 'test/fixtures/adt/model/tosca-1-*-header*.valid.yaml']);
  assert.is(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { files: { path: string }[] };
  assert.equal(report.files.map((f) => f.path).sort(), [
    'test/fixtures/adt/model/tosca-1-0-header.valid.yaml',
    'test/fixtures/adt/model/tosca-1-2-header.valid.yaml',
    'test/fixtures/adt/model/tosca-1-3-header-with-occurrences.valid.yaml',
  ]);
  assert.is(adtc(['validate', 'test/fixtures/adt/model/no-match-*.yaml']).status, 2);
});

test('--map-url reads imports under a URL prefix from a local folder', () => {
  const dir = join(scratch, 'mapped');
  mkdirSync(join(dir, 'mirror', 'tosca'), { recursive: true });
  writeFileSync(join(dir, 'mirror', 'tosca', 'types.yaml'), 'tosca_definitions_version: tosca_simple_yaml_1_3\nnode_types:\n  example.nodes.App:\n    derived_from: tosca.nodes.Root\n');
  const adt = join(dir, 'app.yaml');
  writeFileSync(adt, [
    'tosca_definitions_version: tosca_simple_yaml_1_3',
    'repositories:',
    '  vendor: https://example.com/tosca',
    'imports:',
    '  - file: types.yaml',
    '    repository: vendor',
    'topology_template:',
    '  node_templates:',
    '    app:',
    '      type: example.nodes.App',
    '',
  ].join('\n'));
  const offline = adtc(['validate', '--format', 'json', adt]);
  assert.is(offline.status, 1);
  assert.match(offline.stdout, 'ADT3021');
  const mapped = adtc(['validate', '--map-url', `https://example.com/=${join(dir, 'mirror')}`, adt]);
  assert.is(mapped.status, 0, mapped.stdout + mapped.stderr);
  const malformed = adtc(['validate', '--map-url', 'example.com', adt]);
  assert.is(malformed.status, 2);
  assert.match(malformed.stderr, '--map-url needs <url-prefix>=<folder>');
});

test('a directory expands to the YAML files that declare tosca_definitions_version', () => {
  const dir = join(scratch, 'mixed');
  mkdirSync(join(dir, 'nested'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  const adt = readFileSync(join(repoRoot, VALID), 'utf8');
  writeFileSync(join(dir, 'a.yaml'), adt);
  writeFileSync(join(dir, 'nested', 'b.yml'), adt);
  writeFileSync(join(dir, 'values.yaml'), 'replicas: 3\n');
  writeFileSync(join(dir, 'readme.txt'), adt);
  writeFileSync(join(dir, 'node_modules', 'c.yaml'), adt);
  const r = adtc(['validate', '--format', 'json', '.'], { cwd: dir });
  assert.is(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { summary: { files: number }; files: { path: string }[] };
  assert.equal(report.files.map((f) => f.path), ['a.yaml', join('nested', 'b.yml')]);
  assert.is(report.summary.files, 2);
});

test('--format json has 1-based ranges and the catalogue name', () => {
  const r = adtc(['validate', '--format', 'json', ONE_ERROR]);
  assert.is(r.status, 1);
  const report = JSON.parse(r.stdout) as {
    summary: { errors: number; warnings: number };
    files: { path: string; diagnostics: { code: string; name: string; severity: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }[] }[];
  };
  assert.equal(report.summary, { files: 1, errors: 1, warnings: 0 });
  const [d] = report.files[0]!.diagnostics;
  assert.is(d!.code, 'ADT2006');
  assert.is(d!.name, 'unsupported-version');
  assert.is(d!.severity, 'error');
  assert.equal(d!.range.start, { line: 1, column: 28 });
  assert.equal(d!.range.end, { line: 1, column: 49 });
});

/** The parts of SARIF 2.1.0 that GitHub code scanning reads (docs: "SARIF support for code scanning"). */
const sarifSchema = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      maxItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name', 'rules'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  version: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'shortDescription', 'fullDescription', 'defaultConfiguration'],
                      properties: {
                        id: { type: 'string', pattern: '^ADT\\d{4}$' },
                        shortDescription: { $ref: '#/$defs/message' },
                        fullDescription: { $ref: '#/$defs/message' },
                        defaultConfiguration: { type: 'object', required: ['level'], properties: { level: { $ref: '#/$defs/level' } } },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ruleId', 'level', 'message', 'locations'],
              properties: {
                ruleId: { type: 'string', pattern: '^ADT\\d{4}$' },
                ruleIndex: { type: 'integer', minimum: 0 },
                level: { $ref: '#/$defs/level' },
                message: { $ref: '#/$defs/message' },
                locations: { type: 'array', minItems: 1, items: { $ref: '#/$defs/location' } },
                relatedLocations: { type: 'array', items: { $ref: '#/$defs/location' } },
              },
            },
          },
        },
      },
    },
  },
  $defs: {
    level: { enum: ['error', 'warning', 'note', 'none'] },
    message: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } },
    location: {
      type: 'object',
      required: ['physicalLocation'],
      properties: {
        physicalLocation: {
          type: 'object',
          required: ['artifactLocation', 'region'],
          properties: {
            artifactLocation: { type: 'object', required: ['uri'], properties: { uri: { type: 'string', minLength: 1, not: { pattern: '\\\\' } } } },
            region: {
              type: 'object',
              required: ['startLine', 'startColumn', 'endLine', 'endColumn'],
              properties: {
                startLine: { type: 'integer', minimum: 1 },
                startColumn: { type: 'integer', minimum: 1 },
                endLine: { type: 'integer', minimum: 1 },
                endColumn: { type: 'integer', minimum: 1 },
              },
            },
          },
        },
      },
    },
  },
} as const;

test('--format sarif is SARIF 2.1.0 with one run, the catalogue as rules, and a region for each result', () => {
  const r = adtc(['validate', '--format', 'sarif', SEVERAL, ONE_WARNING]);
  assert.is(r.status, 1);
  const sarif = JSON.parse(r.stdout) as {
    runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { region: { startLine: number; endLine: number } } }[] }[] }[];
  };
  const validateSarif = new Ajv({ allErrors: true }).compile(sarifSchema);
  assert.ok(validateSarif(JSON.parse(r.stdout)), JSON.stringify(validateSarif.errors, null, 2));
  const [run] = sarif.runs;
  const rules = run!.tool.driver.rules.map((rule) => rule.id);
  assert.equal(rules, Object.keys(catalogue));
  assert.equal(run!.results.map((res) => res.ruleId), ['ADT4019', 'ADT4019', 'ADT4019', 'ADT4027']);
  for (const res of run!.results) {
    assert.is(rules[res.ruleIndex], res.ruleId);
    const region = res.locations[0]!.physicalLocation.region;
    assert.ok(region.startLine <= region.endLine);
  }
  assert.equal(run!.results.map((res) => res.level), ['error', 'error', 'error', 'warning']);
});

test('--format github prints one workflow command per diagnostic', () => {
  const r = adtc(['validate', '--format', 'github', SEVERAL, ONE_WARNING]);
  assert.is(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.is(lines.length, 4);
  for (const line of lines) assert.match(line, /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+(,endColumn=\d+)?,title=ADT\d{4} [a-z-]+::\S.*$/);
  assert.match(lines[3]!, `::warning file=${ONE_WARNING},line=`);
  assert.is(adtc(['validate', '--format', 'github', VALID]).stdout, '');
});

test('--max-warnings fails a run with more warnings than allowed', () => {
  assert.is(adtc(['validate', ONE_WARNING]).status, 0);
  assert.is(adtc(['validate', '--max-warnings', '1', ONE_WARNING]).status, 0);
  const over = adtc(['validate', '--max-warnings', '0', ONE_WARNING]);
  assert.is(over.status, 1);
  assert.match(over.stderr, '1 warning exceeds --max-warnings 0');
});

test('--quiet reports errors only', () => {
  const warningsOnly = adtc(['validate', '--quiet', ONE_WARNING]);
  assert.is(warningsOnly.status, 0);
  assert.not.match(warningsOnly.stdout, 'ADT4027');
  const mixed = adtc(['validate', '--quiet', '--format', 'json', SEVERAL, ONE_WARNING]);
  const report = JSON.parse(mixed.stdout) as { files: { diagnostics: { severity: string }[] }[] };
  const severities = report.files.flatMap((f) => f.diagnostics.map((d) => d.severity));
  assert.equal(severities, ['error', 'error', 'error']);
});

test('--output-file writes the report there and nothing to stdout', () => {
  const out = join(scratch, 'report.sarif');
  const r = adtc(['validate', '--format', 'sarif', '--output-file', out, ONE_ERROR]);
  assert.is(r.status, 1);
  assert.is(r.stdout, '');
  assert.is((JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version, '2.1.0');
  assert.is(adtc(['validate', '--output-file', join(scratch, 'no/such/dir/report.txt'), ONE_ERROR]).status, 2);
});

test('colour only when asked for', () => {
  const ESC = '\u001b[';
  assert.not.match(adtc(['validate', ONE_ERROR]).stdout, ESC, 'not a terminal: no colour');
  assert.match(adtc(['validate', '--color', ONE_ERROR]).stdout, ESC);
  assert.not.match(adtc(['validate', '--color', '--no-color', ONE_ERROR]).stdout, ESC);
  assert.not.match(adtc(['validate', '--format', 'json', '--color', ONE_ERROR]).stdout, ESC);
});

test.run();
