/**
 * The language server over stdio, driven by a real JSON-RPC client: every
 * feature is asked for at cursor markers ($1, $2 ...) in the fixtures under
 * test/fixtures/lsp/, and the answers are checked as the protocol carries them
 * (ranges, codes, related information, edits).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type * as lsp from 'vscode-languageserver-protocol';
import { fixturesRoot, repoRoot } from './harness/paths.js';

const lspFixtures = join(fixturesRoot, 'lsp');

interface Marked {
  readonly uri: string;
  readonly text: string;
  /** Marker number → position in the text without markers. */
  readonly at: (n: number) => lsp.Position;
}

/** Reads a fixture, removes its $N markers and remembers where they were. */
function marked(relative: string): Marked {
  const raw = readFileSync(join(lspFixtures, relative), 'utf8');
  const offsets = new Map<number, number>();
  let text = '';
  let last = 0;
  for (const m of raw.matchAll(/\$(\d+)/g)) {
    text += raw.slice(last, m.index);
    offsets.set(Number(m[1]), text.length);
    last = m.index! + m[0].length;
  }
  text += raw.slice(last);
  const position = (offset: number): lsp.Position => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return {
    uri: pathToFileURL(join(lspFixtures, relative)).href,
    text,
    at: (n) => {
      const o = offsets.get(n);
      if (o === undefined) throw new Error(`${relative} has no marker $${n}`);
      return position(o);
    },
  };
}

/** A client on a server process, collecting pushed diagnostics. */
class Client {
  readonly diagnostics = new Map<string, lsp.PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  private constructor(
    readonly connection: MessageConnection,
    private readonly process: ChildProcess,
  ) {}

