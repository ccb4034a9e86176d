import {
  compareSemver,
  gtoTagOfRef,
  latestVersion,
  modelNamedByTags,
  nameToTag,
  parseGtoTag,
  resolveStage,
  versionsAtCommit,
  type RegistryTag
} from '../src/registry/gto-tags.js'

describe('parseGtoTag: GTO test_tag.py test_parse_name', () => {
  test.each([
    ['path@v1.2.3', { name: 'path', version: 'v1.2.3', event: 'registration' }],
    ['path@v1.2.3#5', { name: 'path', version: 'v1.2.3', event: 'registration', counter: 5 }],
    ['path@v1.2.3!', { name: 'path', version: 'v1.2.3', event: 'deregistration' }],
    ['path@v1.2.3!#2', { name: 'path', version: 'v1.2.3', event: 'deregistration', counter: 2 }],
    ['path#stage', { name: 'path', stage: 'stage', event: 'assignment' }],
    ['path#stage#1', { name: 'path', stage: 'stage', event: 'assignment', counter: 1 }],
    ['path#stage!#2', { name: 'path', stage: 'stage', event: 'unassignment', counter: 2 }],
    ['churn@deprecated', { name: 'churn', event: 'deprecation' }],
    ['churn@deprecated#7', { name: 'churn', event: 'deprecation', counter: 7 }],
    ['churn@created', { name: 'churn', event: 'creation' }]
  ])('%s', (tag, expected) => {
    expect(parseGtoTag(tag)).toEqual({ tag, ...expected })
  })
})

describe('parseGtoTag: monorepo names and name characters', () => {
  test.each([
    ['nlp/sentiment=bert@v0.3.0', 'nlp/sentiment:bert', 'registration'],
    ['nlp/sentiment=bert#prod#3', 'nlp/sentiment:bert', 'assignment'],
    ['Some/folder/A=Model@v1.0.0', 'Some/folder/A:Model', 'registration'],
    ['some/Other_Folder=some/model#dev!', 'some/Other_Folder:some/model', 'unassignment'],
    ['dvclive=model@v1.0.0!#4', 'dvclive:model', 'deregistration'],
    ['a.b/c-d_e=x@v1.0.0', 'a.b/c-d_e:x', 'registration'],
    ['model_A@v1.0.0', 'model_A', 'registration'],
    ['DVCLive/Model@v1.0.0', 'DVCLive/Model', 'registration'],
    ['model-prod-v1#prod', 'model-prod-v1', 'assignment'],
    ['1@v0.0.1', '1', 'registration'],
    ['churn#stage_with_underscore/and-dash', 'churn', 'assignment']
  ])('%s is model %s, %s', (tag, name, event) => {
    expect(parseGtoTag(tag)).toMatchObject({ name, event })
  })

  test('the stage keeps its own name; the semver keeps pre-release and build', () => {
    expect(parseGtoTag('nn@v1.0.0-rc.2+build.5')?.version).toBe('v1.0.0-rc.2+build.5')
    expect(parseGtoTag('nlp/sentiment=bert#staging-eu#12')?.stage).toBe('staging-eu')
    expect(nameToTag('nlp/sentiment:bert')).toBe('nlp/sentiment=bert')
  })
})

describe('parseGtoTag: GTO test_tag.py test_parse_correct_names', () => {
  test.each([
    'nn#prod',
    'nn#prod!',
    'nn#prod#1',
    'nn@v1.0.0',
    'nn#prod!#2',
    'nn@v1.0.0!',
    'nn@v1.0.0#1',
    'nn@v1.0.0!#1',
    'nn@v1.0.0-rc.2',
    'nn@v1.0.0-alpha',
    'nn@v1.0.0-alpha.1',
    'nn@v1.0.0-alpha.beta',
    'new-artifact@v1.0.1!'
  ])('%s', (tag) => {
    expect(parseGtoTag(tag)).toBeDefined()
  })
})

