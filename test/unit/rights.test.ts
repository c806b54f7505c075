import { describe, expect, it } from 'vitest'
import { CAPABILITIES, RIGHTS, can, capabilitiesOf, rolesWith } from '../../server/src/domain/rights.ts'
import { ROLES, type Role } from '../../server/src/domain/roles.ts'

describe('rights table', () => {
  it.each(CAPABILITIES)(
    'when capability %s is read, then it names at least one role and only known roles, each once',
    (capability) => {
      const roles = rolesWith(capability)
      expect(roles.length).toBeGreaterThan(0)
      for (const role of roles) expect(ROLES).toContain(role)
      expect(new Set(roles).size).toBe(roles.length)
    },
  )

  it('when a capability is named, then it is a dotted lower-camel name of a subject and a verb', () => {
    for (const capability of CAPABILITIES) expect(capability).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/)
  })

  // the README's role table: what each role may do beyond reading the map of its counties
  it.each<[Role, string[]]>([
    [
      'farmland',
      [
        'parcel.edit',
        'classification.run',
        'classification.view',
        'land.import',
        'monitoring.enterResults',
        'monitoring.import',
        'safeUse.edit',
        'safeUse.view',
      ],
    ],
    [
      'environment',
      [
        'plot.edit',
        'plot.transition',
        'plot.view',
        'controlZone.edit',
        'waterSource.edit',
        'enterprise.edit',
        'list.publish',
        'list.view',
        'monitoring.edit',
        'monitoring.enterResults',
        'monitoring.enterAllResults',
        'monitoring.import',
        'coverage.plan',
        'report.handle',
        'review.queue',
        'document.read',
        'siting.run',
        'siting.read',
      ],
    ],
    ['land', ['precheck.run', 'precheck.read', 'siting.run', 'siting.read']],
    [
      'approver',
      [
        'classification.view',
        'plot.transition',
        'plot.view',
        'plot.decideRemoval',
        'list.view',
        'precheck.read',
        'siting.read',
        'report.handle',
        'review.queue',
        'review.approve',
        'document.read',
        'safeUse.view',
      ],
    ],
    [
      'admin',
      [
        'adminUnits.import',
        'classification.rules',
        'land.import',
        'list.view',
        'indicator.targets',
        'ogcKey.manage',
        'report.handle',
        'safeUse.view',
        'review.queue',
        'user.manage',
      ],
    ],
  ])('when the capabilities of %s are listed, then they are those of its row of the role table', (role, expected) => {
    expect(capabilitiesOf(role).sort()).toEqual([...expected].sort())
  })

  it.each([
    ['farmland', 'parcel.edit', true],
    ['environment', 'parcel.edit', false],
    ['land', 'precheck.run', true],
    ['approver', 'precheck.run', false],
    ['approver', 'precheck.read', true],
    ['environment', 'list.publish', true],
    ['admin', 'list.publish', false],
    ['farmland', 'monitoring.import', true],
    ['land', 'monitoring.import', false],
    ['admin', 'user.manage', true],
    ['approver', 'user.manage', false],
  ] as const)('when %s asks for %s, then %s', (role, capability, expected) => {
    expect(can(role, capability)).toBe(expected)
  })

  it('when the table is read, then only the environment officer publishes lists and only the approver approves', () => {
    expect(RIGHTS['list.publish']).toEqual(['environment'])
    expect(RIGHTS['review.approve']).toEqual(['approver'])
  })
})
