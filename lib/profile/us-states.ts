import { INTL_LOCALES, type TLocale } from "@/lib/locale";

/** USPS codes for the states, DC, the territories and the military "states". */
export const US_STATES = [
  ["AL", "Alabama"],
  ["AK", "Alaska"],
  ["AZ", "Arizona"],
  ["AR", "Arkansas"],
  ["CA", "California"],
  ["CO", "Colorado"],
  ["CT", "Connecticut"],
  ["DE", "Delaware"],
  ["DC", "District of Columbia"],
  ["FL", "Florida"],
  ["GA", "Georgia"],
  ["HI", "Hawaii"],
  ["ID", "Idaho"],
  ["IL", "Illinois"],
  ["IN", "Indiana"],
  ["IA", "Iowa"],
  ["KS", "Kansas"],
  ["KY", "Kentucky"],
  ["LA", "Louisiana"],
  ["ME", "Maine"],
  ["MD", "Maryland"],
  ["MA", "Massachusetts"],
  ["MI", "Michigan"],
  ["MN", "Minnesota"],
  ["MS", "Mississippi"],
  ["MO", "Missouri"],
  ["MT", "Montana"],
  ["NE", "Nebraska"],
  ["NV", "Nevada"],
  ["NH", "New Hampshire"],
  ["NJ", "New Jersey"],
  ["NM", "New Mexico"],
  ["NY", "New York"],
  ["NC", "North Carolina"],
  ["ND", "North Dakota"],
  ["OH", "Ohio"],
  ["OK", "Oklahoma"],
  ["OR", "Oregon"],
  ["PA", "Pennsylvania"],
  ["RI", "Rhode Island"],
  ["SC", "South Carolina"],
  ["SD", "South Dakota"],
  ["TN", "Tennessee"],
  ["TX", "Texas"],
  ["UT", "Utah"],
  ["VT", "Vermont"],
  ["VA", "Virginia"],
  ["WA", "Washington"],
  ["WV", "West Virginia"],
  ["WI", "Wisconsin"],
  ["WY", "Wyoming"],
  ["AS", "American Samoa"],
  ["GU", "Guam"],
  ["MP", "Northern Mariana Islands"],
  ["PR", "Puerto Rico"],
  ["VI", "U.S. Virgin Islands"],
  ["AA", "Armed Forces Americas"],
  ["AE", "Armed Forces Europe"],
  ["AP", "Armed Forces Pacific"],
] as const satisfies readonly (readonly [string, string])[];

export const US_STATE_CODES: ReadonlySet<string> = new Set(US_STATES.map(([code]) => code));

export type TUsStateCode = (typeof US_STATES)[number][0];

/** The names a Spanish reader knows them by, where they are not the English ones. */
const SPANISH_NAMES: Partial<Record<TUsStateCode, string>> = {
  DC: "Distrito de Columbia",
  HI: "Hawái",
  LA: "Luisiana",
  MI: "Míchigan",
  MS: "Misisipi",
  MO: "Misuri",
  NH: "Nuevo Hampshire",
  NJ: "Nueva Jersey",
  NM: "Nuevo México",
  NY: "Nueva York",
  NC: "Carolina del Norte",
  ND: "Dakota del Norte",
  OR: "Oregón",
  PA: "Pensilvania",
  SC: "Carolina del Sur",
  SD: "Dakota del Sur",
  WV: "Virginia Occidental",
  AS: "Samoa Estadounidense",
  MP: "Islas Marianas del Norte",
  VI: "Islas Vírgenes de los Estados Unidos",
  AA: "Fuerzas Armadas (América)",
  AE: "Fuerzas Armadas (Europa)",
  AP: "Fuerzas Armadas (Pacífico)",
};

/** The states and DC, then the territories, then the military "states", as in `US_STATES`. */
const GROUP_ENDS = [
  US_STATES.findIndex(([code]) => code === "AS"),
  US_STATES.findIndex(([code]) => code === "AA"),
];

/**
 * The address form's choices in the reader's language: the value is always the USPS code, the
 * name is said in that language, and each group (states and DC, territories, military) is in
 * that language's alphabetical order, so "Nueva York" is found among the N.
 */
export const usStateOptions = (locale: TLocale): readonly (readonly [TUsStateCode, string])[] => {
  if (locale === "en") return US_STATES;
  const collator = new Intl.Collator(INTL_LOCALES[locale]);
  const named = US_STATES.map(([code, english]) => [code, SPANISH_NAMES[code] ?? english] as const);
  const sorted = (from: number, to?: number) =>
    named.slice(from, to).sort(([, a], [, b]) => collator.compare(a, b));
  return [
    ...sorted(0, GROUP_ENDS[0]),
    ...sorted(GROUP_ENDS[0]!, GROUP_ENDS[1]),
    ...named.slice(GROUP_ENDS[1]),
  ];
};
