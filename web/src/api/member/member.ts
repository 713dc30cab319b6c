import { http } from '../http'
import type { Page, QueryParams } from '../types'

export type Gender = 'male' | 'female'
export type MemberStatus = 'probationary' | 'full' | 'transferred_out' | 'deceased' | 'lapsed'
export type MemberCategory = 'in_service' | 'retired' | 'student' | 'other'
export type Education =
  | 'doctorate'
  | 'master'
  | 'bachelor'
  | 'associate'
  | 'secondary_vocational'
  | 'high_school'
  | 'junior_or_below'
export type MemberSort = 'name' | 'birth_date' | 'probationary_date' | 'full_date' | 'id'
export type SortOrder = 'asc' | 'desc'

export const GENDERS: Gender[] = ['male', 'female']
export const MEMBER_STATUSES: MemberStatus[] = [
  'probationary',
  'full',
  'transferred_out',
  'deceased',
  'lapsed',
]
export const LEAVING_STATUSES: MemberStatus[] = ['transferred_out', 'deceased', 'lapsed']
export const MEMBER_CATEGORIES: MemberCategory[] = ['in_service', 'retired', 'student', 'other']
export const EDUCATIONS: Education[] = [
  'doctorate',
  'master',
  'bachelor',
  'associate',
  'secondary_vocational',
  'high_school',
  'junior_or_below',
]
export const MEMBER_SORTS: MemberSort[] = ['name', 'birth_date', 'probationary_date', 'full_date', 'id']
/** 年龄段 0–7 */
export const AGE_BAND_COUNT = 8
/** 党龄段 0–6 */
export const PARTY_AGE_BAND_COUNT = 7

/** 党员档案 */
export interface Member {
  id: number
  name: string
  gender: Gender
  gender_label: string
  ethnicity: string
  birth_date: string
  age: number
  id_number: string
  education: Education
  education_label: string
  phone: string | null
  probationary_date: string
  full_date: string | null
  party_age: number | null
  status: MemberStatus
  status_label: string
  left_date: string | null
  category: MemberCategory
  category_label: string
  branch_id: number
  branch_name: string
  group_id: number | null
  group_name: string | null
  post: string | null
}

/** 新建或修改党员的字段 */
export interface MemberInput {
  name?: string
  gender?: Gender
  ethnicity?: string
  birth_date?: string
  id_number?: string
  education?: Education
  phone?: string | null
  probationary_date?: string
  full_date?: string | null
  status?: MemberStatus
  left_date?: string | null
  category?: MemberCategory
  branch_id?: number
  group_id?: number | null
  post?: string | null
  branch_since?: string
}

/** 组织关系记录 */
export interface MembershipPeriod {
  branch_id: number
  branch_name: string
  group_id: number | null
  group_name: string | null
  from: string
  to: string | null
}

/** 组织关系转接 */
export interface TransferInput {
  to_branch_id: number
  to_group_id?: number
  date: string
}

/** 查询党员（参数见 docs/api.md） */
export function searchMembers(params: QueryParams): Promise<Page<Member>> {
  return http.get<Page<Member>, Page<Member>>('/api/members', { params })
}

/** 获取党员档案 */
export function getMember(id: number): Promise<Member> {
  return http.get<Member, Member>(`/api/members/${id}`)
}

/** 新建党员 */
export function createMember(input: MemberInput): Promise<Member> {
  return http.post<Member, Member>('/api/members', input, { silent: true })
}

/** 修改党员档案 */
export function updateMember(id: number, input: MemberInput): Promise<Member> {
  return http.put<Member, Member>(`/api/members/${id}`, input, { silent: true })
}

/** 删除误录的党员档案 */
export function deleteMember(id: number): Promise<void> {
  return http.delete<void, void>(`/api/members/${id}`)
}

/** 获取组织关系记录 */
export function getMemberHistory(id: number): Promise<MembershipPeriod[]> {
  return http.get<MembershipPeriod[], MembershipPeriod[]>(`/api/members/${id}/history`)
}

/** 转接组织关系 */
export function transferMember(id: number, input: TransferInput): Promise<Member> {
  return http.post<Member, Member>(`/api/members/${id}/transfer`, input, { silent: true })
}
