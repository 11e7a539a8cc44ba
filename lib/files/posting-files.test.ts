import { readFileSync } from "node:fs";
import path from "node:path";
import { X12Parser } from "node-x12";
import { describe, expect, it } from "vitest";
import { depositFileName, depositWriter, type TDepositItem } from "@/lib/files/deposit-file";
import { formatImdpaLine, IMDPA_FIELD_COUNT, IMDPA_VERSIONS, imdpaWriter } from "@/lib/files/imdpa-file";
import { lockboxAmount, lockboxWriter } from "@/lib/files/lockbox-file";
import { postingCardTypeForBrand, writeAll, type TPostingTransaction } from "@/lib/files/posting-record";
import { x12835Writer, x12FileName, type TX12Options } from "@/lib/files/x12-835-file";

// The expected files in fixtures/posting/ were written by hand from the layouts in docs/files.md,
// not produced by this code: each test compares the writer's output with them byte for byte.
const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", "posting", name), "utf8");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const merchant = { merchantId: "M1001", storeId: "S01", terminalId: "T01" };

const sale: TPostingTransaction = {
  paymentId: "pay-1",
  transactionType: "CreditCard",
  action: "AuthCapt",
  amountCents: 12540,
  cardType: "VISA",
  transactionId: "0123456789abcdef0123456789abcdef",
  authorizationNumber: "AUTH01",
  transactionDate: day("2026-03-02"),
  status: "C",
  remittance: "in",
  patientLastName: "Smith",
  patientFirstName: "Pat",
  patientMiddleName: "Q",
  accountNumber: "ACC-1001",
  address1: "1 Main St",
  address2: "Apt 2",
  city: "Springfield",
  state: "IL",
  zip: "62701",
  additionalInfo: ["R-0001", "txn_abc", "ST-1"],
  user: null,
  transactionCode: "WEB",
  guarantorId: "ACC-1001",
  guarantorFirstName: "Pat",
  guarantorLastName: "Smith",
  responseCode: "00",
  responseMessage: "Approved",
  claims: [
    { statementNumber: "ST-1", amountCents: 10000 },
    { statementNumber: "ST-2", amountCents: 2540 },
  ],
};
const refund: TPostingTransaction = {
  ...sale,
  paymentId: "pay-2",
  action: "Credit",
  amountCents: 2500,
  cardType: "MC",
  transactionId: "fedcba9876543210fedcba9876543210",
  authorizationNumber: null,
  remittance: "back",
  patientLastName: "Jones",
  patientFirstName: "Ann",
  patientMiddleName: null,
  accountNumber: "ACC-2002",
  address1: null,
  address2: null,
  city: null,
  state: null,
  zip: null,
  additionalInfo: ["R-0002"],
  user: "staff@example.com",
  transactionCode: "STAFF_OFFICE",
  guarantorId: "ACC-2002",
  guarantorFirstName: "Ann",
  guarantorLastName: "Jones",
  claims: [{ statementNumber: "ST-9", amountCents: 2500 }],
};
const declined: TPostingTransaction = {
  ...refund,
  paymentId: "pay-3",
  transactionType: "eCheck",
  action: "AuthCapt",
  amountCents: 5000,
  cardType: null,
  transactionId: "00000000000000000000000000000003",
  status: "D",
  remittance: null,
  patientLastName: "Lee",
  patientFirstName: "Kim",
  accountNumber: "ACC-3003",
  additionalInfo: [],
  user: null,
  transactionCode: "AUTOPAY",
  guarantorId: "ACC-3003",
  guarantorFirstName: "Kim",
  guarantorLastName: "Lee",
  responseCode: "R01",
  responseMessage: "Insufficient funds",
  claims: [{ statementNumber: "ST-3", amountCents: 5000 }],
};
const returned: TPostingTransaction = {
  ...declined,
  paymentId: "pay-4",
  action: "Return",
  amountCents: 7000,
  transactionId: "00000000000000000000000000000004",
  transactionDate: day("2026-02-27"),
  status: "RI",
  remittance: "back",
  additionalInfo: ["R-0004"],
  claims: [{ statementNumber: "ST-4", amountCents: 7000 }],
};
const day1 = [sale, refund, declined, returned];

const x12Options: TX12Options = {
  senderId: "PORTAL",
  receiverId: "PMS01",
  controlNumber: 7,
  createdDay: day("2026-03-03"),
  createdTime: "0115",
  businessDay: day("2026-03-02"),
  payee: { name: "Springfield Family Practice", npi: "1234567893" },
  usage: "P",
};

