/**
 * Where a language's strings object differs in shape from the English one (for the unit test
 * of every strings object outside React: lib/receipts/strings.ts, lib/documents/strings.ts, the
 * emails' and texts'): a key missing or extra, an empty string, a list of another length, a
 * function that takes other arguments. The type checker already asks for every key; this also
 * catches an empty or untranslated-shape entry. Pure.
 */
export const stringsShapeProblems = (english: unknown, other: unknown, path = ""): string[] => {
  if (typeof english === "function") {
    if (typeof other !== "function") return [`${path}: not a function`];
    return english.length === other.length
      ? []
      : [`${path}: takes ${other.length} arguments, not ${english.length}`];
  }
  if (typeof english === "string") {
    if (typeof other !== "string") return [`${path}: not a string`];
    return other.trim() ? [] : [`${path}: empty`];
  }
  if (Array.isArray(english)) {
    if (!Array.isArray(other)) return [`${path}: not a list`];
    if (english.length !== other.length) return [`${path}: ${other.length} items, not ${english.length}`];
    return english.flatMap((item, i) => stringsShapeProblems(item, other[i], `${path}[${i}]`));
  }
  if (english && typeof english === "object") {
    if (!other || typeof other !== "object") return [`${path}: not an object`];
    const a = english as Record<string, unknown>;
    const b = other as Record<string, unknown>;
    const extra = Object.keys(b)
      .filter((k) => !(k in a))
      .map((k) => `${path}.${k}: extra`);
    return [...extra, ...Object.keys(a).flatMap((k) => stringsShapeProblems(a[k], b[k], `${path}.${k}`))];
  }
  return english === other ? [] : [`${path}: differs`];
};