  static async start(capabilities: lsp.ClientCapabilities = {}, initializationOptions?: unknown): Promise<Client> {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/adtc.js'), 'lsp', '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new Client(connection, child);
    connection.onNotification('textDocument/publishDiagnostics', (p: lsp.PublishDiagnosticsParams) => {
      client.diagnostics.set(p.uri, p);
      for (const w of client.waiters.splice(0)) w();
    });
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(lspFixtures).href, capabilities, initializationOptions, workspaceFolders: [{ uri: pathToFileURL(lspFixtures).href, name: 'lsp' }] });
    connection.sendNotification('initialized', {});
    return client;
  }

  open(doc: { uri: string; text: string }, languageId = 'yaml'): void {
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId, version: 1, text: doc.text } });
  }

  /** Resolves with the diagnostics of `uri` once a publication satisfies `ok`; the deadline only bounds a failure (a loaded machine is slow). */
  async published(uri: string, ok: (p: lsp.PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 60_000): Promise<lsp.PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = this.diagnostics.get(uri);
      if (p && ok(p)) return p;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms (last: ${JSON.stringify(p)})`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    await this.connection.sendNotification('exit');
    // The server exits on 'exit'; a server that does not is stopped after a grace period.
    const timer = setTimeout(() => this.process.kill(), 2000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

const app = marked('app.yaml');
const problems = marked('problems.yaml');
const completions = marked('completion.yaml');
const main = marked('imports/main.yaml');
const types = marked('imports/types.yaml');

const labels = (r: lsp.CompletionList | null) => (r?.items ?? []).map((i) => i.label);
const pos = (doc: Marked, n: number) => ({ textDocument: { uri: doc.uri }, position: doc.at(n) });
const lineOf = (doc: Marked, needle: string) => doc.text.slice(0, doc.text.indexOf(needle)).split('\n').length - 1;

const test = suite<{ client: Client }>('lsp protocol', { client: undefined as unknown as Client });

test.before(async (ctx) => {
  ctx.client = await Client.start();
  for (const doc of [app, problems, completions, main, types]) ctx.client.open(doc);
  for (const doc of [app, problems, main]) await ctx.client.published(doc.uri);
});
test.after(async (ctx) => ctx.client.stop());

test('pushes the diagnostics adtc validate reports, with codes, links and related information', async ({ client }) => {
  const p = await client.published(problems.uri);
  assert.is(p.version, 1);
  assert.equal(p.diagnostics.map((d) => d.code), ['ADT3001', 'ADT4002', 'ADT4540']);
  const typo = p.diagnostics[0]!;
  assert.equal(typo.range, { start: { line: 8, character: 12 }, end: { line: 8, character: 69 } });
  assert.is(typo.severity, 1);
  assert.is(typo.source, 'adtc');
  assert.match(typo.codeDescription!.href, /diagnostics\.md#adt3001$/);
  assert.match(typo.message, /Did you mean 'tosca\.nodes\.MiCADO\.Container\.Application\.Docker\.Deployment'\?/);
  const bounds = p.diagnostics[2]!;
  assert.equal(bounds.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [[problems.uri, lineOf(problems, 'max_instances'), 'max_instances is 2 here.']]);
  const required = p.diagnostics[1]!;
  assert.match(required.relatedInformation![0]!.location.uri, /^file:.*compiler\/profiles\/.*scaling\.yaml$/);
  assert.equal((await client.published(app.uri)).diagnostics, []);
  assert.equal((await client.published(main.uri)).diagnostics, []);
});

test('offers the fixes diagnostics carry as quick fixes', async ({ client }) => {
  const p = await client.published(problems.uri);
  const actions = await client.request<lsp.CodeAction[]>('textDocument/codeAction', { textDocument: { uri: problems.uri }, range: p.diagnostics[0]!.range, context: { diagnostics: [p.diagnostics[0]] } });
  const fix = actions.find((a) => a.title.startsWith('Change to'))!;
  assert.ok(fix, 'a quick fix for the misspelled type');
  assert.is(fix.kind, 'quickfix');
  assert.equal(fix.diagnostics?.map((d) => d.code), ['ADT3001']);
  assert.equal(fix.edit?.changes?.[problems.uri], [{ range: p.diagnostics[0]!.range, newText: 'tosca.nodes.MiCADO.Container.Application.Docker.Deployment' }]);
});

test('re-publishes for the current version after an incremental change', async ({ client }) => {
  const start = { line: 8, character: 12 + 'tosca.nodes.MiCADO.Container.Application.Docker.Deploym'.length };
  client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: problems.uri, version: 2 }, contentChanges: [{ range: { start, end: start }, text: 'e' }] });
  const p = await client.published(problems.uri, (x) => x.version === 2);
  assert.equal(p.diagnostics.map((d) => d.code), ['ADT4002', 'ADT4540']);
});

test('completes keys and values from the type system', async ({ client }) => {
  const at = (n: number) => client.request<lsp.CompletionList>('textDocument/completion', pos(completions, n));
  const topology = labels(await at(1));
  assert.ok(topology.includes('outputs') && !topology.includes('inputs'), `topology keys: ${topology}`);
  assert.ok(labels(await at(2)).includes('tosca.nodes.MiCADO.Container.Application.Docker.Deployment'));
  const props = await at(3);
  const command = props.items.find((i) => i.label === 'command');
  assert.ok(command, 'the properties of the node type');
  assert.is(command!.detail, 'list');
  assert.ok(!labels(props).includes('image'), 'a property already written is not offered again');
  assert.equal((command as lsp.CompletionItem & { textEdit: lsp.TextEdit }).textEdit.newText, 'command: ');
  assert.equal(labels(await at(4)), ['workers']);
  const templateKeys = labels(await at(5));
  assert.ok(templateKeys.includes('interfaces') && !templateKeys.includes('type'));
  assert.equal(labels(await at(6)), ['region']);
  assert.ok(labels(await at(7)).includes('create'));
  assert.equal(labels(await at(8)), ['docker_hub']);
  assert.equal(labels(await at(9)).sort(), ['web', 'workers']);
  assert.equal(labels(await at(10)), ['HIGH']);
});

test('hovers types with their derivation and properties with their definition', async ({ client }) => {
  const type = await client.request<lsp.Hover>('textDocument/hover', pos(app, 1));
  const text = (type.contents as lsp.MarkupContent).value;
  assert.match(text, /\*\*tosca\.nodes\.MiCADO\.Container\.Application\.Docker\.Deployment\*\* \(node type\)/);
  assert.match(text, /Derives from `tosca\.nodes\.MiCADO\.Container\.Application\.Docker` → /);
  assert.match(text, /Defined in bundled profile micado-0\.12\//);
  const prop = (await client.request<lsp.Hover>('textDocument/hover', pos(app, 2))).contents as lsp.MarkupContent;
  assert.match(prop.value, /^\*\*image\*\*: `string`/);
  assert.match(prop.value, /Defined in type `tosca\.nodes\.MiCADO\.Container\.Application\.Docker`/);
  const imported = (await client.request<lsp.Hover>('textDocument/hover', pos(main, 2))).contents as lsp.MarkupContent;
  assert.match(imported.value, /How many threads to run\.[\s\S]*Default: `4`/);
});

test('goes to definitions in the file, in imports and in bundled profiles', async ({ client }) => {
  const node = await client.request<lsp.Location>('textDocument/definition', pos(app, 3));
  assert.equal(node, { uri: app.uri, range: { start: { line: lineOf(app, '    workers:'), character: 4 }, end: { line: lineOf(app, '    workers:'), character: 11 } } });
  const profile = await client.request<lsp.Location>('textDocument/definition', pos(app, 1));
  assert.match(profile.uri, /compiler\/profiles\/micado-0\.12\/custom_types\/container\/kubernetes\.yaml$/);
  const imported = await client.request<lsp.Location>('textDocument/definition', pos(main, 1));
  assert.is(imported.uri, types.uri);
  assert.is(imported.range.start.line, lineOf(types, 'my.nodes.Worker:'));
  const input = await client.request<lsp.Location>('textDocument/definition', pos(app, 6));
  assert.is(input.range.start.line, lineOf(app, 'region:'));
});

test('finds references and highlights them', async ({ client }) => {
  const refs = await client.request<lsp.Location[]>('textDocument/references', { ...pos(app, 4), context: { includeDeclaration: true } });
  assert.equal(refs.map((r) => r.range.start.line).sort((a, b) => a - b), [lineOf(app, 'host: workers'), lineOf(app, '    workers:'), lineOf(app, 'targets: [ workers ]')].sort((a, b) => a - b));
  const highlights = await client.request<lsp.DocumentHighlight[]>('textDocument/documentHighlight', pos(app, 6));
  assert.equal(highlights.map((h) => [h.range.start.line, h.kind]), [[lineOf(app, 'region:'), 3], [lineOf(app, 'get_input'), 2]]);
});

test('renames node templates, inputs and types across files, and refuses bundled types', async ({ client }) => {
  const nodes = await client.request<lsp.WorkspaceEdit>('textDocument/rename', { ...pos(app, 7), newName: 'pool' });
  assert.is(nodes.changes![app.uri]!.length, 3);
  assert.ok(nodes.changes![app.uri]!.every((e) => e.newText === 'pool'));
  const inputs = await client.request<lsp.WorkspaceEdit>('textDocument/rename', { ...pos(app, 5), newName: 'zone' });
  assert.is(inputs.changes![app.uri]!.length, 2);
  const prepared = await client.request<{ range: lsp.Range; placeholder: string }>('textDocument/prepareRename', pos(main, 1));
  assert.is(prepared.placeholder, 'my.nodes.Worker');
  const typesEdit = await client.request<lsp.WorkspaceEdit>('textDocument/rename', { ...pos(main, 1), newName: 'my.nodes.Pool' });
  assert.is(typesEdit.changes![main.uri]!.length, 2);
  assert.is(typesEdit.changes![types.uri]!.length, 1);
  try {
    await client.request('textDocument/prepareRename', pos(app, 1));
    assert.unreachable('a bundled type cannot be renamed');
  } catch (error) {
    assert.match((error as Error).message, /bundled MiCADO profile/);
  }
});

test('outlines the document and finds workspace symbols', async ({ client }) => {
  const symbols = await client.request<lsp.DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: app.uri } });
  assert.equal(symbols.map((s) => s.name), ['repositories', 'topology_template']);
  const topology = symbols[1]!.children!;
  assert.equal(topology.map((s) => s.name), ['inputs', 'node_templates', 'policies']);
  assert.equal(topology[1]!.children!.map((s) => [s.name, s.detail]), [['web', 'tosca.nodes.MiCADO.Container.Application.Docker.Deployment'], ['workers', 'tosca.nodes.MiCADO.EC2.Compute']]);
  assert.equal(topology[2]!.children!.map((s) => s.name), ['worker-scaling']);
  const found = await client.request<lsp.SymbolInformation[]>('workspace/symbol', { query: 'my.nodes.W' });
  assert.ok(found.some((s) => s.name === 'my.nodes.Worker' && s.location.uri === types.uri), JSON.stringify(found));
});

test('folds mappings and comments, and expands selections through the YAML structure', async ({ client }) => {
  const folds = await client.request<lsp.FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: app.uri } });
  assert.ok(folds.some((f) => f.startLine === 0 && f.endLine === 1 && f.kind === 'comment'));
  const nodeTemplates = lineOf(app, 'node_templates:');
  assert.ok(folds.some((f) => f.startLine === nodeTemplates && f.endLine === lineOf(app, 'create:')));
  const [sel] = await client.request<lsp.SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri: app.uri }, positions: [app.at(2)] });
  const line = lineOf(app, 'image: nginx');
  assert.equal(sel!.range, { start: { line, character: 8 }, end: { line, character: 13 } });
  assert.equal(sel!.parent!.range, { start: { line, character: 8 }, end: { line, character: 25 } });
});

test('validates every ADT in the workspace on command', async ({ client }) => {
  const result = await client.request<{ files: number; errors: number }>('workspace/executeCommand', { command: 'adt.validateWorkspace', arguments: [pathToFileURL(join(lspFixtures, 'imports')).href] });
  assert.equal(result, { files: 2, errors: 0, warnings: 0 });
});

test('re-checks importers when an imported file changes', async ({ client }) => {
  const line = lineOf(types, 'my.nodes.Worker:');
  client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: types.uri, version: 2 }, contentChanges: [{ range: { start: { line, character: 11 }, end: { line, character: 17 } }, text: 'Pool' }] });
  const p = await client.published(main.uri, (x) => x.diagnostics.length > 0);
  assert.equal(p.diagnostics.map((d) => d.code), ['ADT3001', 'ADT3001']);
});

test.run();

const pull = suite('lsp pull diagnostics and document selection');

pull('answers pull requests, and ignores YAML that is not TOSCA', async () => {
  const client = await Client.start({ textDocument: { diagnostic: { dynamicRegistration: false } } });
  try {
    client.open({ uri: 'file:///tmp/not-tosca.yaml', text: 'key: [unclosed\n' });
    client.open(problems);
    const report = await client.request<lsp.FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: problems.uri } });
    assert.is(report.kind, 'full');
    assert.equal(report.items.map((d) => d.code), ['ADT3001', 'ADT4002', 'ADT4540']);
    const plain = await client.request<lsp.FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: 'file:///tmp/not-tosca.yaml' } });
    assert.equal(plain.items, []);
    assert.is(client.diagnostics.size, 0, 'a pull client gets no pushed diagnostics');
  } finally {
    await client.stop();
  }
});

pull('answers "unchanged" while an edit leaves the problems as they were, and the full list when they change', async () => {
  const client = await Client.start({ textDocument: { diagnostic: { dynamicRegistration: false } } });
  const ask = (previousResultId?: string) => client.request<lsp.DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: problems.uri }, previousResultId });
  const edit = (version: number, text: string) =>
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: problems.uri, version }, contentChanges: [{ text }] });
  try {
    client.open(problems);
    const first = (await ask()) as lsp.FullDocumentDiagnosticReport;
    assert.is(first.kind, 'full');
    assert.ok(first.resultId, 'a full report carries a result id');
    assert.equal(await ask(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // A comment at the end changes the text, not the problems.
    edit(2, `${problems.text}# scaled by adtc\n`);
    assert.equal(await ask(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // A client that lost its copy (no previous id) gets the full list again, under the same id.
    const again = (await ask()) as lsp.FullDocumentDiagnosticReport;
    assert.equal([again.kind, again.resultId, again.items.map((d) => d.code)], ['full', first.resultId, ['ADT3001', 'ADT4002', 'ADT4540']]);
    // Fixing the type's name removes a problem: the full list, under a new id.
    edit(3, problems.text.replace('Deploymnt', 'Deployment'));
    const fixed = (await ask(first.resultId)) as lsp.FullDocumentDiagnosticReport;
    assert.is(fixed.kind, 'full');
    assert.is.not(fixed.resultId, first.resultId);
    assert.equal(fixed.items.map((d) => d.code), ['ADT4002', 'ADT4540'], 'the unknown type (ADT3001) is gone');
    // A line inserted above the problem moves it: its range changed, so the list is sent again.
    edit(4, `# header\n${problems.text.replace('Deploymnt', 'Deployment')}`);
    const moved = (await ask(fixed.resultId)) as lsp.FullDocumentDiagnosticReport;
    assert.is(moved.kind, 'full');
    assert.is(moved.items[0]!.range.start.line, fixed.items[0]!.range.start.line + 1);
  } finally {
    await client.stop();
  }
});

