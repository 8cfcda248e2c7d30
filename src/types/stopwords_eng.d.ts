declare module 'stopword/src/stopwords_eng.js' {
  /** stopword's English list, from its one-language module. */
  export const eng: string[];
}