const text = (chunks: Iterable<string>) => [...chunks].join("");

describe("IMDPA 1.0–1.4", () => {
  it.each(IMDPA_VERSIONS)("writes version %s as the hand-written file", (version) => {
    const written = text(writeAll(imdpaWriter(version, merchant), day1));
    expect(written).toBe(fixture(`imdpa-${version}.txt`));
    for (const line of written.trimEnd().split("\n"))
      expect(line.split("|")).toHaveLength(IMDPA_FIELD_COUNT[version]);
  });

  it("writes a refund as Credit with a positive amount, and a return as Return only from 1.2", () => {
    expect(formatImdpaLine("1.4", merchant, refund).split("|").slice(5, 7)).toEqual(["Credit", "25.00"]);
    expect(formatImdpaLine("1.1", merchant, returned).split("|")[5]).toBe("AuthCapt");
    expect(formatImdpaLine("1.2", merchant, returned).split("|")[5]).toBe("Return");
  });

  it("keeps a value from adding a field or a line, and cuts additional info to 100 characters", () => {
    const line = formatImdpaLine("1.0", merchant, {
      ...sale,
      patientLastName: "Smith|Jones\nX",
      additionalInfo: ["x".repeat(150)],
    });
    expect(line.split("|")).toHaveLength(27);
    expect(line).toContain("|Smith Jones X|");
    expect(line.split("|")[21]).toBe("x".repeat(100));
  });

  it("refuses a record the code should never build", () => {
    expect(() => formatImdpaLine("1.0", merchant, { ...sale, amountCents: -1 })).toThrow(RangeError);
    expect(() => formatImdpaLine("1.0", merchant, { ...sale, transactionId: "txn_123" })).toThrow(TypeError);
  });

  it("maps the gateway's brands to the layout's card types", () => {
    expect(["visa", "mastercard", "amex", "discover", "jcb", null].map(postingCardTypeForBrand)).toEqual([
      "VISA",
      "MC",
      "AMEX",
      "DISCOVER",
      "OTHER",
      "OTHER",
    ]);
  });
});

describe("Lockbox A", () => {
  it("writes only what was captured this day, a refund with a minus sign at the far left, and the net total", () => {
    const written = text(
      writeAll(lockboxWriter({ captureDate: day("2026-03-02"), lockboxNumber: "4321" }), day1),
    );
    expect(written).toBe(fixture("lockbox-a.txt"));
  });

  it("writes amounts in 15 positions and refuses what does not fit", () => {
    expect(lockboxAmount(0)).toBe("000000000000000");
    expect(lockboxAmount(-7)).toBe("-00000000000007");
    expect(() => lockboxAmount(10 ** 15)).toThrow(RangeError);
    const writer = lockboxWriter({ captureDate: day("2026-03-02"), lockboxNumber: "1" });
    expect(() => writer.record({ ...sale, accountNumber: "A".repeat(21) })).toThrow(TypeError);
    expect(() =>
      lockboxWriter({ captureDate: day("2026-03-02"), lockboxNumber: "1234567" }).header(),
    ).toThrow(TypeError);
  });
});

