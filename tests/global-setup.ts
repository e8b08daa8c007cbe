/** Runs once before all suites. Browser suites build the client themselves when Chromium exists. */
export default function setup(): void {
  process.env.PARLEY_TEST = '1';
}
