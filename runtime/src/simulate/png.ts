/**
 * PNG output: the chart's SVG rasterised by resvg (a Rust renderer shipped as a prebuilt binary inside its
 * npm package) with DejaVu Sans from the dejavu-fonts-ttf package, so the picture is the same on every
 * machine and needs no system library or font. Loaded only when PNG is asked for.
 */
import { createRequire } from 'node:module';

export async function svgToPng(svg: string): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const font = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  const { Resvg } = (await import('@resvg/resvg-js')) as typeof import('@resvg/resvg-js');
  // Twice the SVG's size, so text stays sharp on high-density screens and in documents.
  const image = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [font], defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }, fitTo: { mode: 'zoom', value: 2 }, background: 'white' }).render();
  return image.asPng();
}
