// Geometry and wording of the completeness gauge.

export const RADIUS = 52;
export const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** Length of the coloured arc for a score 0–100 (clamped). */
export function arcLength(score: number): number {
  const clamped = Math.max(0, Math.min(100, Number.isFinite(score) ? score : 0));
  return (CIRCUMFERENCE * clamped) / 100;
}

/** A word for the score, for people and screen readers. */
export function verdict(score: number): "Getting started" | "Taking shape" | "Strong" | "Complete" {
  if (score >= 100) return "Complete";
  if (score >= 70) return "Strong";
  if (score >= 35) return "Taking shape";
  return "Getting started";
}
