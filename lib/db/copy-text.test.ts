import { describe, expect, it } from "vitest";
import { copyRow, copyValue } from "@/lib/db/copy-text";

describe("COPY text", () => {
  it("writes null as \\N, numbers and calendar days as PostgreSQL reads them", () => {
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue(undefined)).toBe("\\N");
    expect(copyValue(12540)).toBe("12540");
    expect(copyValue(new Date(Date.UTC(2024, 1, 29)))).toBe("2024-02-29");
    expect(copyValue(new Date(Date.UTC(987, 0, 5)))).toBe("0987-01-05");
  });

  it("escapes what would end a value or a row, and a backslash, so that text round-trips", () => {
    expect(copyValue("C:\\files\\x")).toBe("C:\\\\files\\\\x");
    expect(copyValue("a\tb\nc\rd")).toBe("a\\tb\\nc\\rd");
    expect(copyValue("\\N")).toBe("\\\\N"); // the text "\N", not null
    expect(copyValue("O'Brien | Ruiz")).toBe("O'Brien | Ruiz");
  });

  it("joins a row with tabs and ends it with a newline", () => {
    expect(copyRow(["ST-1", 100, null, "x\ty"])).toBe("ST-1\t100\t\\N\tx\\ty\n");
  });
});
