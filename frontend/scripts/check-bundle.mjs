#!/usr/bin/env node
/**
 * Fails when a public route (the expert directory, a public profile) needs more than 200 KB of
 * gzipped JavaScript on a first visit. Reads the Vite manifest of `npm run build`: a route needs
 * the entry chunk, its page module, and everything those import statically (lazy imports excluded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 200;
const DIST = new URL('../dist/', import.meta.url).pathname;
/** Page modules of the public routes (see src/app/routes.tsx). */
const PUBLIC_ROUTES = {
  '/experts': 'src/features/directory/components/directory-page.tsx',
  '/experts/:slug': 'src/features/directory/components/expert-page.tsx',
};
/** With `--all`: the largest signed-in routes too, for the record (bench/frontend_load.py prints them). */
const INFO_ROUTES = {
  '/ (start page)': 'src/app/start/start-page.tsx',
  '/analytics': 'src/features/analytics/components/analytics-page.tsx',
  '/profile': 'src/features/profile/components/profile-page.tsx',
  '/content/new': 'src/features/content/components/content-editor-page.tsx',
  '/feed': 'src/features/feed/components/feed-page.tsx',
};
/** Never part of a public route: the profile editor and its rich-text editor. */
const FORBIDDEN = [/features\/profile\//, /@tiptap/, /prosemirror/, /features\/(taxonomy|inbox|users|invitations|organisation)\//];

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8'));
} catch {
  console.error('check-bundle: dist/.vite/manifest.json is missing; run `npm run build` first.');
  process.exit(1);
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error('check-bundle: no entry chunk in the manifest');

/** Manifest keys reachable through static imports. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`check-bundle: ${key} is not in the manifest`);
  seen.add(key);
  for (const imported of chunk.imports ?? []) closure(imported, seen);
  return seen;
}

const gzipCache = new Map();
function gzipBytes(file) {
  if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length);
  return gzipCache.get(file);
}

function routeSize(module) {
  const keys = new Set([...closure(entryKey), ...closure(module)]);
  const files = [...new Set([...keys].map((key) => manifest[key].file))].filter((file) => file.endsWith('.js'));
  const total = files.reduce((sum, file) => sum + gzipBytes(file), 0) / 1024;
  return { keys, files, total };
}

let failed = false;
for (const [route, module] of Object.entries(PUBLIC_ROUTES)) {
  const { keys, files, total } = routeSize(module);
  const sources = [...keys].map((key) => `${key} ${manifest[key].src ?? ''} ${manifest[key].name ?? ''}`);
  const leaked = sources.filter((source) => FORBIDDEN.some((pattern) => pattern.test(source)));
  const ok = total <= LIMIT_KB && leaked.length === 0;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${route.padEnd(16)} ${total.toFixed(1)} KB gzip JavaScript in ${files.length} files (limit ${LIMIT_KB} KB)`);
  for (const source of leaked) console.log(`     must not be loaded here: ${source.trim()}`);
}
if (process.argv.includes('--all')) {
  for (const [route, module] of Object.entries(INFO_ROUTES)) {
    const { files, total } = routeSize(module);
    console.log(`info ${route.padEnd(16)} ${total.toFixed(1)} KB gzip JavaScript in ${files.length} files (first paint; lazy parts load after)`);
  }
}
process.exit(failed ? 1 : 0);
