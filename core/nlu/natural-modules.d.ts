// Deep imports of natural's modules: importing natural's index loads its storage back-ends, which
// read ./.env and print to stdout (see ../shared/notes/gotchas.md). These are the pieces we use.
declare module "natural/lib/natural/distance/levenshtein_distance.js" {
  const distance: {
    DamerauLevenshteinDistance(a: string, b: string, options?: { transposition_cost?: number }): number;
    LevenshteinDistance(a: string, b: string): number;
  };
  export default distance;
}
declare module "natural/lib/natural/distance/jaro-winkler_distance.js" {
  const jaroWinkler: (a: string, b: string, options?: { ignoreCase?: boolean }) => number;
  export default jaroWinkler;
}
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const porter: { stem(word: string): string };
  export default porter;
}
declare module "natural/lib/natural/util/stopwords.js" {
  export const words: string[];
}