pull('an opened document is analysed at once, not held back as if it were a burst of typing', async () => {
  // The longest debounce there is: a document taken for a burst would wait 5 s before its first diagnostics.
  const client = await Client.start({}, { debounceMs: 5000 });
  try {
    client.open(app);
    await client.published(app.uri);
    const opened = performance.now();
    client.open(problems);
    await client.published(problems.uri);
    const waited = performance.now() - opened;
    assert.ok(waited < 5000, `the diagnostics of an opened document came ${Math.round(waited)} ms later: it was debounced`);
  } finally {
    await client.stop();
  }
});

pull.run();

const rules = marked('rules.yaml');
const extract = marked('rules-extract.yaml');
const rulesTest = suite<{ client: Client }>('lsp scaling rules', { client: undefined as unknown as Client });

rulesTest.before(async (ctx) => {
  ctx.client = await Client.start();
  for (const doc of [rules, extract]) ctx.client.open(doc);
  for (const doc of [rules, extract]) await ctx.client.published(doc.uri);
});
rulesTest.after(async (ctx) => ctx.client.stop());

const details = (r: lsp.CompletionList | null) => new Map((r?.items ?? []).map((i) => [i.label, i.detail]));

rulesTest('completes the names in scope of a rule with their types, and methods after a dot', async ({ client }) => {
  const names = details(await client.request<lsp.CompletionList>('textDocument/completion', pos(rules, 3)));
  assert.is(names.get('CPU'), 'query: float | None');
  assert.is(names.get('HIGH'), 'constant: int = 60');
  assert.is(names.get('overload'), 'alert: bool');
  assert.is(names.get('m_container_count'), 'MiCADO input: int');
  assert.is(names.get('load'), 'rule variable: float | None');
  assert.ok(names.has('max') && names.has('pi') && names.has('time') && names.has('if'));
  assert.not.ok(names.has('m_nodes_todrop'), 'a container policy has no m_nodes_todrop');
  const blank = labels(await client.request<lsp.CompletionList>('textDocument/completion', pos(rules, 7)));
  assert.ok(blank.includes('m_container_count') && blank.includes('HIGH'));
  const methods = labels(await client.request<lsp.CompletionList>('textDocument/completion', pos(rules, 9)));
  assert.ok(methods.includes('upper') && methods.includes('split'));
  assert.not.ok(methods.includes('append'));
});

