/**
 * Each policy's last decision record from an app's decision log (already redacted when written), for the
 * dashboard. Only the log's tail is read, so a page stays cheap however long the app has run.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';

export interface DecisionRecord {
  readonly ts: string;
  readonly policy: string;
  readonly action: string;
  readonly inputs?: unknown;
  readonly outputs?: unknown;
  readonly printed?: string;
  readonly error?: string;
}

const TAIL_BYTES = 512 * 1024;

export async function lastDecisions(stateDir: string, appId: string): Promise<Map<string, DecisionRecord>> {
  const last = new Map<string, DecisionRecord>();
  let text: string;
  try {
    const file = await open(join(stateDir, appId, 'decisions.jsonl'), 'r');
    try {
      const { size } = await file.stat();
      const start = Math.max(0, size - TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      await file.read(buffer, 0, buffer.length, start);
      text = buffer.toString('utf8');
      // A tail that starts mid-record drops that first, partial line.
      if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    } finally {
      await file.close();
    }
  } catch {
    return last;
  }
  for (const line of text.split('\n')) {
    if (!line.includes('"decision"')) continue;
    try {
      const record = JSON.parse(line) as Record<string, unknown>;
      if (record['type'] === 'decision' && typeof record['policy'] === 'string') last.set(record['policy'], record as unknown as DecisionRecord);
    } catch {
      // A line cut by a crash mid-write: the records around it still count.
    }
  }
  return last;
}
