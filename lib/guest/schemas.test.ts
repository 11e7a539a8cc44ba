import { describe, expect, it } from "vitest";
import { ZStatementProofInput } from "@/lib/guest/schemas";

const fieldsWithErrors = (input: unknown) => {
  const result = ZStatementProofInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
};

describe("ZStatementProofInput", () => {
  it("takes a statement number and a date of birth", () => {
    const result = ZStatementProofInput.parse({
      statementNumber: " ST-1001 ",
      method: "dob",
      dob: "1980-01-01",
    });
    expect(result).toEqual({ statementNumber: "ST-1001", dob: new Date("1980-01-01T00:00:00Z") });
  });

  it("asks for the date of birth by default", () => {
    expect(ZStatementProofInput.parse({ statementNumber: "ST-1001", dob: "1980-01-01" })).toHaveProperty(
      "dob",
    );
    expect(fieldsWithErrors({ statementNumber: "ST-1001", zip: "19103" })).toEqual(["dob"]);
  });

  it("takes a ZIP code instead, keeping the first five digits of a ZIP+4", () => {
    expect(ZStatementProofInput.parse({ statementNumber: "ST-1001", method: "zip", zip: "19103" })).toEqual({
      statementNumber: "ST-1001",
      zip: "19103",
    });
    expect(
      ZStatementProofInput.parse({ statementNumber: "ST-1001", method: "zip", zip: " 19103-1234 " }),
    ).toEqual({
      statementNumber: "ST-1001",
      zip: "19103",
    });
  });

  it("ignores the field of the other method", () => {
    const byZip = ZStatementProofInput.parse({
      statementNumber: "ST-1001",
      method: "zip",
      zip: "19103",
      dob: "not a date",
    });
    expect(byZip).not.toHaveProperty("dob");
    const byDob = ZStatementProofInput.parse({
      statementNumber: "ST-1001",
      method: "dob",
      dob: "1980-01-01",
      zip: "x",
    });
    expect(byDob).not.toHaveProperty("zip");
  });

  it.each(["", "1980-02-30", "01/01/1980", "1980-1-1"])("flags the DOB %j", (dob) => {
    expect(fieldsWithErrors({ statementNumber: "ST-1001", method: "dob", dob })).toEqual(["dob"]);
  });

  it.each(["", "1910", "191033", "ABCDE", "19103-12"])("flags the ZIP %j", (zip) => {
    expect(fieldsWithErrors({ statementNumber: "ST-1001", method: "zip", zip })).toEqual(["zip"]);
  });

  it("flags a missing statement number with a message that says where to find it", () => {
    const result = ZStatementProofInput.safeParse({ statementNumber: " ", method: "dob", dob: "1980-01-01" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["statementNumber"],
      message: "Enter the statement number from your bill.",
    });
  });

  it("refuses an unknown method", () => {
    expect(fieldsWithErrors({ statementNumber: "ST-1001", method: "ssn", dob: "1980-01-01" })).toContain(
      "method",
    );
  });
});
