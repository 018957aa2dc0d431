import type { YNode } from '../read/yaml-tree.js';

/** A value as a message shows it: "the string 'http'", "the integer 3", "a list". */
export function describeValue(n: YNode): string {
  if (n.kind === 'map') return 'a mapping';
  if (n.kind === 'seq') return 'a list';
  const text = shorten(n.source.trim() || String(n.value));
  switch (n.type) {
    case 'null':
      return 'null';
    case 'bool':
      return `the boolean ${text}`;
    case 'int':
      return `the integer ${text}`;
    case 'float':
      return `the float ${text}`;
    case 'timestamp':
      return `the timestamp ${text}`;
    case 'str':
      return `the string '${shorten(String(n.value))}'`;
  }
}

function shorten(s: string): string {
  const oneLine = s.replace(/\s*\n\s*/g, ' ');
  return oneLine.length > 40 ? oneLine.slice(0, 37) + '…' : oneLine;
}
