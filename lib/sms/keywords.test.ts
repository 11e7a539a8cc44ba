import { describe, expect, it } from "vitest";
import { parseKeyword } from "@/lib/sms/keywords";

describe("inbound keywords", () => {
  it.each([
    ["STOP", "STOP"],
    ["stop", "STOP"],
    [" Stop. ", "STOP"],
    ["STOPALL", "STOP"],
    ["unsubscribe", "STOP"],
    ["Cancel", "STOP"],
    ["END", "STOP"],
    ["quit!", "STOP"],
    ["HELP", "HELP"],
    ["info", "HELP"],
    ["START", "START"],
    ["unstop", "START"],
    ["Yes", "START"],
  ])("reads %j as %s", (body, keyword) => {
    expect(parseKeyword(body)?.keyword).toBe(keyword);
  });

  it("keeps the word as sent, upper-cased", () => {
    expect(parseKeyword(" quit. ")).toEqual({ keyword: "STOP", word: "QUIT" });
  });

  it.each(["", "please stop texting me", "STOP NOW", "stopp", "helpme", "yes please", "S T O P"])(
    "reads %j as no keyword",
    (body) => {
      expect(parseKeyword(body)).toBeNull();
    },
  );
});
