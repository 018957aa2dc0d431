/**
 * Grammar benchmark (not a test; run `npm run build && node dist/test/bench/grammar-bench.js`).
 * Prints the parser's construction time, then lex + layout + parse + AST +
 * dialect time per rule for a typical 15-line rule and for every corpus rule
 * (median, p95). Spec §7 targets about 0.3 ms for the 15-line rule.
 * It also exports the corpus extraction the corpus test uses.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { parse } from 'yaml';
import { corpusRoot } from '../harness/paths.js';

export interface CorpusRule {
  readonly file: string;
  readonly where: string;
  readonly text: string;
}

/**
 * The scaling-rule texts of the shared corpus: `scaling_rule` properties of
 * policy templates and `scaling_rule` defaults of policy type properties, with
 * `{{ NAME }}` placeholders replaced by 0. Files that are not YAML are skipped.
 */
export function corpusRules(): CorpusRule[] {
  const out: CorpusRule[] = [];
  for (const file of globSync(['**/*.yaml', '**/*.yml'], { cwd: corpusRoot, absolute: true }).sort()) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(file, 'utf8'), { uniqueKeys: false, logLevel: 'silent', maxAliasCount: -1 });
    } catch {
      continue;
    }
    collect(doc, file.slice(corpusRoot.length + 1), '', out);
  }
  return out;
}

function collect(node: unknown, file: string, path: string, out: CorpusRule[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => collect(item, file, `${path}[${i}]`, out));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    const here = path ? `${path}.${key}` : key;
    if (key === 'scaling_rule') {
      // A policy template's property, or a policy type's property definition with a default.
      const text = typeof value === 'string' ? value : value && typeof value === 'object' && typeof (value as { default?: unknown }).default === 'string' ? (value as { default: string }).default : undefined;
      if (text !== undefined) out.push({ file, where: here, text: text.replace(/\{\{\s*\w+\s*\}\}/g, '0') });
      continue;
    }
    collect(value, file, here, out);
  }
}

/** A typical rule: queries, thresholds, nested ifs, a print. */
const TYPICAL = `# scale the workers on CPU load
if len(m_nodes) <= m_node_count and m_time_since_node_count_changed > 60:
  if CPU_LOAD > UPPER_THRESHOLD and m_node_count < MAX_NODES:
    m_node_count += 1
    print("scaling up: cpu=%.2f" % CPU_LOAD)
  elif CPU_LOAD < LOWER_THRESHOLD and m_node_count > MIN_NODES:
    m_node_count -= 1
    print("scaling down: cpu=" + str(CPU_LOAD))
  else:
    pass
else:
  print('Transient phase, skipping update of nodes...')
ratio = CPU_LOAD / max(1, m_node_count)
targets = [ratio * 2, ceil(ratio), {'a': 1}[key] if key else 0]
m_container_count = int(min(max(targets[0], 1), 10))
`;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const { parseRule } = await import('../../grammar/src/index.js');
  const loaded = performance.now();
  parseRule('x = 1\n');
  const built = performance.now();
  console.log(`module load ${(loaded - t0).toFixed(1)} ms; parser construction (first parse) ${(built - loaded).toFixed(1)} ms`);

  for (let i = 0; i < 2000; i++) parseRule(TYPICAL);
  const runs = 5000;
  const start = performance.now();
  for (let i = 0; i < runs; i++) parseRule(TYPICAL);
  console.log(`typical ${TYPICAL.split('\n').length - 1}-line rule: ${(((performance.now() - start) / runs) * 1000).toFixed(0)} µs per parse`);

  const rules = corpusRules();
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const rule of rules) {
      const s = performance.now();
      parseRule(rule.text);
      if (round > 4) times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  console.log(`corpus: ${rules.length} rules, median ${(percentile(times, 0.5) * 1000).toFixed(0)} µs, p95 ${(percentile(times, 0.95) * 1000).toFixed(0)} µs`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
