/**
 * The dashboard's own files under /dashboard/assets/: its stylesheet and its browser scripts (runtime/client,
 * compiled beside this module into client/, so they ship in the npm package with the runtime). Only these
 * names are served; nothing is fetched from another site, so the pages work without internet access.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DASHBOARD_BASE } from './dashboard-page.js';

const STYLESHEET = `body{font:15px/1.45 system-ui,sans-serif;margin:0 1.5rem 2rem;max-width:76rem;color:#111;background:#fff}
nav{padding:.6rem 0;border-bottom:1px solid #ccc;margin-bottom:.6rem}nav a{margin-right:1.2rem}
a{color:#0b4f9c}a:focus,button:focus,input:focus,textarea:focus,summary:focus{outline:3px solid #f3a712;outline-offset:1px}
h1 small,h2 small{font-weight:normal;color:#555}
table{border-collapse:collapse;margin:.6rem 0}caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border:1px solid #bbb;padding:.2rem .6rem;text-align:left;vertical-align:top;white-space:pre-wrap;word-break:break-word}
table.data td,table.data th{font-variant-numeric:tabular-nums}
section{border-top:2px solid #ddd;padding-top:.3rem;margin-top:.8rem}
button{font:inherit;padding:.25rem .9rem;cursor:pointer}button[data-undeploy]{color:#8a0015}
.actions a{margin-right:1rem}.help,.note{color:#444;font-size:.9em}.note{border-left:4px solid #f3a712;padding-left:.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0;flex:1 1 30rem;max-width:46rem}
svg.chart{width:100%;height:auto;border:1px solid #ddd;background:#fcfcfc}
svg.chart text{font-size:11px;fill:#333}svg.chart .grid{stroke:#e3e3e3}
ul.legend{display:inline;list-style:none;padding:0}ul.legend li{display:inline;margin-left:.8rem}
.swatch[data-colour="0"]{color:#1f5fa8}.swatch[data-colour="1"]{color:#b8541a}.swatch[data-colour="2"]{color:#2d7d46}.swatch[data-colour="3"]{color:#7a3d9a}.swatch[data-colour="4"]{color:#8a6d00}
label.block{display:block;font-weight:600;margin-top:.6rem}
.editor{display:flex;border:1px solid #888;max-height:36rem;overflow:hidden;font:13px/1.5 ui-monospace,monospace}
.gutter{margin:0;padding:.3rem .4rem;text-align:right;color:#777;background:#f2f2f2;user-select:none;overflow:hidden;min-width:3ch;font:inherit}
.gutter span{display:block}.gutter .error{background:#f8d4d8;color:#8a0015;font-weight:700}.gutter .warning{background:#fbecc8;color:#6b4f00;font-weight:700}
.gutter .information,.gutter .hint{background:#dce9f8}.gutter .current{outline:2px solid #0b4f9c}
textarea#adt{flex:1;border:0;margin:0;padding:.3rem .5rem;resize:vertical;font:inherit;white-space:pre;overflow:auto;tab-size:2}
ol#diagnostics button{font:inherit;text-align:left;background:none;border:0;padding:.1rem 0;color:#0b4f9c;text-decoration:underline;cursor:pointer}
.severity-error{color:#8a0015;font-weight:700}.severity-warning{color:#6b4f00;font-weight:700}
#operation ol,[data-progress-for] ol{font:12px/1.4 ui-monospace,monospace;background:#f6f6f6;padding:.4rem 2rem;max-height:16rem;overflow:auto}
`;

/** Script name → its compiled file beside this module. */
const SCRIPTS = new Set(['api.js', 'editor.js', 'live.js']);
const cache = new Map<string, Buffer>();

export async function serveAsset(request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> {
  const name = path.slice(`${DASHBOARD_BASE}/assets/`.length);
  if (!path.startsWith(`${DASHBOARD_BASE}/assets/`) || request.method !== 'GET') return false;
  const headers = { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  if (name === 'dashboard.css') {
    response.writeHead(200, { ...headers, 'content-type': 'text/css; charset=utf-8' });
    response.end(STYLESHEET);
    return true;
  }
  if (!SCRIPTS.has(name)) return false;
  let body = cache.get(name);
  if (body === undefined) cache.set(name, (body = await readFile(new URL(`./client/${name}`, import.meta.url))));
  response.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
  response.end(body);
  return true;
}
