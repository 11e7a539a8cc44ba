/**
 * A bank account number read from an enrolment file, on its way to the gateway's vault. The
 * digits live in a private field: they are not an own property, so `JSON.stringify`,
 * `structuredClone`, object spread, `util.inspect`/`console.log`, string interpolation and test
 * snapshots all see only the last 4. The one way to the digits is `revealForVault()`: call it
 * in the argument list of the gateway's tokenise call and nowhere else.
 */

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

export class BankAccountNumber {
  readonly #digits: string;
  readonly last4: string;

  private constructor(digits: string) {
    this.#digits = digits;
    this.last4 = digits.slice(-4);
  }

  /** Only digits, 4 to 17 of them (NACHA's field is 17 long); null otherwise. */
  static parse(text: string): BankAccountNumber | null {
    if (text.length < 4 || text.length > 17) return null;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return null;
    }
    return new BankAccountNumber(text);
  }

  /** The full number, for the gateway's vault request only. Never log, store or echo it. */
  revealForVault(): string {
    return this.#digits;
  }

  toString() {
    return `bank account ending ${this.last4}`;
  }

  toJSON() {
    return { last4: this.last4 };
  }

  [INSPECT]() {
    return `BankAccountNumber(…${this.last4})`;
  }
}
