import {
  alternation,
  CAUSE_AFTER_CLAUSE,
  CAUSE_BEFORE_CLAUSE,
  DATE_PREPOSITIONS,
  EXACT_NUMBER_WORDS as EXACT_NUMBER_WORDS_LIST,
  MONEY_QUESTION_WORDS,
  MONTHS,
  ORGANISATION_WORDS,
  PERSON_ROLES,
  QUANTITY_UNITS,
  VAGUE_NUMBER_WORDS as VAGUE_NUMBER_WORDS_LIST,
  WEEKDAYS,
} from '../text/lexicon.ts';
import { STOP_WORDS, termsOf } from '../text/textProcessing.ts';

/** The kind of information a question asks for, read from its wording. */
export type AnswerType = 'person' | 'date' | 'number' | 'place' | 'list' | 'reason' | 'any';

// Verbs that follow "what" or "which" without naming a kind of thing: "What is…" asks for no list.
const NOT_A_KIND = /\b(?:which|what) (?:is|was|are|were|does|did|has|had|happens|remains|means)\b/g;

const ROLES = alternation(PERSON_ROLES);

const QUESTION_PATTERNS: Array<[AnswerType, RegExp]> = [
  // First: "Why did the price double?" asks for a cause, not for the price.
  ['reason', /^\s*why\b/],
  [
    'number',
    /\bhow (many|much|long|large|big|old|far|tall|high|deep|wide)\b|\bwhat (number|percentage|share|amount|size)\b|\b(total|number|count|size|toll|population|price|cost|value) of\b|\bdeath toll\b/,
  ],
  [
    'date',
    new RegExp(
      `^\\s*(?:(?:${DATE_PREPOSITIONS.join('|')}) )?when\\b|\\b(what|which) (date|day|time|year|month)\\b|\\bwhat(?:'s)? the (?:[\\w-]+ ){0,2}?(?:date|deadline|day)\\b`,
    ),
  ],
  [
    'place',
    /^\s*(?:from )?where\b|\b(which|what|in what) (city|country|town|place|region|province|location)\b/,
  ],
  // Up to two words may stand between: "which Nazarbayev loyalist"; but "what [did] the president say" asks
  // what was said.
  ['person', new RegExp(`\\b(?:which|what) (?:(?!the |an? )[\\w-]+ ){0,2}?(?:person|man|woman|${ROLES})\\b`)],
  ['list', /\b(which|what) \w+(ies|s)\b/],
  ['person', /^\s*(who|whom|whose)\b/],
  ['reason', /\bwhat (caused|triggered|sparked|led to)\b/],
];

// Words that frame a question rather than say what it is about: in "By what date…", "Which nations…",
// "What is the name of…" or "Who was in charge of…", the framing noun names the kind of answer wanted.
const QUESTION_FRAMES = [
  /\b(?:what|which)\s+(?:exact\s+)?(?:date|day|time|year|month|number|percentage|amount|share|size|kind|sort|type|nations?|countries|country|cities|city|towns?|places?|people|persons?|groups?|organi[sz]ations?|leaders?|officials?|politicians?)\b/gi,
  /\b(?:the\s+)?(?:name|names|identity)\s+of\b/gi,
  /\bin charge of\b/gi,
  /\bhow\s+(?:many|much|long|large|big|old|far|often|high|tall|wide)\b/gi,
  /\bon what basis\b/gi,
];

// Words that say when something is meant to happen, not what happens: "due to finish", "expected to leave".
// "the deadline for the departure" asks when the departure is due, in the same way.
const SCHEDULE_FRAME = /\b(?:due|expected|scheduled|supposed|set|planned|going) to\b|\bdeadline\b/gi;

// A request phrased as an order asks the same as a "which" question: "Name the commander…", "List the
// countries…", "Tell me who…".
const IMPERATIVE =
  /^\s*(?:please\s+)?(?:(?:can|could) you\s+)?(?:name|list|identify|give me|tell me|show me)\s+(?:the\s+)?/i;

/** The question as a question: an order to name or list something becomes a "which" question. */
function asQuestion(question: string): string {
  const match = IMPERATIVE.exec(question);
  if (!match) return question;
  const rest = question.slice(match[0].length);
  return /^\s*(?:who|whom|whose|what|which|when|where|why|how)\b/i.test(rest) ? rest : `which ${rest}`;
}