describe('parseGtoTag: not registry tags (GTO test_parse_wrong_names, and common release tags)', () => {
  test.each([
    '',
    '###',
    '@@@',
    'model@v1',
    'nn#prod#-1',
    'model@v111',
    'model-prod',
    'model@0.0.1',
    'model-prod-v1',
    'model#prod#-1',
    'model#prod#1-2',
    'model#prod?#1-2',
    'model#prod@v1.2.3',
    'model@v1.2.3#prod',
    'model-prod-v1-stage',
    'model@prod@v1@stage-1',
    'namespace/model@0.0.1',
    '@namespace/model@0.0.1',
    'model#prod#v1#stage#1-',
    'model#prod-v1-stage@1-2',
    'model#prod-v1-stage@1-2#@',
    // Names must start and end with a letter or digit (GTO test_check_name_is_invalid).
    '_model@v1.0.0',
    '-model@v1.0.0',
    'model-@v1.0.0',
    'm/@v1.0.0',
    '/m@v1.0.0',
    'a model@v1.0.0',
    // Leading zeros are not SemVer; the folder part holds no '='.
    'model@v01.0.0',
    'a=b=c@v1.0.0',
    'dir:model@v1.0.0',
    'v1.0',
    'v1.0.0',
    'release-1',
    'churn@latest'
  ])('%s', (tag) => {
    expect(parseGtoTag(tag)).toBeUndefined()
  })
})

test('gtoTagOfRef reads only refs/tags/', () => {
  expect(gtoTagOfRef('refs/tags/churn#prod#3')).toMatchObject({ name: 'churn', stage: 'prod', counter: 3 })
  expect(gtoTagOfRef('refs/heads/churn#prod')).toBeUndefined()
  expect(gtoTagOfRef('refs/tags/v1.0')).toBeUndefined()
  expect(gtoTagOfRef(undefined)).toBeUndefined()
})

test('modelNamedByTags: a registration tag as version, else the triggering tag without version or stage', () => {
  expect(modelNamedByTags('refs/heads/main', 'churn@v2.0.0')).toBe('churn')
  expect(modelNamedByTags('refs/tags/churn#prod', 'v2.0.0')).toBeUndefined()
  expect(modelNamedByTags('refs/tags/nlp=bert#prod')).toBe('nlp:bert')
  expect(modelNamedByTags('refs/tags/churn#prod', undefined, 'dev')).toBeUndefined()
  expect(modelNamedByTags('refs/tags/release-1')).toBeUndefined()
})

describe('compareSemver: SemVer 2.0.0 precedence', () => {
  // The spec's own ordering example, then numeric (not text) comparison and build metadata.
  const ordered = [
    'v1.0.0-alpha',
    'v1.0.0-alpha.1',
    'v1.0.0-alpha.beta',
    'v1.0.0-beta',
    'v1.0.0-beta.2',
    'v1.0.0-beta.11',
    'v1.0.0-rc.1',
    'v1.0.0',
    'v1.2.0',
    'v1.10.0',
    'v2.0.0',
    'v10.0.0'
  ]
  test('orders the spec example', () => {
    const shuffled = [...ordered].reverse()
    expect(shuffled.sort(compareSemver)).toEqual(ordered)
  })
  test('build metadata is ignored; equal versions are equal', () => {
    expect(compareSemver('v1.0.0+a', 'v1.0.0+b')).toBe(0)
    expect(compareSemver('v1.0.0', 'v1.0.0')).toBe(0)
    expect(compareSemver('v1.0.0-2', 'v1.0.0-10')).toBe(-1)
    expect(compareSemver('v1.0.0-10', 'v1.0.0-a')).toBe(-1)
  })
})

/** Tags of a repository; times in minutes. */
function tag(name: string, commit: string, minute: number): RegistryTag {
  const parsed = parseGtoTag(name)
  if (!parsed) throw new Error(`not a GTO tag: ${name}`)
  return { ...parsed, commit, time: minute * 60_000 }
}