rulesTest('hovers rule variables, constants, queries, m_* inputs and builtins', async ({ client }) => {
  const hover = async (n: number) => (await client.request<lsp.Hover>('textDocument/hover', pos(rules, n))).contents as lsp.MarkupContent;
  assert.match((await hover(4)).value, /\*\*HIGH\*\* \(constant\): `int`[\s\S]*Value: `60`[\s\S]*scale-web/);
  assert.match((await hover(3)).value, /\*\*CPU\*\* \(query\)[\s\S]*avg\(rate/);
  assert.match((await hover(5)).value, /\*\*m_container_count\*\* \(MiCADO input, container policy\): `int`[\s\S]*replicas/);
  assert.match((await hover(6)).value, /\*\*load\*\* \(rule variable\): `float \| None`/);
  const builtin = await client.request<lsp.Hover>('textDocument/hover', { textDocument: { uri: rules.uri }, position: { ...rules.at(5), character: rules.at(5).character - 2 } });
  assert.match((builtin.contents as lsp.MarkupContent).value, /max\(iterable_or_a, \*more/);
});

rulesTest('helps with the signature of the call being written', async ({ client }) => {
  const help = await client.request<lsp.SignatureHelp>('textDocument/signatureHelp', pos(rules, 6));
  assert.is(help.signatures[0]!.label, 'round(a, decimals=0)');
  assert.is(help.activeParameter, 0);
  const max = await client.request<lsp.SignatureHelp>('textDocument/signatureHelp', pos(rules, 5));
  assert.match(max.signatures[0]!.label, /^max\(/);
});

rulesTest('highlights rules with semantic tokens by what each name is', async ({ client }) => {
  const tokens = await client.request<lsp.SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: rules.uri } });
  const types = ['keyword', 'variable', 'parameter', 'property', 'function', 'method', 'namespace', 'number', 'string', 'comment', 'event'];
  const lines = rules.text.split('\n');
  const decoded: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, length, type, mods] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    character = dl === 0 ? character + dc : dc;
    decoded.push(`${lines[line]!.slice(character, character + length)}:${types[type]}${mods ? `:${mods}` : ''}`);
  }
  for (const expected of ['load:variable:1', 'CPU:parameter:2', "'web':string", 'upper:method', 'if:keyword', 'HIGH:variable:2', 'max:function:4', 'm_container_count:parameter:4', '1:number', 'overload:event']) {
    assert.ok(decoded.includes(expected), `${expected} in ${decoded.join(' ')}`);
  }
});

