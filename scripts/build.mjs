#!/usr/bin/env node
// Builds dist/ from src/, doing only what changed: `tsc -b` compares the sources with the
// build info it left in dist/ (an unchanged tree is skipped in milliseconds), and the SQL
// migrations are copied only when their content differs. `npm install`/`npm ci` run it
// (prepare), and so do `npm start` and `npm test` before they use dist/.
//
// The admin console (packages/console) is built with Vite into packages/console/dist/, which
// the server serves at /console; it too is rebuilt only when its sources changed.
//
//   node scripts/build.mjs                  build, or fail
//   node scripts/build.mjs --if-typescript  skip, with a note, when TypeScript (or Vite) is not
//                                           installed (an install without devDependencies) and
//                                           dist/ (or the built console) exists
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const lenient = process.argv.includes('--if-typescript');

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  const built = existsSync(join(ROOT, 'dist', 'main.js'));
  if (lenient && built) process.exit(0);
  if (lenient && process.env.npm_lifecycle_event === 'prepare') {
    process.stderr.write('keyward: TypeScript is not installed (devDependencies omitted), so dist/ was not built; install with them, or copy a built dist/.\n');
    process.exit(0);
  }
  process.stderr.write('keyward: building needs TypeScript, a devDependency: run `npm install` (or `npm ci`) without --omit=dev.\n');
  process.exit(1);
}

/** The newest modification time in a tree, folders included (a deleted or renamed file changes its folder's). */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

// The SDK workspace (@keyward/sdk) comes first: the keyward command (src/cli) imports its
// dist/, as its own users do.
const sdk = join(ROOT, 'packages', 'sdk');
const sdkBuildInfo = join(sdk, '.tsbuildinfo');
if (!existsSync(sdkBuildInfo) || Math.max(newest(join(sdk, 'src')), newest(join(sdk, 'tsconfig.json'))) > statSync(sdkBuildInfo).mtimeMs) {
  compile(join('packages', 'sdk', 'tsconfig.json'));
}

// Loading the compiler alone takes half a second; when nothing under src/ or in the
// configuration is newer than the last build's info, it has nothing to do.
const buildInfo = join(ROOT, 'dist', '.tsbuildinfo');
const inputs = [join(ROOT, 'src'), join(ROOT, 'tsconfig.json'), join(ROOT, 'tsconfig.build.json')];
const upToDate = existsSync(buildInfo) && Math.max(...inputs.map(newest)) <= statSync(buildInfo).mtimeMs;
if (!upToDate) compile('tsconfig.build.json');

buildConsole();

function compile(project) {
  const compiled = spawnSync(process.execPath, [tsc, '-b', project], { cwd: ROOT, stdio: 'inherit' });
  if (compiled.status !== 0) process.exit(compiled.status ?? 1);
}

/** Copies the files of `from` that `to` lacks or holds with other content. */
function copyChanged(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      copyChanged(source, target);
      continue;
    }
    if (existsSync(target) && statSync(target).size === statSync(source).size && readFileSync(target).equals(readFileSync(source))) continue;
    mkdirSync(to, { recursive: true });
    copyFileSync(source, target);
  }
}
copyChanged(join(ROOT, 'src', 'store', 'migrations'), join(ROOT, 'dist', 'store', 'migrations'));

/**
 * Vite builds the console when a source of it, or of the SDK modules it bundles, is newer than
 * the stamp the last build left. Its dependencies are devDependencies of the workspace: without
 * them a built console is kept, and a missing one is only noted (the server says how to build it).
 */
function buildConsole() {
  const project = join(ROOT, 'packages', 'console');
  const stamp = join(project, 'dist', '.built');
  const inputs = ['src', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((name) => join(project, name));
  inputs.push(join(sdk, 'src'), join(ROOT, 'package-lock.json'));
  if (existsSync(stamp) && Math.max(...inputs.filter(existsSync).map(newest)) <= statSync(stamp).mtimeMs) return;
  let vite;
  try {
    vite = join(dirname(createRequire(join(project, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    const built = existsSync(join(project, 'dist', 'index.html'));
    if (lenient) {
      if (!built) process.stderr.write('keyward: Vite is not installed (devDependencies omitted), so the admin console was not built; /console will say so.\n');
      return;
    }
    process.stderr.write('keyward: building the admin console needs Vite, a devDependency: run `npm install` (or `npm ci`) without --omit=dev.\n');
    process.exit(1);
  }
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: project, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
