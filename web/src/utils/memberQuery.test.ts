import { describe, expect, it } from 'vitest'
import type { LocationQuery } from 'vue-router'
import {
  emptyFilter,
  filterFromQuery,
  filterToQuery,
  filterToSearchParams,
  statsDrillQuery,
  type MemberFilter,
} from './memberQuery'

function q(query: Record<string, string | string[]>): LocationQuery {
  return query as LocationQuery
}

describe('filterFromQuery', () => {
  it('gives the defaults for an empty query', () => {
    expect(filterFromQuery(q({}))).toEqual(emptyFilter())
  })

  it('reads every filter', () => {
    const f = filterFromQuery(
      q({
        subtree: '56',
        name: ' 白 ',
        status: 'probationary,full',
        category: 'retired',
        gender: 'female',
        education: ['master', 'bachelor'],
        age_band: '2',
        party_age_band: '0',
        sort: 'birth_date',
        order: 'desc',
        page: '3',
        page_size: '100',
      }),
    )
    expect(f).toEqual<MemberFilter>({
      subtree: 56,
      name: '白',
      status: ['probationary', 'full'],
      category: 'retired',
      gender: 'female',
      education: ['master', 'bachelor'],
      age_band: 2,
      party_age_band: 0,
      sort: 'birth_date',
      order: 'desc',
      page: 3,
      page_size: 100,
    })
  })

  it('accepts repeated and comma-separated statuses, dropping unknown and repeated ones', () => {
    expect(filterFromQuery(q({ status: ['full,bogus', 'full', 'lapsed'] })).status).toEqual(['full', 'lapsed'])
  })

  it.each([
    ['subtree', '0', 'subtree', null],
    ['subtree', 'abc', 'subtree', null],
    ['gender', 'x', 'gender', ''],
    ['category', 'retiree', 'category', ''],
    ['age_band', '8', 'age_band', null],
    ['age_band', '-1', 'age_band', null],
    ['party_age_band', '7', 'party_age_band', null],
    ['sort', 'salary', 'sort', 'name'],
    ['order', 'sideways', 'order', 'asc'],
    ['page', '0', 'page', 1],
    ['page_size', '30', 'page_size', 20],
    ['page_size', '500', 'page_size', 20],
  ] as const)('ignores %s=%s', (param, value, field, expected) => {
    expect(filterFromQuery(q({ [param]: value }))[field]).toBe(expected)
  })
})

describe('filterToQuery', () => {
  it('writes nothing for the defaults', () => {
    expect(filterToQuery(emptyFilter())).toEqual({})
  })

  it('round-trips through the route query', () => {
    const f: MemberFilter = {
      ...emptyFilter(),
      subtree: 7,
      name: '李',
      status: ['full'],
      education: ['doctorate', 'master'],
      gender: 'male',
      age_band: 7,
      party_age_band: 6,
      sort: 'full_date',
      order: 'desc',
      page: 4,
      page_size: 200,
    }
    const query = filterToQuery(f)
    expect(query).toEqual({
      subtree: '7',
      name: '李',
      status: 'full',
      education: 'doctorate,master',
      gender: 'male',
      age_band: '7',
      party_age_band: '6',
      sort: 'full_date',
      order: 'desc',
      page: '4',
      page_size: '200',
    })
    expect(filterFromQuery(query as LocationQuery)).toEqual(f)
  })
})

describe('filterToSearchParams', () => {
  const f: MemberFilter = { ...emptyFilter(), subtree: 3, status: ['probationary', 'full'], age_band: 0, page: 2 }

  it('gives the API parameters with paging', () => {
    expect(filterToSearchParams(f)).toEqual({
      subtree: 3,
      status: 'probationary,full',
      age_band: 0,
      sort: 'name',
      order: 'asc',
      page: 2,
      page_size: 20,
    })
  })

  it('leaves paging out for the export', () => {
    const p = filterToSearchParams(f, false)
    expect(p.page).toBeUndefined()
    expect(p.page_size).toBeUndefined()
    expect(p.status).toBe('probationary,full')
  })
})

describe('statsDrillQuery', () => {
  it('opens the members on the rolls for the total', () => {
    expect(statsDrillQuery(12)).toEqual({ subtree: '12', status: 'probationary,full' })
  })

  it('adds the slice of a chart', () => {
    expect(statsDrillQuery(12, 'gender', 'female')).toEqual({ subtree: '12', status: 'probationary,full', gender: 'female' })
    expect(statsDrillQuery(12, 'age_band', 0)).toEqual({ subtree: '12', status: 'probationary,full', age_band: '0' })
  })

  it('replaces the status for a status slice', () => {
    expect(statsDrillQuery(12, 'status', 'probationary')).toEqual({ subtree: '12', status: 'probationary' })
  })

  it('is read back as the same filter by the member list', () => {
    const f = filterFromQuery(statsDrillQuery(12, 'party_age_band', 3) as LocationQuery)
    expect(f.subtree).toBe(12)
    expect(f.status).toEqual(['probationary', 'full'])
    expect(f.party_age_band).toBe(3)
  })
})
