/**
 * Marks content that is not translated yet (docs/i18n.md, "Not translated yet") as English, so a
 * Spanish page (`<html lang="es">`) does not tell a screen reader to read English words with
 * Spanish sounds. Remove it from a page or component once its words come from messages.
 */
export function EnglishOnly({ children }: { children: React.ReactNode }) {
  return <div lang="en">{children}</div>;
}
