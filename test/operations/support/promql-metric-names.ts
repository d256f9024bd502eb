/** PromQL words that are not metric names: keywords, and the aggregation modifiers' and set operators' names. */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'atan2', 'inf', 'nan']);

/**
 * The metric names a PromQL expression selects: a small tokenizer, enough for the rules and panels in deploy/, not a
 * parser. Strings, label matchers `{…}`, ranges `[…]`, the label lists after by/without/on/ignoring/group_*, and
 * function names (a word before `(`) are not metric names; every other word is.
 */
export function promqlMetricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = match[0];
    const after = stripped.slice((match.index ?? 0) + word.length);
    if (/^\s*\(/.test(after) || KEYWORDS.has(word.toLowerCase())) continue;
    // A number's exponent (1e3) or a duration's unit (5m) is not a word on its own.
    const before = stripped[(match.index ?? 0) - 1];
    if (before !== undefined && /[0-9.]/.test(before)) continue;
    names.add(word);
  }
  return [...names].sort();
}

/**
 * The series names a scrape offers, from its `# TYPE` lines: a histogram's `_bucket`, `_sum` and `_count`, a
 * summary's quantiles, `_sum` and `_count`, and every other metric's own name. A labelled metric that has seen no
 * value yet shows only its `# HELP` and `# TYPE`, and still counts: the process does expose it.
 */
export function exposedSeriesNames(scrapeText: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of scrapeText.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(name + suffix);
    else names.add(name);
  }
  return names;
}
