/**
 * Chinese first, checked over the sources: every message written with `say(zh, en)`, a check's `z.bilingual(zh, en)`,
 * a custom issue's `z.customIssue(zh, en)` or a schema's `refuse(zh, en)` has Chinese in its first argument (the
 * English may quote a Chinese label). tsc already refuses a DomainError built from a plain string.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/constructs/bundling';

const sources = (dir: string): string[] =>
  readdirSync(join(projectRoot, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

/** The first argument's source text: a quoted or template literal read to its closing quote, else up to `,`. */
const firstArgument = (text: string, from: number): string => {
  const quote = text[from];
  if (quote === "'" || quote === '"' || quote === '`') {
    let depth = 0;
    for (let i = from + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (quote === '`' && text.startsWith('${', i)) depth++;
      else if (depth > 0 && text[i] === '}') depth--;
      else if (depth === 0 && text[i] === quote) return text.slice(from, i + 1);
    }
  }
  return text.slice(from, text.indexOf(',', from));
};

const HAN = /\p{Script=Han}/u;
/** First arguments that put a label before Chinese written elsewhere (`refuse('…')`, `REQUIRED`), checked there. */
const COMPOSED = /^(REQUIRED\.zh|`\$\{[\w.]+\}：\$\{zh\}`)$/;

const calls = ['functions', 'shared'].flatMap(sources).flatMap((file) => {
  const text = readFileSync(join(projectRoot, file), 'utf8');
  return [...text.matchAll(/\b(say|bilingual|customIssue|refuse)\(\s*/g)].map((match) => ({
    at: `${relative('.', file)}:${text.slice(0, match.index).split('\n').length}`,
    first: firstArgument(text, match.index! + match[0].length),
  }));
});

describe('Chinese first in the sources', () => {
  it('finds the bilingual messages (the scan reads what it should)', () => {
    expect(calls.length).toBeGreaterThan(150);
    expect(calls.map((c) => c.first)).toContain("'必填'");
  });

  it('writes the Chinese of every message in Chinese', () => {
    const notChinese = calls.filter((c) => !HAN.test(c.first) && !COMPOSED.test(c.first));
    expect(notChinese).toEqual([]);
  });
});
