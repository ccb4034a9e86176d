// The sample model that `npm run demo` and `npm run standin` serve, and that the README's
// "Trying it locally" describes: defined once here, so the two scripts show the same model.
/** @import { Standin, VersionSpec } from './standin.mjs' */
/** @import { GithubStandin } from './github-standin.mjs' */

export const SAMPLE_REPO = 'https://github.com/acme/churn-models'
export const SAMPLE_NAME = 'churn'

/**
 * Its registered versions: v1.0.0 at stage prod, v1.1.0 (the latest) at stage dev.
 * @type {VersionSpec[]}
 */
export const SAMPLE_VERSIONS = [
  {
    repo: SAMPLE_REPO,
    name: SAMPLE_NAME,
    version: 'v1.0.0',
    stages: ['prod'],
    files: {
      'models/churn/model.pkl': Buffer.alloc(2 * 1024 * 1024, 7),
      'models/churn/metrics.json': '{"auc": 0.91}\n',
      'models/churn/features.txt': 'tenure\r\nbalance\r\nage\r\n'
    }
  },
  {
    repo: SAMPLE_REPO,
    name: SAMPLE_NAME,
    version: 'v1.1.0',
    stages: ['dev'],
    files: { 'models/churn/model.pkl': 'dev model' }
  }
]

/** Serves the sample model's versions from the Studio stand-in. @param {Standin} studio */
export function addSampleModel(studio) {
  for (const version of SAMPLE_VERSIONS) studio.addVersion(version)
}

/**
 * Serves the registry's git tags of those versions and stages (GTO's grammar) from the GitHub
 * stand-in, the one of owner acme, repo churn-models.
 * @param {GithubStandin} github
 */
export function addSampleTags(github) {
  github.addTag('churn@v1.0.0', { commit: 'c1', time: '2026-11-01T10:00:00Z' })
  github.addTag('churn@v1.1.0', { commit: 'c2', time: '2026-11-02T10:00:00Z' })
  github.addTag('churn#prod#1', { commit: 'c1', time: '2026-11-03T10:00:00Z' })
  github.addTag('churn#dev#2', { commit: 'c2', time: '2026-11-04T10:00:00Z' })
}
