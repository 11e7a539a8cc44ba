/**
 * The practice's look in its emails: its name and one brand colour. The colour fills the
 * header band and the buttons, whose words are white, so it must be dark enough for white text
 * to read (WCAG 2.1 AA: a contrast ratio of at least 4.5:1). Pure: the settings page and the
 * email renderer share it.
 */

export type TEmailBrand = { name: string; color: string };

/** The colour a practice has until it chooses one: the portal's own blue (6.7:1 on white). */
export const DEFAULT_BRAND_COLOR = "#1d4ed8";

/** White text on the colour needs at least this contrast (WCAG 2.1 AA, normal text). */
export const MIN_CONTRAST_WITH_WHITE = 4.5;

const HEX = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i;

/** "#1D4ED8" → "#1d4ed8", "#abc" → "#aabbcc"; null when it is not a hex colour. */
export const normalizeHexColor = (input: string): string | null => {
  const value = input.trim();
  const match = HEX.exec(value);
  if (!match) return null;
  const digits = match[1]!.toLowerCase();
  return `#${digits.length === 3 ? [...digits].map((d) => d + d).join("") : digits}`;
};

/** WCAG 2.1 relative luminance of a normalized "#rrggbb". */
const luminance = (hex: string) => {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
};

/** The WCAG contrast ratio of white on a normalized "#rrggbb" (1 to 21). */
export const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

export type TBrandColorCheck = { ok: true; color: string } | { ok: false; message: string };

/** Whether a typed colour may be the practice's brand colour, and why not. */
export const checkBrandColor = (input: string): TBrandColorCheck => {
  const color = normalizeHexColor(input);
  if (!color) {
    return {
      ok: false,
      message: "Enter a colour as a hex code: # and 6 digits or letters a to f, like #1d4ed8.",
    };
  }
  const ratio = contrastWithWhite(color);
  if (ratio < MIN_CONTRAST_WITH_WHITE) {
    return {
      ok: false,
      message: `White text on ${color} has a contrast of ${ratio.toFixed(2)}:1; buttons need at least 4.5:1. Choose a darker colour.`,
    };
  }
  return { ok: true, color };
};

/** A stored colour that no longer passes (or was never set) falls back to the default. */
export const usableBrandColor = (stored: string | null | undefined) => {
  const check = checkBrandColor(stored ?? "");
  return check.ok ? check.color : DEFAULT_BRAND_COLOR;
};
