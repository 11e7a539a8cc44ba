/** Password rules, shared by the browser and the server. */
export const PASSWORD_RULES = "At least 10 characters, with a letter and a number.";
export const isStrongEnough = (password: string) =>
  password.length >= 10 && password.length <= 200 && /[A-Za-z]/.test(password) && /\d/.test(password);
