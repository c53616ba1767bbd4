import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The settings table of docs/operations.md is rendered from the doc comments of the `Config`
 * interface in src/config.ts, the one place settings are defined, between these markers;
 * `npm run docs:gen` rewrites it, test/docs.test.ts checks it.
 */
export const SETTINGS_BEGIN = '<!-- settings:begin -->';
export const SETTINGS_END = '<!-- settings:end -->';

const CONFIG_PATH = new URL('../src/config.ts', import.meta.url);

export interface Setting {
  /** The Config field the comment belongs to, for error messages. */
  field: string;
  /** The environment variables, in the comment's order. */
  names: string[];
  /** The text in parentheses after the names; undefined when the setting has no default. */
  defaultValue: string | undefined;
  meaning: string;
}

// `NAME (default): meaning` or `NAME, OTHER_NAME: meaning`; a default may not hold parentheses.
const COMMENT = /^([A-Z][A-Z0-9_]*(?:, [A-Z][A-Z0-9_]*)*)(?: \(([^()]+)\))?: (.+)$/s;

/** The settings documented on `interface Config`, in declaration order. */
export function readSettings(source: string = readFileSync(CONFIG_PATH, 'utf8')): Setting[] {
  const file = ts.createSourceFile('config.ts', source, ts.ScriptTarget.Latest, true);
  const config = file.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Config');
  if (!config) throw new Error('src/config.ts has no `interface Config`.');
  return config.members.map((member) => {
    const field = member.name?.getText(file) ?? '(unnamed)';
    const text = docComment(source, member);
    const match = text === undefined ? null : COMMENT.exec(text);
    if (!match) {
      throw new Error(
        `src/config.ts: Config.${field} needs a doc comment of the form /** NAME (default): what it does */ ` +
          '(several names separated by ", "; leave out "(default)" when there is none).',
      );
    }
    return { field, names: match[1].split(', '), defaultValue: match[2], meaning: match[3] };
  });
}

/** The last /** … *\/ comment before the member, as one line of text. */
function docComment(source: string, member: ts.Node): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source, member.getFullStart()) ?? [];
  const last = ranges.at(-1);
  if (!last || !source.startsWith('/**', last.pos)) return undefined;
  return source
    .slice(last.pos + 3, last.end - 2)
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s?/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
}

export function renderSettingsTable(settings: Setting[] = readSettings()): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const rows = settings.map(
    (s) => `| ${s.names.map((n) => `\`${n}\``).join(', ')} | ${cell(s.defaultValue ?? '—')} | ${cell(s.meaning)} |`,
  );
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
