import { createHash } from 'node:crypto';

/**
 * Every word list Dossier's text processing and question reading use, in one place: the stop words added to
 * the generic English list, chat shorthand, symbols and magnitudes, and the words that mark a person, an
 * organisation, a date, a figure, a cause, a denial or a sentence leaning on the one before. The fitted answer
 * model weighs what these lists find; a rule for one failed question does not belong here. Tables derived from
 * WordNet and word vectors (related terms, phrasal verbs) are built by scripts/ beside this folder.
 */

/**
 * Words dropped from questions and passages on top of the generic English list. Questions are full of them,
 * and each one left in matches most of the corpus (measured: question queries ~500× slower at 20k passages).
 */
export const EXTRA_STOP_WORDS = [
  'when',
  'why',
  'whom',
  'whose',
  'which',
  'what',
  'who',
  'where',
  'how',
  'does',
  'do',
  'did',
  'done',
  'doing',
  'can',
  'could',
  'would',
  'should',
  'will',
  'shall',
  'may',
  'might',
  'must',
  'tell',
  'say',
  'said',
  'according',
  'please',
  'explain',
  'describe',
  'happen',
  'happened',
  'many',
  'much',
  'kind',
  'sort',
  'also',
  'there',
  'their',
  'they',
  'them',
  'its',
  'it',
  'has',
  'have',
  'had',
  'been',
  'being',
  'was',
  'were',
  'is',
  'are',
  'be',
  'the',
  'a',
  'an',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'from',
  'with',
  'about',
  'into',
  'this',
  'that',
  'these',
  'those',
  'than',
  'then',
  'any',
  'some',
  'all',
  'me',
  'my',
  'you',
  'your',
  // Common enough in news to match most passages, and no help in finding the one that answers.
  'she',
  'not',
  'no',
  'nor',
  'per',
  'just',
  'one',
  // "Which city saw the worst violence?" asks where; "not seen since 1991" is no answer to it. ("Saw" and
  // "seen" are dropped with their base form.)
  'see',
  // Particles of phrasal verbs: "kick off" and "took off" share nothing but the particle. "Back" stays, as
  // in "backed the account".
  'off',
  'down',
  'away',
  'along',
  'around',
] as const;

