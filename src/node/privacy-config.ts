// IO edge: reads content/privacy.yaml into a PrivacyPolicy, rejecting what it cannot honour (an unknown
// kind would silently publish what the owner meant to hide).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { DEFAULT_PRIVACY, type PrivacyPolicy } from '../ingest/privacy.ts';
import { PII_KINDS, type PiiKind } from '../text/redact.ts';

export function readPrivacy(dir: string): PrivacyPolicy {
  const file = join(dir, 'privacy.yaml');
  if (!existsSync(file)) return DEFAULT_PRIVACY;
  const doc = (yaml.load(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  const list = (key: string): string[] | undefined => {
    const v = doc[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw new Error(`${file}: "${key}" must be a list`);
    return v.map((x) => String(x));
  };
  const kinds = list('kinds') ?? [...PII_KINDS];
  for (const k of kinds) if (!PII_KINDS.includes(k as PiiKind)) throw new Error(`${file}: unknown kind "${k}" (known: ${PII_KINDS.join(', ')})`);
  return { kinds: kinds as PiiKind[], allow: list('allow') ?? [], optOut: list('optOut') ?? [] };
}
