/** The WCAG levels axe checks the pages and emails against (2.1 A and AA): e2e and integration tests. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