rulesTest('navigates, highlights and renames constants with their {{…}} uses, and rule variables', async ({ client }) => {
  const def = await client.request<lsp.Location>('textDocument/definition', pos(rules, 4));
  assert.equal(def.range.start, rules.at(1));
  const refs = await client.request<lsp.Location[]>('textDocument/references', { ...pos(rules, 1), context: { includeDeclaration: true } });
  assert.equal(refs.map((r) => r.range.start), [rules.at(1), rules.at(2), rules.at(4)]);
  const edit = await client.request<lsp.WorkspaceEdit>('textDocument/rename', { ...pos(rules, 2), newName: 'PEAK' });
  assert.equal(edit.changes![rules.uri]!.map((e) => [e.range.start, e.newText]), [[rules.at(1), 'PEAK'], [rules.at(2), 'PEAK'], [rules.at(4), 'PEAK']]);
  const load = await client.request<lsp.DocumentHighlight[]>('textDocument/documentHighlight', pos(rules, 6));
  assert.equal(load.map((h) => [h.range.start.line, h.kind]), [[lineOf(rules, 'load = CPU'), 3], [lineOf(rules, 'if load is'), 2], [lineOf(rules, 'if load is'), 2], [lineOf(rules, 'round(load'), 2]]);
  await client.request('textDocument/rename', { ...pos(rules, 6), newName: '2x' }).then(
    () => assert.unreachable('an invalid Python name is refused'),
    (e: Error) => assert.match(e.message, /not a valid name in a scaling rule/),
  );
});

