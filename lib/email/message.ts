import type { TLocale } from "@/lib/locale";

/**
 * One source for both parts of an email. Every email the portal sends is a TEmailMessage: its
 * subject and a list of blocks (paragraphs, buttons, facts), from which emailText writes the
 * plain-text part and lib/email/render-html.tsx the HTML part, so the two say the same thing
 * and carry the same links and amounts. Pure: templates are tested without a database.
 */

/** A paragraph: its lines are separate lines in the text part, `<br>`s in the HTML. */
export type TParagraphBlock = { kind: "paragraph"; lines: readonly string[] };

/**
 * A link, always a button in the HTML (its label says where it goes); in the text part the
 * lead line, then the address on a line of its own, then the line after, if any.
 */
export type TButtonBlock = { kind: "button"; lead?: string; label: string; href: string; after?: string };

/** Label and value pairs (a receipt's number, date, amount…): a table in the HTML. */
export type TFactsBlock = { kind: "facts"; rows: readonly (readonly [label: string, value: string])[] };

/** Amounts under a caption with their total (the statements a payment paid). */
export type TBreakdownBlock = {
  kind: "breakdown";
  caption: string;
  rows: readonly (readonly [label: string, value: string])[];
  total: readonly [label: string, value: string];
};

/** A text kept as written (a plan agreement), set apart. */
export type TQuoteBlock = { kind: "quote"; text: string };

export type TEmailBlock = TParagraphBlock | TButtonBlock | TFactsBlock | TBreakdownBlock | TQuoteBlock;

export type TEmailMessage = {
  to: string;
  /** The language the message is written in (the recipient's); the HTML's `lang`. English when left out. */
  locale?: TLocale;
  subject: string;
  /** The practice whose name and colour the HTML wears; the first practice when left out. */
  practiceId?: string | null;
  blocks: readonly TEmailBlock[];
};

/** Blocks are separated by a blank line. */
const BLOCK_SEPARATOR = "\n\n";

const blockText = (block: TEmailBlock): string => {
  switch (block.kind) {
    case "paragraph":
      return block.lines.join("\n");
    case "button":
      return [block.lead, block.href, block.after].filter((l): l is string => Boolean(l)).join("\n");
    case "facts": {
      const width = Math.max(...block.rows.map(([label]) => label.length)) + 2;
      return block.rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join("\n");
    }
    case "breakdown":
      return [
        block.caption,
        ...block.rows.map(([label, value]) => `  ${label}: ${value}`),
        `${block.total[0]}: ${block.total[1]}`,
      ].join("\n");
    case "quote":
      return block.text;
  }
};

/** The plain-text part. */
export const emailText = (message: Pick<TEmailMessage, "blocks">) =>
  message.blocks.map(blockText).join(BLOCK_SEPARATOR);

/** The first paragraph, as an inbox shows it under the subject. */
export const emailPreview = (message: Pick<TEmailMessage, "blocks">) => {
  const first = message.blocks.find((b) => b.kind === "paragraph");
  return first ? first.lines.join(" ") : "";
};

/** Every link of a message (the buttons), for tests and checks. */
export const emailLinks = (message: Pick<TEmailMessage, "blocks">) =>
  message.blocks.flatMap((b) => (b.kind === "button" ? [{ label: b.label, href: b.href }] : []));

/** A paragraph of one or more lines. */
export const paragraph = (...lines: string[]): TParagraphBlock => ({ kind: "paragraph", lines });

/** A button (a link in the text part). */
export const button = (b: Omit<TButtonBlock, "kind">): TButtonBlock => ({ kind: "button", ...b });
