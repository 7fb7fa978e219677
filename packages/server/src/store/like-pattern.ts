/**
 * A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards (`%`, `_`) and the escape
 * character taken literally: a search for "50%" must not match everything. Use with `ESCAPE '\'`
 * (PostgreSQL's default escape is already the backslash).
 */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
