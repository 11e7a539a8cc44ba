// The addresses no request of ours may carry, refused with 400 before anything reads them: by the
// production server for every request (scripts/http-server.mjs), and by proxy.ts for the pages
// (so under `next dev` too). Plain JavaScript for scripts/server.mjs (types in refused-address.d.mts).

/** Characters in no address, email or name of ours (lib/input.ts checks inputs with it too). */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** The answer's text: the same whichever edge refused. */
export const REFUSED_ADDRESS_MESSAGE = "Bad request: the address has a character it may not have.";

/**
 * Whether a request's target (`/staff?q=%00abc`, as the request line has it) is no address of
 * ours: a control character in its path, or a NUL anywhere. PostgreSQL refuses a NUL in text
 * (it was a 500, or its error text in a redirect). A query may carry a tab or a newline (text
 * pasted into a search box); the pages take care of those. A malformed escape (%E0%A4%A) is no
 * address of ours either.
 */
export const isRefusedAddress = (target) => {
  const at = target.indexOf("?");
  const [path, query] = at === -1 ? [target, ""] : [target.slice(0, at), target.slice(at + 1)];
  try {
    return (
      CONTROL_CHARACTER.test(decodeURIComponent(path)) ||
      decodeURIComponent(query.replace(/\+/g, " ")).includes("\u0000")
    );
  } catch {
    return true;
  }
};