rulesTest('offers the rule diagnostics’ fixes: Python 2 print, did-you-mean names', async ({ client }) => {
  const at = (n: number) => ({ textDocument: { uri: rules.uri }, range: { start: rules.at(n), end: rules.at(n) }, context: { diagnostics: [] } });
  const print = await client.request<lsp.CodeAction[]>('textDocument/codeAction', at(8));
  const fix = print.find((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'ADT5110')!;
  assert.is(applyEdits(rules.text, fix.edit!.changes![rules.uri]!).split('\n')[lineOf(rules, 'print "hi"')]!.trim(), 'print("hi")');
  const name = await client.request<lsp.CodeAction[]>('textDocument/codeAction', at(10));
  assert.ok(name.some((a) => a.kind === 'quickfix' && JSON.stringify(a.edit).includes('"newText":"len"')), JSON.stringify(name));
});

rulesTest('extracts a repeated rule into a new policy type', async ({ client }) => {
  const actions = await client.request<lsp.CodeAction[]>('textDocument/codeAction', { textDocument: { uri: extract.uri }, range: { start: extract.at(1), end: extract.at(1) }, context: { diagnostics: [] } });
  const refactor = actions.find((a) => a.kind === 'refactor.extract')!;
  assert.match(refactor.title, /Extract policy type 'tosca\.policies\.Scaling\.MiCADO\.SharedRule' for the rule of 2 policies/);
  const result = applyEdits(extract.text, refactor.edit!.changes![extract.uri]!);
  assert.match(result, /policy_types:\n  tosca\.policies\.Scaling\.MiCADO\.SharedRule:\n    derived_from: tosca\.policies\.Scaling\.MiCADO\n    properties:\n      scaling_rule:\n        type: string\n        default: \|\n          if m_container_count < 3:\n            m_container_count \+= 1\n/);
  assert.not.match(result, /scaling_rule: \|/);
  assert.is(result.match(/type: tosca\.policies\.Scaling\.MiCADO\.SharedRule/g)?.length, 2);
  // The refactored document is still a valid ADT.
  const path = join(lspFixtures, 'rules-extracted.yaml');
  const uri = pathToFileURL(path).href;
  client.open({ uri, text: result });
  const p = await client.published(uri);
  assert.equal(p.diagnostics, []);
});

rulesTest('shows the compiled plan and manifests, or the diagnostics when the ADT does not compile', async ({ client }) => {
  const ok = await client.request<{ plan: string; manifests: string }>('adt/compilePreview', { uri: extract.uri });
  assert.match(ok.plan, /"app"/);
  assert.match(ok.manifests, /^---\n[\s\S]*kind: Deployment/);
  const failed = await client.request<{ diagnostics: { uri: string; diagnostic: lsp.Diagnostic }[] }>('adt/compilePreview', { uri: rules.uri });
  assert.ok(failed.diagnostics.some((d) => d.diagnostic.code === 'ADT5110' && d.uri === rules.uri));
  assert.is(await client.request('adt/compilePreview', { uri: 'file:///nowhere.yaml' }), null);
});

function applyEdits(text: string, edits: readonly lsp.TextEdit[]): string {
  const offset = (p: lsp.Position) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

rulesTest.run();
