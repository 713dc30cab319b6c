import type { AxiosProgressEvent } from 'axios'
import { http } from '../http'

export type MeetingType =
  | 'branch_assembly'
  | 'committee_meeting'
  | 'group_meeting'
  | 'party_lecture'
  | 'theme_day'
  | 'org_life_meeting'
  | 'member_review'
  | 'heart_talk'
  | 'study_group'
export type MeetingStatus = 'submitted' | 'accepted' | 'returned'
export type AbsenceReason = 'official' | 'sick' | 'personal' | 'other'

/** 会议类型，按 docs/api.md 的顺序 */
export const MEETING_TYPES: MeetingType[] = [
  'branch_assembly',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'org_life_meeting',
  'member_review',
  'heart_talk',
  'study_group',
]
export const MEETING_STATUSES: MeetingStatus[] = ['submitted', 'accepted', 'returned']
export const ABSENCE_REASONS: AbsenceReason[] = ['official', 'sick', 'personal', 'other']

/** 附件允许的类型 */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number]
/** 附件大小上限：10 MiB */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

/** 议题 */
export interface Topic {
  title: string
  /** 第一议题 */
  first_agenda: boolean
}

/** 缺席（请求体） */
export interface AbsenceInput {
  member_id: number
  reason: AbsenceReason
  note: string
}

/** 表决（请求体） */
export interface VoteInput {
  motion: string
  yes: number
  no: number
  abstain: number
}

/** 表决（服务器算出有表决权人数与是否通过） */
export interface Vote extends VoteInput {
  eligible: number
  passed: boolean
}

/** 新建或修改会议记录的请求体（PUT 与 POST 相同，整条替换） */
export interface MeetingInput {
  node_id: number
  type: MeetingType
  date: string
  /** HH:MM */
  start_time: string
  duration_minutes: number
  place: string
  host: string
  recorder: string
  topics: Topic[]
  attendees: number[]
  absences: AbsenceInput[]
  minutes: string
  decisions: string
  votes: VoteInput[]
}

/** 会议列表中的一条 */
export interface MeetingSummary {
  id: number
  node_id: number
  node_name: string
  branch_id: number
  type: MeetingType
  type_label: string
  date: string
  start_time: string
  place: string
  host: string
  status: MeetingStatus
  status_label: string
  /** 到会人数 */
  attendees: number
  /** 缺席人数 */
  absences: number
  return_reason: string | null
}

/** 会议列表 */
export interface MeetingPage {
  total: number
  items: MeetingSummary[]
}

/** 查询会议的参数 */
export interface MeetingSearchParams {
  node?: number
  type?: MeetingType
  status?: MeetingStatus
  from?: string
  to?: string
  page?: number
  page_size?: number
}

/** 缺席人员 */
export interface Absence {
  member_id: number
  name: string
  reason: AbsenceReason
  reason_label: string
  note: string
}

/** 会议附件 */
export interface Attachment {
  id: number
  name: string
  mime: string
  size: number
}

/** 时间：Unix 秒或服务器格式化的文字 */
export type Timestamp = number | string

/** 会议记录全文 */
export interface Meeting {
  id: number
  node_id: number
  node_name: string
  branch_id: number
  branch_name: string
  type: MeetingType
  type_label: string
  date: string
  start_time: string
  duration_minutes: number
  place: string
  host: string
  recorder: string
  topics: Topic[]
  attendees: { id: number; name: string }[]
  absences: Absence[]
  minutes: string
  decisions: string
  votes: Vote[]
  status: MeetingStatus
  status_label: string
  return_reason: string | null
  reviewer_name: string | null
  reviewed_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
  attachments: Attachment[]
  /** 当日在册应到人数 */
  expected: number
  /** 实到人数 */
  present: number
}

/** 审核决定 */
export type ReviewDecision = { decision: 'accept' } | { decision: 'return'; reason: string }

/** 查询会议记录（所选组织及其下级召开的，新的在前） */
export function searchMeetings(params: MeetingSearchParams): Promise<MeetingPage> {
  return http.get<MeetingPage, MeetingPage>('/api/meetings', { params })
}

/** 获取会议记录全文 */
export function getMeeting(id: number): Promise<Meeting> {
  return http.get<Meeting, Meeting>(`/api/meetings/${id}`)
}

/** 记录会议 */
export function createMeeting(input: MeetingInput): Promise<Meeting> {
  return http.post<Meeting, Meeting>('/api/meetings', input, { silent: true })
}

/** 修改会议记录（整条替换；退回的记录修改后重新提交） */
export function updateMeeting(id: number, input: MeetingInput): Promise<Meeting> {
  return http.put<Meeting, Meeting>(`/api/meetings/${id}`, input, { silent: true })
}

/** 删除会议记录 */
export function deleteMeeting(id: number): Promise<void> {
  return http.delete<void, void>(`/api/meetings/${id}`)
}

/** 审核会议记录：通过或退回（退回须写明原因） */
export function reviewMeeting(id: number, decision: ReviewDecision): Promise<Meeting> {
  return http.post<Meeting, Meeting>(`/api/meetings/${id}/review`, decision)
}

/** 上传附件（请求体为文件本身，Content-Type 为文件类型） */
export function uploadAttachment(
  meetingId: number,
  file: Blob,
  name: string,
  type: AttachmentType,
  onProgress?: (percent: number) => void,
): Promise<Attachment> {
  return http.post<Attachment, Attachment>(`/api/meetings/${meetingId}/attachments`, file, {
    params: { name },
    headers: { 'Content-Type': type },
    timeout: 0,
    onUploadProgress: (event: AxiosProgressEvent) => {
      if (!onProgress) return
      const total = event.total ?? file.size
      onProgress(total > 0 ? Math.min(100, Math.round((event.loaded / total) * 100)) : 0)
    },
  })
}

/** 附件的地址（同源，带会话 Cookie 打开） */
export function attachmentUrl(meetingId: number, attachmentId: number): string {
  return `/api/meetings/${meetingId}/attachments/${attachmentId}`
}

/** 删除附件 */
export function deleteAttachment(meetingId: number, attachmentId: number): Promise<void> {
  return http.delete<void, void>(`/api/meetings/${meetingId}/attachments/${attachmentId}`)
}
