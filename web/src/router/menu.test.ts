import { describe, expect, it } from 'vitest'
import type { PagePermission } from './meta'
import { buildMenu, menuLeaves } from './menu'
import { layoutChildren } from './index'

const t = (key: string): string => key

function menuFor(allowed: PagePermission[]) {
  return buildMenu(layoutChildren, (p) => p === undefined || allowed.includes(p), t)
}

describe('side menu', () => {
  it('puts the organisational-life pages in one group after the member pages', () => {
    const menu = menuFor(['memberRead', 'auditRead', 'lifeRead', 'lifeWrite'])
    expect(menu.map((m) => m.name)).toEqual(['home', 'org-nodes', 'member-list', 'transfer-list', 'life', 'audit-log'])
    const life = menu.find((m) => m.name === 'life')
    expect(life?.title).toBe('common.menu.life')
    expect(life?.children?.map((c) => [c.name, c.path])).toEqual([
      ['life-meetings', '/life/meetings'],
      ['life-compliance', '/life/compliance'],
      ['life-reminders', '/life/reminders'],
      ['life-calendar', '/life/calendar'],
      ['life-ledger', '/life/ledger'],
    ])
  })

  it('leaves the group out for those without life.read', () => {
    const menu = menuFor([])
    expect(menu.map((m) => m.name)).toEqual(['home', 'org-nodes'])
    expect(menuLeaves(menuFor(['lifeRead'])).map((m) => m.name)).toContain('life-ledger')
  })

  it('shows the contest group (题库) only with contestBank, after the life group and before the audit log', () => {
    const all = menuFor(['memberRead', 'auditRead', 'lifeRead', 'lifeWrite', 'contestBank'])
    expect(all.map((m) => m.name)).toEqual([
      'home',
      'org-nodes',
      'member-list',
      'transfer-list',
      'life',
      'contest',
      'audit-log',
    ])
    const contest = all.find((m) => m.name === 'contest')
    expect(contest?.title).toBe('common.menu.contest')
    expect(contest?.children?.map((c) => [c.name, c.path, c.title, c.icon])).toEqual([
      ['contest-questions', '/contest/questions', 'common.menu.contestQuestions', 'Collection'],
    ])
    // every other permission but contestBank: no group, no page
    const without = menuFor(['memberRead', 'auditRead', 'lifeRead', 'lifeWrite'])
    expect(without.map((m) => m.name)).not.toContain('contest')
    expect(menuLeaves(without).map((m) => m.name)).not.toContain('contest-questions')
    expect(menuFor(['contestBank']).map((m) => m.name)).toEqual(['home', 'org-nodes', 'contest'])
  })
})
