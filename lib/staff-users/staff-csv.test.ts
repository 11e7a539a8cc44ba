import { describe, expect, it } from "vitest";
import { mapInstamedRoles } from "@/lib/staff-users/instamed-roles";
import { parseStaffCsv } from "@/lib/staff-users/staff-csv";

const HEADER =
  "User ID,Display Name,Email,Password,Home Page,Primary Group,Role 1,Role 2,Role 3,Role 4,Role 5,Role 6,Role 7,Role 8,Role 9,Role 10";

describe("InstaMed roles", () => {
  it("maps names ignoring case and spaces, and keeps the most powerful", () => {
    expect(mapInstamedRoles(["  billing   CLERK ", ""])).toEqual({ role: "BILLING_CLERK" });
    expect(mapInstamedRoles(["Read Only", "Billing Manager", "Cashier"])).toEqual({
      role: "BILLING_MANAGER",
    });
    expect(mapInstamedRoles(["Practice Administrator"])).toEqual({ role: "ADMIN" });
  });

  it("names the first unknown role, and says when none is given", () => {
    expect(mapInstamedRoles(["Billing Clerk", "Wizard"])).toEqual({ unknown: "Wizard" });
    expect(mapInstamedRoles(["", "  "])).toEqual({ none: true });
  });
});

describe("parseStaffCsv", () => {
  it("reads quoted fields, commas, doubled quotes and line breaks inside quotes, and a byte-order mark", () => {
    const text =
      "\uFEFF" +
      [
        HEADER,
        'U1,"Rivera, Pat",Pat.Rivera@Example.com,"Temp,Pass ""1""2",/home,Billing,Billing Clerk,,,,,,,,,',
        'U2,"Sam\nLee",sam@example.com,Temp-Pass-22,,,Auditor,,,,,,,,,',
      ].join("\r\n");
    const { rows, rejected } = parseStaffCsv(text);
    expect(rejected).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        externalUserId: "U1",
        email: "pat.rivera@example.com",
        firstName: "Pat",
        lastName: "Rivera",
        temporaryPassword: 'Temp,Pass "1"2',
        role: "BILLING_CLERK",
      },
      {
        line: 4,
        externalUserId: "U2",
        email: "sam@example.com",
        firstName: "Sam",
        lastName: "Lee",
        temporaryPassword: "Temp-Pass-22",
        role: "AUDITOR",
      },
    ]);
  });

  it("finds columns by their header in any order, and needs Role 1 only", () => {
    const { rows } = parseStaffCsv(
      ["email,role 1,PASSWORD,display name,user id", "a@example.com,Cashier,Temp-Pass-33,Ann Bee,A1"].join(
        "\n",
      ),
    );
    expect(rows).toMatchObject([
      { email: "a@example.com", role: "BILLING_CLERK", firstName: "Ann", lastName: "Bee" },
    ]);
  });

  it("rejects bad rows with their line and reason, never quoting the password", () => {
    const { rows, rejected } = parseStaffCsv(
      [
        HEADER,
        ",No Id,n@example.com,Temp-Pass-44,,,Cashier,,,,,,,,,",
        "B1,Bad Mail,not-an-email,Temp-Pass-44,,,Cashier,,,,,,,,,",
        "B2,Weak Pass,w@example.com,secret,,,Cashier,,,,,,,,,",
        "B3,Odd Role,o@example.com,Temp-Pass-44,,,Cashier,Wizard,,,,,,,,",
        "B4,No Role,r@example.com,Temp-Pass-44,,,,,,,,,,,,",
        "B5,Good One,g@example.com,Temp-Pass-44,,,Cashier,,,,,,,,,",
        "B6,Same Mail,G@example.com,Temp-Pass-44,,,Cashier,,,,,,,,,",
        "B5,Same Id,s@example.com,Temp-Pass-44,,,Cashier,,,,,,,,,",
      ].join("\n"),
    );
    expect(rows.map((r) => r.line)).toEqual([7]);
    expect(rejected).toEqual([
      { line: 2, reason: "The User ID is empty." },
      { line: 3, reason: "The Email is not a valid email address." },
      {
        line: 4,
        reason:
          "The temporary Password does not meet the password rules (At least 10 characters, with a letter and a number.)",
      },
      { line: 5, reason: "Unknown role “Wizard” (docs/staff-users.md lists the roles we know)." },
      { line: 6, reason: "No role is given (Role 1 to Role 10 are all empty)." },
      { line: 8, reason: "The Email repeats line 7." },
      { line: 9, reason: "The User ID repeats line 7." },
    ]);
    expect(JSON.stringify(rejected)).not.toContain("secret");
  });

  it("refuses a file without the needed columns, or that is not CSV", () => {
    expect(() => parseStaffCsv("")).toThrow("The file is empty.");
    expect(() => parseStaffCsv("Name,Email\nA,a@example.com")).toThrow(
      "The header has no “User Id”, “Display Name”, “Password”, “Role 1” column.",
    );
    expect(() => parseStaffCsv(`${HEADER}\nU1,"unterminated,x@example.com`)).toThrow(
      /^This is not a readable CSV file/,
    );
  });
});
