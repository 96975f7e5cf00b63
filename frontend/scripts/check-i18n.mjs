#!/usr/bin/env node
/**
 * Translation check (run by `npm run lint`, so by `make lint`, the pre-commit hook and CI):
 * fails when a key exists in one locale but not the other, when a translation is empty, when the
 * placeholders ({{name}}) of a key differ between de and en, or when the code uses a key that no locale
 * has — `t('a.b')`, `i18n.t('a.b')`, `i18nKey="a.b"`, a template `t(`a.${x}`)` (some key must start with
 * "a.") and any string literal that looks like a key of a known namespace ('feed.status.posted').
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const LOCALES = ['de', 'en'];
const PLURAL_SUFFIXES = ['_zero', '_one', '_two', '_few', '_many', '_other'];

function flatten(node, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') flatten(value, path, out);
    else out.set(path, value);
  }
  return out;
}

const locales = Object.fromEntries(
  LOCALES.map((language) => [language, flatten(JSON.parse(readFileSync(join(src, 'locales', `${language}.json`), 'utf8')))]),
);
const problems = [];

// 1. The same keys, none empty, the same placeholders.
const placeholders = (text) => [...String(text).matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort().join(',');
for (const language of LOCALES) {
  for (const other of LOCALES) {
    if (other === language) continue;
    for (const key of locales[language].keys()) {
      if (!locales[other].has(key)) problems.push(`missing in ${other}.json: ${key} (present in ${language}.json)`);
    }
  }
  for (const [key, text] of locales[language]) {
    if (typeof text !== 'string' || text.trim() === '') problems.push(`empty translation in ${language}.json: ${key}`);
  }
}
for (const [key, text] of locales.de) {
  const english = locales.en.get(key);
  if (english !== undefined && placeholders(text) !== placeholders(english)) {
    problems.push(`placeholders differ for ${key}: de {{${placeholders(text)}}} vs en {{${placeholders(english)}}}`);
  }
}

// 2. Every key the code uses exists (in every locale; plural forms count as the key).
const known = new Set(LOCALES.flatMap((language) => [...locales[language].keys()]));
const namespaces = new Set([...known].map((key) => key.split('.')[0]));
const stripPlural = (key) => {
  const suffix = PLURAL_SUFFIXES.find((candidate) => key.endsWith(candidate));
  return suffix ? key.slice(0, -suffix.length) : key;
};
const usable = new Set([...known].map(stripPlural));
const allKeys = [...usable];
const exists = (key) => LOCALES.every((language) => [key, ...PLURAL_SUFFIXES.map((s) => key + s)].some((k) => locales[language].has(k)));
const prefixExists = (prefix) => allKeys.some((key) => key.startsWith(prefix));

function sourceFiles(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$/;
for (const file of sourceFiles(src)) {
  const text = readFileSync(file, 'utf8');
  const where = relative(root, file);
  const line = (index) => text.slice(0, index).split('\n').length;
  // t('key'), i18n.t("key"), i18nKey="key"
  for (const match of text.matchAll(/\b(?:t|i18n\.t)\(\s*(['"])([^'"\n]+)\1|i18nKey=(['"])([^'"\n]+)\3/g)) {
    const key = match[2] ?? match[4];
    if (!exists(key)) problems.push(`${where}:${line(match.index)}: key "${key}" is not in every locale`);
  }
  // t(`prefix.${code}`): some key must start with the literal prefix
  for (const match of text.matchAll(/\b(?:t|i18n\.t)\(\s*`([^`$]*)\$\{/g)) {
    const prefix = match[1];
    if (prefix && !prefixExists(prefix)) problems.push(`${where}:${line(match.index)}: no key starts with "${prefix}"`);
  }
  // Key-shaped string literals of a known namespace (keys kept in constants, e.g. navigation entries)
  for (const match of text.matchAll(/(['"])([a-z][A-Za-z0-9]*\.[A-Za-z0-9_.-]+)\1/g)) {
    const key = match[2];
    if (!KEY.test(key) || !namespaces.has(key.split('.')[0]) || key.endsWith('.')) continue;
    if (/\.(tsx?|jsx?|json|css|svg|png|html|md|com|de|org|example|io|test)$/.test(key)) continue; // file and host names
    if (!exists(key) && !prefixExists(`${key}.`)) problems.push(`${where}:${line(match.index)}: "${key}" looks like a key but no locale has it`);
  }
}

if (problems.length > 0) {
  console.error(`Translation check failed (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Translation check: ${locales.de.size} keys in ${LOCALES.join(' and ')}, every key used in the code exists.`);
