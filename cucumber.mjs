// Profiles: `default` for `npm test` (plain progress, machine-readable reports), `main` for `npm start`
// (a progress bar and the three reports: HTML with each scenario's kubectl transcript, Cucumber JSON, JUnit XML).
const common = {
  // Step definitions and their support; never the *.test.ts files beside them.
  import: ['steps/*.steps.ts', 'steps/world.ts', 'steps/hooks.ts', 'steps/parameter-types.ts'],
  formatOptions: { junit: { suiteName: 'kubespec' }, snippetInterface: 'synchronous' },
  strict: true,
};

const reports = ['html:reports/cucumber.html', 'json:reports/cucumber.json', 'junit:reports/junit.xml'];

export default { ...common, format: ['progress', ...reports] };

export const main = { ...common, format: ['progress-bar', ...reports] };
