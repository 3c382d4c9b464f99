/** Shared by the chance-corrected statistics (Cohen's and Fleiss' kappa, Krippendorff's alpha). */

/**
 * A statistic that cannot be computed from these data, and why, in words
 * fit to show a reader — instead of a NaN.
 */
export interface Undefined {
  readonly defined: false;
  readonly reason: string;
}
