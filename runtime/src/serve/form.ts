/**
 * The form fields of a submitter request, as curl sends them: `-F` (multipart/form-data, a file as `file=@adt.yaml`)
 * or `-d` (application/x-www-form-urlencoded). The body is read up to a limit and refused beyond it, so an upload
 * can never fill the server's memory, and within a time limit, so a slow or endless one cannot hold a connection.
 */
import type { IncomingMessage } from 'node:http';
import { stringify } from 'yaml';

export interface FormField {
  readonly value: string;
  /** The uploaded file's name, for file parts. */
  readonly filename?: string;
}

export type Form = ReadonlyMap<string, FormField>;

export class TooLarge extends Error {}
export class BadForm extends Error {}
/** The body did not arrive in time (a slow or endless upload holding a connection). */
export class TooSlow extends Error {}

/** How long a request body may take to arrive, unless the server is told otherwise. */
export const DEFAULT_BODY_TIMEOUT_MS = 60_000;

async function readBody(request: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new TooLarge(`the request is ${declared} bytes; at most ${limit} are accepted`);
  const chunks: Buffer[] = [];
  let size = 0;
  const reading = (async () => {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new TooLarge(`the request exceeds ${limit} bytes`);
      chunks.push(chunk as Buffer);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TooSlow(`the request body did not arrive within ${timeoutMs / 1000} s (${size} bytes came)`)), timeoutMs);
  });
  // The answer closes the connection (the caller sets connection: close), which ends the read left behind.
  reading.catch(() => undefined);
  try {
    await Promise.race([reading, late]);
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

function multipart(body: Buffer, boundary: string): Map<string, FormField> {
  const fields = new Map<string, FormField>();
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) throw new BadForm('the multipart body has no part');
  for (;;) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new BadForm('the multipart body ends without its closing boundary');
    // A part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw new BadForm('a multipart part has no header end');
    const headers = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) fields.set(name, { value: part.subarray(split + 4).toString('utf8'), ...(filename !== undefined ? { filename } : {}) });
    at = next;
  }
  return fields;
}

/** The request's fields; an empty form for a request without a body. */
export async function readForm(request: IncomingMessage, limit: number, timeoutMs = DEFAULT_BODY_TIMEOUT_MS): Promise<Form> {
  const body = await readBody(request, limit, timeoutMs);
  const type = request.headers['content-type'] ?? '';
  if (body.length === 0) return new Map();
  if (/^multipart\/form-data/i.test(type)) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    if (!boundary) throw new BadForm('multipart/form-data without a boundary');
    return multipart(body, boundary[1] ?? boundary[2]!);
  }
  if (/^application\/x-www-form-urlencoded/i.test(type) || type === '') {
    return new Map([...new URLSearchParams(body.toString('utf8'))].map(([k, v]) => [k, { value: v }]));
  }
  if (/^application\/json/i.test(type)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new BadForm(`the JSON body does not parse: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadForm('the JSON body must be an object, e.g. {"adt": {...}, "dryrun": false}');
    // An ADT given as an object (MiCADO v2.0's `adt`) is turned back into YAML text, multi-line strings (scaling
    // rules) as literal blocks, since a folded block would join a rule's lines; other fields keep their text.
    return new Map(Object.entries(parsed).map(([k, v]) => [k, { value: typeof v === 'string' ? v : k === 'adt' ? stringify(v, { blockQuote: 'literal' }) : JSON.stringify(v) }]));
  }
  throw new BadForm(`send the fields as multipart/form-data (curl -F) or application/x-www-form-urlencoded (curl -d), not ${type}`);
}
