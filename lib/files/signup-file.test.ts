import { describe, expect, it } from "vitest";
import {
  formatSignupLine,
  signupBankAccountType,
  signupCardTypeForBrand,
  type TSignupRow,
  writeSignupFile,
} from "@/lib/files/signup-file";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const card: TSignupRow = {
  memberId: "P-1001",
  clientId: "CLIENT1",
  lastName: "Smith",
  firstName: "Pat",
  middleName: "Q",
  dob: day("1980-01-01"),
  email: "pat@example.com",
  payerId: "PAYER-1",
  isEnrolled: true,
  paymentType: "CC",
  cardType: "Visa",
  bankAccountType: null,
  cardLast4: "1111",
  bankLast4: null,
  statusDate: day("2024-02-29"),
  draftDate: day("2024-03-05"),
  autopayLimitCents: 50000, // $500.00
};

describe("IMPSPO v1.1", () => {
  it("writes a card enrolment with the layout's 21 fields", () => {
    const line = formatSignupLine(card);
    expect(line).toBe(
      "IMPSPO|P-1001|CLIENT1|Smith|Pat|Q|19800101|pat@example.com|PAYER-1|Enrolled|CC|Visa||1111||20240229|20240305|500.00|||",
    );
    expect(line.split("|")).toHaveLength(21);
  });

  it("writes an eCheck enrolment and a row that is not enrolled", () => {
    const echeck: TSignupRow = {
      ...card,
      paymentType: "eCheck",
      cardType: null,
      cardLast4: null,
      bankAccountType: "Checking",
      bankLast4: "0015",
      autopayLimitCents: 7, // $0.07
    };
    expect(formatSignupLine(echeck)).toBe(
      "IMPSPO|P-1001|CLIENT1|Smith|Pat|Q|19800101|pat@example.com|PAYER-1|Enrolled|eCheck||Checking||0015|20240229|20240305|0.07|||",
    );
    const none: TSignupRow = {
      ...card,
      middleName: null,
      dob: null,
      email: null,
      payerId: null,
      isEnrolled: false,
      paymentType: null,
      cardType: null,
      cardLast4: null,
      draftDate: null,
      autopayLimitCents: null,
    };
    expect(formatSignupLine(none)).toBe(
      "IMPSPO|P-1001|CLIENT1|Smith|Pat|||||Not Enrolled||||||20240229|||||",
    );
    expect(formatSignupLine(none).split("|")).toHaveLength(21);
  });

  it("turns pipes and line breaks inside values into spaces", () => {
    expect(formatSignupLine({ ...card, lastName: "Smith|Jones", firstName: "Pat\r\nX" })).toContain(
      "|Smith Jones|Pat  X|",
    );
  });

  it("writes the file with LF after every line", () => {
    const text = writeSignupFile([card, { ...card, memberId: "P-2" }]);
    expect(text.split("\n")).toHaveLength(3);
    expect(text.endsWith("|||\n")).toBe(true);
    expect(text).not.toContain("\r");
    expect(writeSignupFile([])).toBe("");
  });

  it("refuses rows our code should never build", () => {
    expect(() => formatSignupLine({ ...card, cardLast4: "111" })).toThrow(TypeError);
    expect(() => formatSignupLine({ ...card, bankLast4: "1234" })).toThrow(TypeError);
    expect(() => formatSignupLine({ ...card, paymentType: "eCheck" })).toThrow(TypeError);
    expect(() => formatSignupLine({ ...card, autopayLimitCents: 1.5 })).toThrow(RangeError);
  });

  it("maps our brands and bank account types to the file's spellings", () => {
    expect(["visa", "mastercard", "amex", "discover", "jcb", null].map(signupCardTypeForBrand)).toEqual([
      "Visa",
      "MC",
      "AmEx",
      "Discover",
      null,
      null,
    ]);
    expect(signupBankAccountType("SAVINGS")).toBe("Savings");
  });
});