/** Shorthand people type in chat, which articles spell out, with an example each. */
export const CHAT_SHORTHAND: ReadonlyArray<{ pattern: RegExp; spelt: string; example: string }> = [
  { pattern: /\bppl\b/gi, spelt: 'people', example: 'how many ppl died' },
  { pattern: /\bgov(?:t|'t|’t)\b/gi, spelt: 'government', example: 'what did the govt say' },
  // "PM" after a figure is the time of day.
  { pattern: /(?<![\d:.]\s?)\bPMs?\b/gi, spelt: 'prime minister', example: 'who is the acting PM?' },
  { pattern: /\bpres\b/gi, spelt: 'president', example: 'what did the pres announce' },
  { pattern: /\bintl\b/gi, spelt: 'international', example: 'intl reaction?' },
  { pattern: /\bdept\b/gi, spelt: 'department', example: 'which dept ran it' },
  { pattern: /\bw\/(?=\s)/gi, spelt: 'with', example: 'who met w/ the president' },
  { pattern: /\bb\/c\b/gi, spelt: 'because', example: 'they left b/c of the deal' },
  // Lower case only: "300 BC" is a date.
  { pattern: /\bbc\b|\b(?:cuz|coz)\b/g, spelt: 'because', example: 'they left bc of the deal' },
  { pattern: /\bw\/o\b/gi, spelt: 'without', example: 'who governs w/o a parliament' },
  { pattern: /\bthru\b/gi, spelt: 'through', example: 'did the convoy go thru Almaty' },
  { pattern: /\byrs\b/gi, spelt: 'years', example: 'how many yrs did he rule' },
  { pattern: /\byr\b/gi, spelt: 'year', example: 'what happened last yr' },
  { pattern: /\bapprox\b/gi, spelt: 'approximately', example: 'approx how many were hurt' },
  // Only after a figure: "mil" alone is as often "military". ("350mil" is a magnitude, below.)
  { pattern: /(?<=\d\s)mil\b/gi, spelt: 'million', example: 'was it 350 mil' },
];

/**
 * Symbols and spellings that stand for one index term, so that "5%", "5 per cent" and "5 percent" meet. Each
 * is also a token of its own (src/text/textProcessing.ts).
 */
export const WORD_SYMBOLS: Readonly<Record<string, string>> = {
  '%': 'percent',
  'per cent': 'percent',
};

/**
 * Magnitudes written after a figure, as in "£350m", "$2.5bn", "10k" and "1.2tn". A question matches the
 * figure: "£350m" meets "£350 million" on 350, and "10k" is the 10,000 it abbreviates.
 */
export const MAGNITUDE_SUFFIXES: Readonly<Record<string, number | 'figure'>> = {
  k: 1000,
  m: 'figure',
  mn: 'figure',
  mil: 'figure',
  bn: 'figure',
  b: 'figure',
  tn: 'figure',
  trn: 'figure',
};

/**
 * What a person is or does. Beside a capitalised pair it marks a person ("General Andrei Serdiukov", "Nikol
 * Pashinyan, who chairs…"); after "which" it asks for one ("Which Russian general…", "Which US diplomat…").
 */
export const PERSON_ROLES = [
  'general',
  'president',
  'minister',
  'commander',
  'leader',
  'head',
  'chief',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'official',
  'ally',
  'predecessor',
  'successor',
  'adviser',
  'aide',
  'ambassador',
  'governor',
  'mayor',
  'secretary',
  'director',
  'founder',
  'colonel',
  'officer',
  'premier',
  'chairman',
  'envoy',
  'prosecutor',
  'judge',
  'diplomat',
  'loyalist',
  'politician',
  'journalist',
  'activist',
] as const;

/** Words that make a capitalised run an organisation or a place, not a person: "the Russian Defense Ministry". */
export const ORGANISATION_WORDS = [
  'Ministry',
  'Department',
  'Council',
  'Committee',
  'Organization',
  'Organisation',
  'Alliance',
  'Force',
  'Forces',
  'Office',
  'Agency',
  'Union',
  'Party',
  'Bank',
  'Court',
  'Parliament',
  'Government',
  'Service',
  'Guard',
  'Army',
  'Police',
  'Authority',
  'Authorities',
  'Republic',
  'Square',
  'Avenue',
  'Street',
  'Airport',
  'Region',
  'University',
  'Institute',
  'News',
  'Media',
  'Press',
  'Times',
  'Post',
  'Herald',
  'Wire',
] as const;

/** Month names and the abbreviations articles use for them. */
export const MONTHS = [
  ['January', 'Jan'],
  ['February', 'Feb'],
  ['March', 'Mar'],
  ['April', 'Apr'],
  ['May'],
  ['June', 'Jun'],
  ['July', 'Jul'],
  ['August', 'Aug'],
  ['September', 'Sept', 'Sep'],
  ['October', 'Oct'],
  ['November', 'Nov'],
  ['December', 'Dec'],
] as const;

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** Words a question may put before "when" or "what date": "By what date…", "Until when…". */
export const DATE_PREPOSITIONS = ['by', 'until', 'till', 'since', 'before', 'after', 'from'] as const;

/** Numbers written out that count as a figure for "how many". */
export const EXACT_NUMBER_WORDS = [
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'a hundred',
  'a thousand',
] as const;

/** Amounts that answer "how many" only vaguely. */
export const VAGUE_NUMBER_WORDS = [
  'dozen',
  'dozens',
  'scores',
  'hundreds',
  'thousands',
  'millions',
  'billions',
] as const;

/**
 * The units a figure is measured in, by the kind of quantity a question asks for: "how much did it cost"
 * wants money, "how long" a time or a length, "how far" a distance. A figure in other units ("6,000 barrels"
 * for a cost) answers it less surely than one in the asked units.
 */
export const QUANTITY_UNITS = {
  money: [
    'dollars',
    'dollar',
    'euros',
    'euro',
    'pounds',
    'pound',
    'yen',
    'yuan',
    'rupees',
    'roubles',
    'rubles',
    'francs',
    'pesos',
    'tenge',
    'livres',
    'marks',
    'shillings',
    'crowns',
    'cents',
    'usd',
    'eur',
    'gbp',
  ],
  time: [
    'seconds',
    'second',
    'minutes',
    'minute',
    'mins',
    'hours',
    'hour',
    'hrs',
    'days',
    'day',
    'nights',
    'night',
    'weeks',
    'week',
    'fortnights',
    'months',
    'month',
    'years',
    'year',
    'yrs',
    'decades',
    'decade',
    'centuries',
    'century',
  ],
  length: [
    'metres',
    'metre',
    'meters',
    'meter',
    'm',
    'kilometres',
    'kilometre',
    'kilometers',
    'kilometer',
    'km',
    'miles',
    'mile',
    'feet',
    'foot',
    'ft',
    'inches',
    'inch',
    'centimetres',
    'centimeters',
    'cm',
    'millimetres',
    'mm',
    'yards',
    'yard',
  ],
  percent: ['per cent', 'percent', 'percentage points'],
} as const;

/**
 * Words that make "how much" a question about money: "How much did the repairs cost?", "How much was paid?".
 */
export const MONEY_QUESTION_WORDS = [
  'cost',
  'costs',
  'price',
  'pay',
  'paid',
  'spend',
  'spent',
  'worth',
  'lend',
  'lent',
  'loan',
  'earn',
  'earned',
  'charge',
  'charged',
  'fine',
  'fined',
  'owe',
  'owed',
  'borrow',
  'borrowed',
  'donate',
  'donated',
  'invest',
  'invested',
  'sell',
  'sold',
  'buy',
  'bought',
  'ransom',
  'budget',
  'salary',
  'fee',
  'money',
  'funding',
  'compensation',
] as const;

/** Words that introduce a cause ("after the government lifted a cap"). */
export const CAUSE_BEFORE_CLAUSE = [
  'because',
  'due to',
  'after',
  'against',
  'over',
  'amid',
  'following',
  'in protest',
  'as a result of',
] as const;

/** Words that follow a cause ("…motivated the mobilization"). */
export const CAUSE_AFTER_CLAUSE = ['motivated', 'caused', 'triggered', 'sparked', 'led to'] as const;

/** A sentence opening with one of these leans on the one before it ("He called the rioters…"). */
export const LEANING_OPENERS = [
  'it',
  'they',
  'he',
  'she',
  'this',
  'these',
  'those',
  'his',
  'her',
  'their',
  'its',
  'such',
] as const;

/** Linking words that may stand before a leaning opener: "Thus, he…". */
export const LINKING_WORDS = [
  'Thus',
  'However',
  'But',
  'And',
  'So',
  'Also',
  'Yet',
  'Still',
  'Meanwhile',
  'Instead',
  'Then',
  'Later',
  'Earlier',
  'Moreover',
  'Furthermore',
  'Nevertheless',
  'In addition',
  'At the same time',
] as const;

/** Words that deny what a sentence says ("never", "not"); "n't" is matched as a suffix. */
export const NEGATION_WORDS = [
  'not',
  'never',
  'no',
  'none',
  'nobody',
  'nothing',
  'without',
  'neither',
  'nor',
] as const;

/** Prefixes that turn a word into its opposite: "uninvited" against "invited", "nonviolent" against "violent". */
export const NEGATING_PREFIXES = ['un', 'in', 'im', 'il', 'ir', 'non', 'dis'] as const;

/** Small words inside a spelled-out name that an acronym skips: "Collective Security Treaty Organization". */
export const ACRONYM_JOINING_WORDS = ['of', 'the', 'and', 'for', 'de', 'du', 'des', 'la', 'le'] as const;

/** Words of a list as one regular-expression alternation, longest first so no word stops at a shorter one. */
export function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

/**
 * Changes whenever any list changes: it is part of the index snapshot's key, so a snapshot built with other
 * lists is never loaded.
 */
export const LEXICON_HASH = createHash('sha256')
  .update(
    JSON.stringify([
      EXTRA_STOP_WORDS,
      CHAT_SHORTHAND.map(({ pattern, spelt }) => [pattern.source, pattern.flags, spelt]),
      WORD_SYMBOLS,
      MAGNITUDE_SUFFIXES,
      PERSON_ROLES,
      ORGANISATION_WORDS,
      MONTHS,
      WEEKDAYS,
      DATE_PREPOSITIONS,
      EXACT_NUMBER_WORDS,
      VAGUE_NUMBER_WORDS,
      QUANTITY_UNITS,
      MONEY_QUESTION_WORDS,
      CAUSE_BEFORE_CLAUSE,
      CAUSE_AFTER_CLAUSE,
      LEANING_OPENERS,
      LINKING_WORDS,
      NEGATION_WORDS,
      NEGATING_PREFIXES,
      ACRONYM_JOINING_WORDS,
    ]),
  )
  .digest('hex')
  .slice(0, 12);
