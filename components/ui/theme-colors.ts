/**
 * The Tailwind theme's colours (app/globals.css) where they are needed outside CSS: the browser's
 * bar (`<meta name="theme-color">`) and the web app manifest.
 */
export const THEME_COLORS = {
  /** brand-700: the primary buttons. */
  theme: "#174c99",
  /** slate-50: the page behind everything. */
  background: "#f8fafc",
} as const;
