/**
 * Text-similarity metrics with their standard definitions: Levenshtein edit distance, ROUGE-N (Lin 2004) and
 * sentence-level BLEU (Papineni et al. 2002, smoothed per Chen and Cherry 2014, method 1). Pure functions over
 * strings; every class here is stateless and thread-safe. {@code docs/evals.md} gives the formulas and references.
 */
package io.llmpolicy.eval.metric;
