/**
 * Finding a policy's compiled rule. The runtime runs only modules whose hash matches the plan's record
 * (rule-language 6.1, "the runtime refuses code without a verification record"); a plan that still carries
 * the rule's text is reported as not compiled and never evaluated some other way. The file is read once: the
 * bytes hashed are the bytes evaluated, so a module swapped on disk after the check never runs.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { ScalingPolicy } from '../plan/plan-types.js';
import type { VerifiedRule } from './rule-runner.js';

/** A module that passed the check: its bytes are what runs (read once, hashed, sent to the rule process). */
export type RuleModule =
  | { readonly ok: true; readonly path: string; readonly rule: VerifiedRule; readonly exactUserdata: boolean }
  | { readonly ok: false; readonly message: string };

/** Modules of format 2 and later return m_userdata as exact text; older ones only as plain data. */
const EXACT_USERDATA = /^\/\/ adtc scaling-rule module, format ([2-9]|\d{2,})\./;

export async function ruleModuleOf(planDir: string, policy: ScalingPolicy): Promise<RuleModule> {
  const { module, sha256 } = policy.rule;
  if (module === undefined || sha256 === undefined) {
    return { ok: false, message: `the rule of policy ${policy.name} is not compiled (the plan holds only its source); recompile with an adtc that compiles scaling rules` };
  }
  const path = resolve(planDir, module);
  const inside = relative(resolve(planDir), path);
  if (inside.startsWith('..') || isAbsolute(inside)) return { ok: false, message: `rule module ${module} lies outside the plan directory` };
  let text: Buffer;
  try {
    text = await readFile(path);
  } catch (error) {
    return { ok: false, message: `cannot read rule module ${module}: ${(error as Error).message}` };
  }
  const actual = createHash('sha256').update(text).digest('hex');
  if (actual !== sha256) return { ok: false, message: `rule module ${module} does not match the plan's hash (expected ${sha256.slice(0, 12)}…, found ${actual.slice(0, 12)}…); refusing to run it` };
  return { ok: true, path, rule: { name: module, source: text, sha256 }, exactUserdata: EXACT_USERDATA.test(text.subarray(0, 64).toString('utf8')) };
}