describe('latestVersion: highest registered, not deregistered SemVer', () => {
  test('SemVer order, not time order; prereleases count', () => {
    const tags = [tag('churn@v1.10.0', 'a', 1), tag('churn@v1.9.0', 'b', 2), tag('churn@v1.10.1-rc.1', 'c', 3)]
    expect(latestVersion(tags, 'churn')?.version).toBe('v1.10.1-rc.1')
  })
  test('a deregistered version is skipped, and counts again once registered again', () => {
    const tags = [tag('churn@v1.0.0', 'a', 1), tag('churn@v2.0.0', 'b', 2), tag('churn@v2.0.0!#3', 'b', 3)]
    expect(latestVersion(tags, 'churn')?.version).toBe('v1.0.0')
    expect(latestVersion([...tags, tag('churn@v2.0.0#4', 'b', 4)], 'churn')?.version).toBe('v2.0.0')
  })
  test('other models, and none at all', () => {
    const tags = [tag('churn-v2@v9.0.0', 'a', 1), tag('nlp=churn@v8.0.0', 'a', 1)]
    expect(latestVersion(tags, 'churn')).toBeUndefined()
    expect(latestVersion(tags, 'nlp:churn')?.version).toBe('v8.0.0')
  })
})

describe('resolveStage: newest assignment not undone', () => {
  const registered = [tag('churn@v1.0.0', 'c1', 1), tag('churn@v2.0.0', 'c2', 2), tag('churn@v3.0.0', 'c3', 3)]

  test('the newest assignment wins, also when it rolls back to a lower version', () => {
    const tags = [...registered, tag('churn#prod#1', 'c2', 10), tag('churn#prod#2', 'c1', 11)]
    expect(resolveStage(tags, 'churn', 'prod')).toMatchObject({ kind: 'version', version: 'v1.0.0' })
    expect(resolveStage(tags, 'churn', 'dev')).toEqual({ kind: 'none' })
  })

  test('time decides, not the counter or the order listed', () => {
    const tags = [tag('churn#prod#9', 'c3', 10), ...registered, tag('churn#prod#2', 'c2', 12)]
    expect(resolveStage(tags.reverse(), 'churn', 'prod')).toMatchObject({ kind: 'version', version: 'v2.0.0' })
  })

  test('an unassignment undoes its version’s assignment; the previous holder holds the stage again', () => {
    const tags = [
      ...registered,
      tag('churn#prod#1', 'c1', 10),
      tag('churn#prod#2', 'c2', 11),
      tag('churn#prod!#3', 'c2', 12)
    ]
    expect(resolveStage(tags, 'churn', 'prod')).toMatchObject({ kind: 'version', version: 'v1.0.0' })
    const all = [...tags, tag('churn#prod!#4', 'c1', 13)]
    expect(resolveStage(all, 'churn', 'prod')).toEqual({ kind: 'none' })
    // Assigned again after its unassignment: holds it again.
    expect(resolveStage([...all, tag('churn#prod#5', 'c2', 14)], 'churn', 'prod')).toMatchObject({
      version: 'v2.0.0'
    })
  })

  test('a deregistered version holds no stage', () => {
    const tags = [
      ...registered,
      tag('churn#prod#1', 'c1', 10),
      tag('churn#prod#2', 'c3', 11),
      tag('churn@v3.0.0!', 'c3', 12)
    ]
    expect(resolveStage(tags, 'churn', 'prod')).toMatchObject({ kind: 'version', version: 'v1.0.0' })
  })

  test('an assignment at a commit with no registered version, or several', () => {
    const bare = [...registered, tag('churn#prod#1', 'c9', 10)]
    expect(resolveStage(bare, 'churn', 'prod')).toMatchObject({ kind: 'unversioned', versions: [] })
    const two = [...registered, tag('churn@v3.1.0', 'c3', 4), tag('churn#prod#1', 'c3', 10)]
    expect(resolveStage(two, 'churn', 'prod')).toMatchObject({ kind: 'ambiguous', versions: ['v3.0.0', 'v3.1.0'] })
    expect(versionsAtCommit(two, 'churn', 'c3')).toEqual(['v3.0.0', 'v3.1.0'])
    expect(versionsAtCommit(two, 'churn', 'c9')).toEqual([])
  })

  test("another model's tags do not count", () => {
    const tags = [...registered, tag('churn#prod#1', 'c1', 10), tag('nlp=churn#prod#2', 'c2', 11)]
    expect(resolveStage(tags, 'churn', 'prod')).toMatchObject({ version: 'v1.0.0' })
  })
})
