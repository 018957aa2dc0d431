import { globSync } from 'tinyglobby';
import { validate } from '/work/wt-rules/dist/compiler/src/pipeline.js';
import { fileSystemHost } from '/work/wt-rules/dist/compiler/src/host.js';
const root = '/work/shared/corpus';
const want = process.argv[2]; let n = 0;
for (const f of globSync(['**/*.yaml','**/*.yml'], { cwd: root, absolute: true }).sort()) {
  const r = validate(f, fileSystemHost);
  const text = r.files.get(f)?.text ?? '';
  for (const d of r.diagnostics) if (d.code === want && n++ < Number(process.argv[3] ?? 4)) {
    const lc = r.files.get(d.span.uri).lines.positionAt(d.span.start);
    console.log(`${f.slice(root.length+1)}:${lc.line+1}:${lc.character+1} '${r.files.get(d.span.uri).text.slice(d.span.start,d.span.end).slice(0,50)}' ${d.message.slice(0,250)}`);
  }
}
