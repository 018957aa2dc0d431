/**
 * Reading a plan: parse, refuse a format version this runtime does not know
 * (before anything else, so a newer plan gets a clear message rather than a list
 * of schema errors), then validate against the schema. Never throws.
 */
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { PLAN_FORMAT_VERSION, type Plan } from './plan-types.js';
import { planSchema } from './plan-schema.js';

export type LoadResult = { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly errors: readonly string[] };

let compiled: ValidateFunction | undefined;

/** The schema's validator, compiled once per process. */
export function planValidator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(planSchema);
  return compiled;
}

export function parsePlan(text: string): LoadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`plan.json is not JSON: ${(error as Error).message}`] };
  }
  return checkPlan(data);
}

export function checkPlan(data: unknown): LoadResult {
  const version = typeof data === 'object' && data !== null ? (data as { formatVersion?: unknown }).formatVersion : undefined;
  if (version !== PLAN_FORMAT_VERSION) {
    return { ok: false, errors: [`plan format version ${JSON.stringify(version)} is not supported; this runtime reads version ${PLAN_FORMAT_VERSION}. Recompile the ADT with a matching adtc.`] };
  }
  const validate = planValidator();
  if (validate(data)) return { ok: true, plan: data as Plan };
  return { ok: false, errors: (validate.errors ?? []).map(describeError) };
}

export async function loadPlan(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`cannot read ${file}: ${(error as Error).message}`] };
  }
  return parsePlan(text);
}

function describeError(e: ErrorObject): string {
  const where = e.instancePath || '/';
  const extra = e.keyword === 'additionalProperties' ? ` ('${String((e.params as { additionalProperty?: unknown }).additionalProperty)}')` : '';
  return `${where}: ${e.message ?? e.keyword}${extra}`;
}
