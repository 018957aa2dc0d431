/**
 * Language-server latency through a real JSON-RPC client over stdio (not a
 * test; `npm run bench`): didChange → publishDiagnostics on a 200-line ADT and
 * on a generated 16k-line ADT, completion, and the server's memory after
 * opening every ADT of the shared corpus. Edits are spaced so each is an
 * isolated edit (analysed at once); a burst of typing is debounced instead.
 * `--cpu-prof DIR` runs the server under Node's CPU profiler, writing its
 * profile into DIR when it exits (open it in Chrome DevTools).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { adt } from './generated-adt.js';

const root = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const corpus = resolve(root, '../shared/corpus');
const ITERATIONS = 30;

const profileAt = process.argv.indexOf('--cpu-prof');
const profiler = profileAt >= 0 ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.argv[profileAt + 1] ?? '.')}`] : [];
const child = spawn(process.execPath, [...profiler, join(root, 'bin/adtc.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map<string, { version: number; resolve: () => void }>();
let published = 0;
connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
  published++;
  const w = waiting.get(p.uri);
  if (w && p.version === w.version) {
    waiting.delete(p.uri);
    w.resolve();
  }
});
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
await connection.sendNotification('initialized', {});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const diagnosed = (uri: string, version: number) => new Promise<void>((resolve) => waiting.set(uri, { version, resolve }));

/**
 * The server's CPU time so far in ms (user + system, from /proc; undefined elsewhere). On a shared machine the
 * latency of an edit includes waiting for a core; the CPU time the server spent on it does not.
 */
function serverCpuMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

interface EditTimes {
  readonly latencies: number[];
  /** Mean server CPU time per edit, in ms. */
  readonly cpu: number | undefined;
}

/**
 * Opens `text`, then edits the first `max_instances:` value `ITERATIONS` times, timing each edit until its
 * diagnostics arrive: `replace` flips its digit between 5 and 6 (the length stays), `type` types a 0 after it and
 * deletes it again (everything after the edit moves).
 */
async function changeLatency(name: string, text: string, edit: 'replace' | 'type' = 'replace'): Promise<EditTimes> {
  const uri = pathToFileURL(join(root, 'examples', name)).href;
  let version = 1;
  const first = diagnosed(uri, version);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  await first;
  const at = text.indexOf('max_instances: ') + 'max_instances: '.length;
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1);
  const times: number[] = [];
  const cpuBefore = serverCpuMs();
  for (let i = 0; i < ITERATIONS; i++) {
    await sleep(200);
    version++;
    const done = diagnosed(uri, version);
    const t0 = performance.now();
    const change =
      edit === 'replace'
        ? { range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(5 + (i % 2)) }
        : i % 2 === 0
          ? { range: { start: { line, character: character + 1 }, end: { line, character: character + 1 } }, text: '0' }
          : { range: { start: { line, character: character + 1 }, end: { line, character: character + 2 } }, text: '' };
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await done;
    times.push(performance.now() - t0);
  }
  const cpuAfter = serverCpuMs();
  return { latencies: times, cpu: cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / ITERATIONS : undefined };
}

const report = (label: string, times: number[], target: number, cpu?: number) => {
  const m = median(times);
  const cpuNote = cpu !== undefined ? `  server CPU ${cpu.toFixed(0).padStart(4)} ms/edit` : '';
  console.log(`${label.padEnd(46)} median ${m.toFixed(1).padStart(7)} ms  p90 ${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)]!.toFixed(1).padStart(7)} ms  (target ≤ ${target} ms)${cpuNote}`);
};
const reportEdits = (label: string, edits: EditTimes, target: number) => report(label, edits.latencies, target, edits.cpu);

const small = adt(8);
const large = adt(670);
console.log(`lsp bench: ${ITERATIONS} isolated edits each, server over stdio`);
reportEdits(`didChange → diagnostics, ${small.split('\n').length}-line ADT`, await changeLatency('bench-small.yaml', small), 20);
reportEdits(`didChange → diagnostics, ${large.split('\n').length}-line ADT`, await changeLatency('bench-large.yaml', large), 100);
reportEdits(`  typing (the text after the edit moves)`, await changeLatency('bench-large-typing.yaml', large, 'type'), 100);

// Completion of the properties of a node type, in the 200-line ADT.
const smallUri = pathToFileURL(join(root, 'examples', 'bench-small.yaml')).href;
const propLine = small.split('\n').findIndex((l) => l === '        image: nginx:1.25');
const completionTimes: number[] = [];
for (let i = 0; i < ITERATIONS; i++) {
  const t0 = performance.now();
  await connection.sendRequest('textDocument/completion', { textDocument: { uri: smallUri }, position: { line: propLine, character: 8 } });
  completionTimes.push(performance.now() - t0);
}
report('completion (node type properties)', completionTimes, 50);

// Memory after opening every ADT of the corpus.
function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}
const adts = yamlFiles(corpus).filter((f) => /^tosca_definitions_version\s*:/m.test(readFileSync(f, 'utf8')));
const before = published;
const t0 = performance.now();
for (const file of adts) {
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(file).href, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
}
while (published - before < adts.length) await sleep(50);
const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
console.log(`opened the corpus: ${adts.length} TOSCA files analysed in ${((performance.now() - t0) / 1000).toFixed(1)} s; server resident memory ${rss ? (Number(rss) / 1024).toFixed(0) : '?'} MiB`);

await connection.sendRequest('shutdown');
const exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
await connection.sendNotification('exit');
// The profiler writes its file as the server exits.
await exited;
connection.dispose();