/** The question with its framing words removed, leaving what it is about. */
export function questionSubject(question: string): string {
  return QUESTION_FRAMES.reduce(
    (text, frame) => text.replace(frame, (match) => match.split(/\s+/)[0] ?? ''),
    asQuestion(question).replace(SCHEDULE_FRAME, ' '),
  );
}

// "Who is Karim Massimov?" asks what the corpus says of someone it names, not for another name.
const WHO_IS_NAMED = /^\s*[Ww]ho\s+(?:is|was|are|were)\s+(?:the\s+)?\p{Lu}/u;

/** Reads the expected answer type from the question's wording. */
export function expectedAnswerType(question: string): AnswerType {
  const asked = asQuestion(question);
  if (WHO_IS_NAMED.test(asked)) return 'any';
  const lower = asked.toLowerCase().replace(NOT_A_KIND, 'what');
  return QUESTION_PATTERNS.find(([, pattern]) => pattern.test(lower))?.[0] ?? 'any';
}

const MONTH = `(?:${alternation(MONTHS.flat())})`;
const WEEKDAY = `(?:${alternation(WEEKDAYS)})`;
const EXACT_NUMBER_WORDS = alternation(EXACT_NUMBER_WORDS_LIST);
const VAGUE_NUMBER_WORDS = alternation(VAGUE_NUMBER_WORDS_LIST);

// Words that introduce a cause ("after the government lifted a cap"), and words that follow one ("…motivated
// the mobilization").
const CAUSE_FOLLOWS = new RegExp(`\\b(?:${alternation(CAUSE_BEFORE_CLAUSE)})\\b`, 'gi');
const CAUSE_PRECEDES = new RegExp(`\\b(?:${alternation(CAUSE_AFTER_CLAUSE)})\\b`, 'gi');
/** Terms of a clause looked at beside a cause word: about as many as "the government lifted a price cap". */
const CAUSE_CLAUSE_TERMS = 5;

const EVIDENCE: Record<Exclude<AnswerType, 'any' | 'person' | 'reason'>, RegExp> = {
  date: new RegExp(
    `\\b(?:${MONTH}\\.? \\d{1,2}|\\d{1,2} ${MONTH}|${WEEKDAY}|(?:19|20)\\d{2}|yesterday|today|tomorrow|(?:last|next|this) (?:week|month|year|morning|evening))\\b`,
  ),
  number: new RegExp(`\\d|\\b(?:${EXACT_NUMBER_WORDS})\\b`, 'i'),
  // "in Almaty", and "in the western oil town of Zhanaozen".
  place: /\b(?:in|at|from|near|into|across|outside|inside)\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,4}?\p{Lu}/u,
  list: /\p{Lu}[\p{L}-]+(?:,\s+\p{Lu}[\p{L}-]+)+,?\s+(?:and|or)\s+\p{Lu}[\p{L}-]+/u,
};

// Two capitalised words in a row ("Andrei Serdiukov"), or a title before a name ("General Serdiukov").
const NAME =
  /\b(?:General|Gen\.|President|Minister|Colonel|Mr\.|Mrs\.|Ms\.|Dr\.)\s+\p{Lu}|\p{Lu}[\p{Ll}’'-]+\s+\p{Lu}[\p{Ll}’'-]+/gu;
