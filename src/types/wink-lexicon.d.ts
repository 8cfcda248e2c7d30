declare module 'wink-lexicon/src/wn-verb-exceptions.js' {
  /** Irregular verb forms and their base form: "began" → "begin". */
  const verbExceptions: Readonly<Record<string, string>>;
  export default verbExceptions;
}
