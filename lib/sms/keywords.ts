/**
 * The keywords carriers and the CTIA require every US short and long code to honour, read from
 * an inbound text: the whole message, one word, in any case, with spaces or a trailing
 * full stop or exclamation mark around it ("Stop", " STOP. "). Anything else is not a keyword
 * (a patient writing "please stop texting me" is answered by staff, not opted out silently:
 * carriers treat only the bare words as keywords).
 */
export type TSmsKeyword = "STOP" | "HELP" | "START";

const KEYWORDS: Record<string, TSmsKeyword> = {
  STOP: "STOP",
  STOPALL: "STOP",
  UNSUBSCRIBE: "STOP",
  CANCEL: "STOP",
  END: "STOP",
  QUIT: "STOP",
  HELP: "HELP",
  INFO: "HELP",
  START: "START",
  UNSTOP: "START",
  YES: "START",
};

/** The keyword a text is, and the word as sent (upper-cased); null when it is none. */
export const parseKeyword = (body: string): { keyword: TSmsKeyword; word: string } | null => {
  const word = body
    .trim()
    .replace(/[.!]+$/, "")
    .trim()
    .toUpperCase();
  const keyword = KEYWORDS[word];
  return keyword ? { keyword, word } : null;
};