// A capitalised pair is a person, not "Central Asia", when a role or a speech verb stands near it.
const PERSON_CUE = new RegExp(`\\b(?:said|says|told|according|allies|${ROLES})\\b`, 'i');
const PERSON_CUE_WINDOW = 60;
const CAPITALISED_RUN = /^(?:\p{Lu}[\p{L}’'.-]*\s*)+/u;
const ORGANISATION_WORD = new RegExp(`\\b(?:${alternation(ORGANISATION_WORDS)})\\b`, 'u');

// A day of the calendar, as opposed to "on Thursday" or "last week", which only the article's date places.
const CALENDAR_DATE = new RegExp(
  `\\b(?:${MONTH}\\.? \\d{1,2}|\\d{1,2} ${MONTH}|${MONTH},? (?:19|20)\\d{2})\\b`,
);
// Figures that are part of a date: "January 2" and "in 2019" count nothing.
const DATE_FIGURES = new RegExp(
  `\\b(?:${MONTH}\\.? \\d{1,2}(?:,? (?:19|20)\\d{2})?|\\d{1,2} ${MONTH}|(?:19|20)\\d{2}(?![\\d,]))\\b`,
  'g',
);
/** How much a date that only the article's date places counts, against a calendar date. */
const RELATIVE_DATE_STRENGTH = 0.6;
// "By what date…", "Until when…": the answer states the date with the same preposition.
const DATE_PREPOSITION = new RegExp(
  `^\\s*(${DATE_PREPOSITIONS.join('|')})\\s+(?:when|what (?:date|day|time))\\b`,
  'i',
);

/** How much a vague amount ("dozens", "hundreds") counts against a figure for "how many". */
const VAGUE_NUMBER_STRENGTH = 0.6;

const VAGUE_NUMBER = new RegExp(`\\b(?:${VAGUE_NUMBER_WORDS})\\b`, 'i');

/** How much a figure in other units than the asked ones counts ("6,000 barrels" for "how much did it cost"). */
const OTHER_UNITS_STRENGTH = 0.3;

type Quantity = 'money' | 'age' | 'time' | 'length' | 'percent';

// The first pattern a question matches says which units answer it; "how many" takes any figure.
const ASKED_QUANTITIES: Array<[RegExp, Quantity[]]> = [
  [/\bhow old\b/, ['age']],
  [/\bhow long\b/, ['time', 'length']],
  // "How high did prices climb?" and "How far did oxygen levels fall?" measure in money and percent too.
  [/\bhow (?:far|high|deep)\b/, ['length', 'percent', 'money']],
  [/\bhow (?:tall|wide)\b/, ['length']],
  // "How much of the population…" asks for a share; "how much of a fee" for money.
  [/\bwhat (?:percentage|percent|proportion|share)\b|\bhow much of (?!an? )/, ['percent']],
  [new RegExp(`\\bhow much\\b.*\\b(?:${alternation(MONEY_QUESTION_WORDS)})\\b`), ['money']],
];

const FIGURE = `(?:\\d[\\d,.]*(?:\\s?(?:m|bn|k|million|billion|trillion))?|${EXACT_NUMBER_WORDS}|one|an?|several|a few)`;
const unitAfterFigure = (units: readonly string[]) =>
  `\\b${FIGURE}(?:\\s|-)?(?:[\\p{L}.]+\\s)?(?:${alternation(units)})\\b`;

const MEASURED_IN: Record<Quantity, RegExp> = {
  money: new RegExp(
    `[$£€¥₹]\\s?\\d|${unitAfterFigure(QUANTITY_UNITS.money)}|\\b(?:usd|eur|gbp)\\s?\\d`,
    'iu',
  ),
  age: new RegExp(
    `\\b\\d{1,3}-year-old\\b|\\b${FIGURE}[\\s-]years?[\\s-]old\\b|\\baged\\s+\\d|,\\s\\d{1,3},`,
    'i',
  ),
  time: new RegExp(unitAfterFigure(QUANTITY_UNITS.time), 'iu'),
  length: new RegExp(unitAfterFigure(QUANTITY_UNITS.length), 'iu'),
  percent: new RegExp(
    `\\d\\s?%|${unitAfterFigure(QUANTITY_UNITS.percent)}|\\b(?:half|a third|a quarter|two-thirds|three-quarters)\\b`,
    'iu',
  ),
};

/** The units a "how…" question's answer is measured in, or undefined when any figure answers it. */
function quantityAsked(question: string): Quantity[] | undefined {
  const lower = question.toLowerCase();
  return ASKED_QUANTITIES.find(([pattern]) => pattern.test(lower))?.[1];
}

function numberEvidence(sentence: string, quantities: readonly Quantity[] | undefined): number {
  const figure = EVIDENCE.number.test(sentence) ? 1 : VAGUE_NUMBER.test(sentence) ? VAGUE_NUMBER_STRENGTH : 0;
  if (figure === 0 || !quantities) return figure;
  return quantities.some((quantity) => MEASURED_IN[quantity].test(sentence))
    ? figure
    : Math.min(figure, OTHER_UNITS_STRENGTH);
}

// "by January 22", "since Monday": a date stated with each preposition a question may ask it with.
const DATE_AFTER = new Map<string, RegExp>(
  DATE_PREPOSITIONS.map((preposition) => [
    preposition,
    new RegExp(`\\b${preposition} (?:the )?(?:${MONTH}|\\d{1,2} ${MONTH}|${WEEKDAY}|(?:19|20)\\d{2})`, 'i'),
  ]),
);

/** How a date answering the question is stated, when it asks with a preposition ("by January 22"). */
function dateStatedAs(question: string): RegExp | undefined {
  const preposition = DATE_PREPOSITION.exec(question)?.[1]?.toLowerCase();
  return preposition ? DATE_AFTER.get(preposition) : undefined;
}

function dateEvidence(sentence: string, stated: RegExp | undefined): number {
  if (!EVIDENCE.date.test(sentence)) return 0;
  if (stated) return stated.test(sentence) ? 1 : RELATIVE_DATE_STRENGTH;
  return CALENDAR_DATE.test(sentence) || /\b(?:19|20)\d{2}\b/.test(sentence) ? 1 : RELATIVE_DATE_STRENGTH;
}

/**
 * How well a sentence carries the kind of information the question wants, beyond what the question already
 * says, from 0 (not at all) to 1: a "who" question is not answered by repeating the name it asked about, a
 * "how many" question not by the day of a date, and "on what date" is answered best by a day of the calendar.
 */
export function answerEvidence(sentence: string, type: AnswerType, question: string): number {
  return evidenceFor(type, question)(sentence);
}

/**
 * `answerEvidence` for one question's sentences: what the question's wording asks for is read once, not again
 * for each of them.
 */
export function evidenceFor(type: AnswerType, question: string): (sentence: string) => number {
  if (type === 'any') return () => 0;
  if (type === 'date') {
    const stated = dateStatedAs(question);
    return (sentence) => dateEvidence(sentence, stated);
  }
  if (type === 'number') {
    const quantities = quantityAsked(question);
    return (sentence) => numberEvidence(sentence.replace(DATE_FIGURES, ''), quantities);
  }
  if (type === 'reason') {
    const asked = new Set(termsOf(question));
    return (sentence) => (statesCause(sentence, asked) ? 1 : 0);
  }
  if (type === 'person') {
    const asked = question.toLowerCase();
    return (sentence) => (namesSomeoneElse(peopleNamedIn(sentence), asked) ? 1 : 0);
  }
  const pattern = EVIDENCE[type];
  return (sentence) => (pattern.test(sentence) ? 1 : 0);
}

/**
 * Whether a sentence gives a cause that is not the question itself: "after the price of gas doubled" does not
 * say why the price doubled, "after the government lifted a cap" does.
 */
function statesCause(sentence: string, asked: ReadonlySet<string>): boolean {
  const clauses = [
    ...[...sentence.matchAll(CAUSE_FOLLOWS)].map((match) =>
      termsOf(sentence.slice(match.index + match[0].length).split(/[,;:.]/)[0] ?? '').slice(
        0,
        CAUSE_CLAUSE_TERMS,
      ),
    ),
    ...[...sentence.matchAll(CAUSE_PRECEDES)].map((match) =>
      termsOf(sentence.slice(0, match.index).split(/[,;:]/).at(-1) ?? '').slice(-CAUSE_CLAUSE_TERMS),
    ),
  ];
  return clauses.some((clause) => clause.filter((term) => !asked.has(term)).length > clause.length / 2);
}

/**
 * The people a sentence names, each as the lower-cased words of its name: capitalised names with a person cue
 * near them, and no organisation's word in them. It depends on the sentence alone, so a passage's reading
 * keeps it for every "who" question after the first (see `PassageReading.peopleNamed`).
 */
export function peopleNamedIn(sentence: string): string[][] {
  const people: string[][] = [];
  for (const match of sentence.matchAll(NAME)) {
    const words = match[0].split(/\s+/).filter((word) => /^\p{Lu}\p{Ll}/u.test(word));
    // "The Kazakh president" is capitalised only because a sentence starts there.
    if (STOP_WORDS.has(words[0]?.toLowerCase() ?? '')) words.shift();
    if (words.length < 2 && !/^(General|Gen\.|President|Minister|Colonel|M[rs]s?\.|Dr\.)/.test(match[0]))
      continue;
    // "the Russian Defense Ministry" is capitalised as a name is, and is no person.
    const run = CAPITALISED_RUN.exec(sentence.slice(match.index))?.[0] ?? match[0];
    if (ORGANISATION_WORD.test(run)) continue;
    const start = Math.max(0, match.index - PERSON_CUE_WINDOW);
    if (!PERSON_CUE.test(sentence.slice(start, match.index + match[0].length + PERSON_CUE_WINDOW))) continue;
    people.push(words.map((word) => word.toLowerCase()));
  }
  return people;
}

/** Whether one of the people named has a word the question, lower-cased, lacks: someone it did not name. */
export function namesSomeoneElse(people: readonly (readonly string[])[], askedLowerCase: string): boolean {
  return people.some((words) => words.some((word) => !askedLowerCase.includes(word)));
}
