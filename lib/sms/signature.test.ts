import { describe, expect, it } from "vitest";
import { isValidTwilioSignature, twilioSignature } from "@/lib/sms/signature";

// Twilio's own published example (its security documentation and helper libraries).
const example = {
  url: "https://mycompany.com/myapp.php?foo=1&bar=2",
  params: {
    CallSid: "CA1234567890ABCDE",
    Caller: "+14158675309",
    Digits: "1234",
    From: "+14158675309",
    To: "+18005551212",
  },
  authToken: "12345",
};

describe("Twilio request signature", () => {
  it("matches Twilio's published example", () => {
    expect(twilioSignature(example)).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  });

  it("does not depend on the order the parameters come in", () => {
    const reversed = Object.fromEntries(Object.entries(example.params).reverse());
    expect(twilioSignature({ ...example, params: reversed })).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  });

  it("accepts the right signature and refuses a missing or altered one", () => {
    const signature = twilioSignature(example);
    expect(isValidTwilioSignature({ ...example, signature })).toBe(true);
    expect(isValidTwilioSignature({ ...example, signature: null })).toBe(false);
    expect(isValidTwilioSignature({ ...example, signature: "" })).toBe(false);
    expect(isValidTwilioSignature({ ...example, signature: signature.slice(1) })).toBe(false);
    expect(isValidTwilioSignature({ ...example, authToken: "54321", signature })).toBe(false);
    expect(isValidTwilioSignature({ ...example, url: "https://mycompany.com/other", signature })).toBe(false);
    expect(
      isValidTwilioSignature({ ...example, params: { ...example.params, Digits: "9999" }, signature }),
    ).toBe(false);
  });
});
