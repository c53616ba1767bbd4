import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The relative links of the Markdown documentation, checked the way GitHub resolves them: the
 * target file must exist, and a `#fragment` into a Markdown file must name one of its headings
 * (GitHub's slugs) or an HTML anchor. test/docs.test.ts runs it over every .md file.
 */

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'data', 'coverage']);

/** Every Markdown file under root (README.md, docs/, packages/*), hidden and build folders aside. */
export function markdownFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(root, path);
    return entry.isFile() && entry.name.endsWith('.md') ? [relative(root, path)] : [];
  });
}

/** The text with code blocks and code spans blanked out, newlines kept, so line numbers hold. */
function withoutCode(markdown: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  return markdown
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, blank)
    .replace(/(`+)[\s\S]*?\1/g, blank);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replaceAll('`', '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a page offers: one per heading (repeats get -1, -2, …), and HTML ids and names. */
export function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) {
      fence = fence ? undefined : marker;
      continue;
    }
    if (fence) continue;
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      found.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const m of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) found.add(m[1]);
  }
  return found;
}

export interface Link {
  line: number;
  target: string;
}

/** Inline links and images, and reference definitions, outside code. */
export function links(markdown: string): Link[] {
  const text = withoutCode(markdown);
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const inline = [...text.matchAll(/\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+"[^"]*")?\s*\)/g)];
  const definitions = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)];
  return [...inline, ...definitions]
    .map((m) => ({ line: lineOf(m.index), target: m[1] }))
    .sort((a, b) => a.line - b.line);
}

/** One line per broken relative link, `file:line: target: why`; empty when every link resolves. */
export function brokenLinks(root: string, files: string[] = markdownFiles(root)): string[] {
  const pages = new Map<string, Set<string>>();
  const anchorsOf = (path: string) => {
    if (!pages.has(path)) pages.set(path, anchors(readFileSync(path, 'utf8')));
    return pages.get(path)!;
  };
  const problems: string[] = [];
  for (const file of files) {
    const source = resolve(root, file);
    for (const { line, target } of links(readFileSync(source, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
      const hash = target.indexOf('#');
      const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
      const fragment = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const path = pathPart === '' ? source : pathPart.startsWith('/') ? join(root, pathPart) : resolve(dirname(source), pathPart);
      const where = `${file}:${line}: ${target}`;
      if (!existsSync(path)) {
        problems.push(`${where}: ${relative(root, path)} does not exist`);
      } else if (fragment !== undefined && path.endsWith('.md') && statSync(path).isFile() && !anchorsOf(path).has(fragment)) {
        problems.push(`${where}: ${relative(root, path)} has no heading with the anchor #${fragment}`);
      }
    }
  }
  return problems;
}