describe("X12 835", () => {
  it("writes one transaction set per payment or refund, as the hand-written file", () => {
    expect(text(writeAll(x12835Writer(x12Options), day1))).toBe(fixture("dpa835.rep"));
    expect(x12FileName({ account: "SFP 01", businessDay: day("2026-03-02"), sequence: 1 })).toBe(
      "SFP-01_dpa835_20260302_1.rep",
    );
  });

  it("parses cleanly with node-x12: control numbers, segment counts and amounts", () => {
    const edi = text(writeAll(x12835Writer(x12Options), day1));
    const interchange = new X12Parser(true).parse(edi);
    expect("functionalGroups" in interchange).toBe(true);
    if (!("functionalGroups" in interchange)) return;
    // The strict parser checks SE01, SE02 = ST02, GE01 and IEA02 = ISA13 itself (below: it refuses a miscount).
    expect(Number(interchange.header.valueOf(13))).toBe(7);
    expect(Number(interchange.trailer.valueOf(2))).toBe(7);
    const [group] = interchange.functionalGroups;
    expect(interchange.functionalGroups).toHaveLength(1);
    expect(group!.header.valueOf(1)).toBe("HP");
    expect(group!.header.valueOf(8)).toBe("005010X221A1");
    expect(group!.trailer.valueOf(1)).toBe(String(group!.transactions.length));
    expect(group!.transactions).toHaveLength(3);
    const summary = group!.transactions.map((t) => {
      const tags = t.segments.map((s) => s.tag);
      const bpr = t.segments.find((s) => s.tag === "BPR")!;
      return {
        control: [t.header.valueOf(2), t.trailer.valueOf(2)],
        // SE01 counts ST and SE too: node-x12 lists the segments between them.
        counted: Number(t.trailer.valueOf(1)) === t.segments.length + 2,
        bpr: [bpr.valueOf(1), bpr.valueOf(2), bpr.valueOf(3), bpr.valueOf(4), bpr.valueOf(16)],
        paid: t.segments
          .filter((s) => s.tag === "CLP")
          .map((s) => [s.valueOf(1), s.valueOf(3), s.valueOf(4)]),
        hasPayerAndPayee: tags.filter((tag) => tag === "N1").length === 2,
      };
    });
    expect(summary).toEqual([
      {
        control: ["0001", "0001"],
        counted: true,
        bpr: ["H", "125.40", "C", "NON", "20260302"],
        paid: [
          ["ST-1", "100.00", "100.00"],
          ["ST-2", "25.40", "25.40"],
        ],
        hasPayerAndPayee: true,
      },
      {
        control: ["0002", "0002"],
        counted: true,
        bpr: ["H", "25.00", "D", "NON", "20260302"],
        paid: [["ST-9", "-25.00", "-25.00"]],
        hasPayerAndPayee: true,
      },
      {
        control: ["0003", "0003"],
        counted: true,
        bpr: ["H", "70.00", "D", "NON", "20260302"],
        paid: [["ST-4", "-70.00", "-70.00"]],
        hasPayerAndPayee: true,
      },
    ]);
  });

  it("is refused by the same parser when a count or a control number is wrong", () => {
    const edi = text(writeAll(x12835Writer(x12Options), day1));
    for (const [from, to] of [
      ["SE*13*0001", "SE*12*0001"],
      ["GE*3*7", "GE*2*7"],
      ["IEA*1*000000007", "IEA*1*000000008"],
    ]) {
      expect(() => new X12Parser(true).parse(edi.replace(from!, to!))).toThrow(/does not match/);
    }
  });

  it("writes a day without money as an interchange with an empty group, which still parses", () => {
    const edi = text(writeAll(x12835Writer(x12Options), [declined]));
    expect(
      edi
        .split("\n")
        .filter(Boolean)
        .map((s) => s.slice(0, 3)),
    ).toEqual(["ISA", "GS*", "GE*", "IEA"]);
    expect(edi).toContain("GE*0*7~");
    const interchange = new X12Parser(true).parse(edi);
    expect("functionalGroups" in interchange && interchange.functionalGroups[0]!.transactions).toEqual([]);
  });

  it("keeps the delimiters out of values and refuses ids that do not fit", () => {
    const edi = text(writeAll(x12835Writer(x12Options), [{ ...sale, patientLastName: "O*Neil~Smith:^" }]));
    expect(edi).toContain("N1*PR*Pat O Neil Smith*XV*ACC-1001~");
    expect(() => x12835Writer({ ...x12Options, senderId: "S".repeat(16) }).header()).toThrow(TypeError);
    expect(() => x12835Writer({ ...x12Options, controlNumber: 0 })).toThrow(RangeError);
  });
});

describe("payment deposit file IMPDF10", () => {
  it("writes each deposited transaction with its deposit's trace number and effective date", () => {
    const deposit = (
      tx: TPostingTransaction,
      trace: string,
      status: TPostingTransaction["status"],
    ): TDepositItem => ({
      ...tx,
      status,
      traceNumber: trace,
      effectiveDate: day("2026-03-04"),
    });
    const items = [
      deposit(sale, "091000010000001", "S"),
      deposit(refund, "091000010000001", "S"),
      deposit(returned, "091000010000002", "RI"),
    ];
    expect(text(writeAll(depositWriter(merchant), items))).toBe(fixture("deposit.txt"));
    expect(depositFileName({ businessDay: day("2026-03-04"), merchantId: "M1001" })).toBe(
      "PaymentDepositReport-20260304-M1001.txt",
    );
    expect(() => depositWriter(merchant).record({ ...items[0]!, traceNumber: "123" })).toThrow(TypeError);
  });
});
