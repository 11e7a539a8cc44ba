/** What a person is told about a decline; never the raw processor text. */
export const declineMessage = (code: string | null) => {
  switch (code) {
    case "insufficient_funds":
      return "Your card was declined for insufficient funds. Try another card or a bank account.";
    case "expired_card":
      return "Your card has expired. Check the expiry date or use another card.";
    case "cvv_mismatch":
      return "The security code (CVV) didn't match. Check it and try again, or use another card.";
    case "zip_mismatch":
      return "The ZIP code didn't match the card's billing address. Check it and try again.";
    default:
      return "Your card was declined. Try another card or a bank account, or contact your bank.";
  }
};
