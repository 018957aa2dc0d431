import { readFileSync } from 'node:fs';

/** The version in the package's package.json (dist/compiler/src/cli → repository root). */
export const toolVersion: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
