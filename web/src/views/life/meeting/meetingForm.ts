import { ApiError } from '@/api/http'
import type {
  AbsenceReason,
  Meeting,
  MeetingInput,
  MeetingType,
  Topic,
  VoteInput,
} from '@/api/life/meeting'
import type { MeetingTemplate } from '@/api/life/template'
import { searchMembers, type Member } from '@/api/member/member'
import type { Page, QueryParams } from '@/api/types'
import type { NodeKind } from '@/api/org/node'
import { isIsoDate } from '@/utils/idNumber'

/** 例行会议的默认开始时间与时长 */
export const DEFAULT_START_TIME = '14:30'
export const DEFAULT_DURATION = 90
/** 会议日期不早于 2000 年（与服务器一致） */
export const EARLIEST_DATE = '2000-01-01'

/** 表单中显示字段错误的位置（服务器的字段名归到这些字段） */
export const MEETING_FIELDS = [
  'node_id',
  'type',
  'date',
  'start_time',
  'duration_minutes',
  'place',
  'host',
  'recorder',
  'topics',
  'attendees',
  'absences',
  'minutes',
  'decisions',
  'votes',
] as const
export type MeetingField = (typeof MEETING_FIELDS)[number]

/** 参会名单中的一人：到会，或缺席并写明原因 */
export interface RosterEntry {
  member_id: number
  name: string
  /** 正式党员或预备党员；从记录带来、名单中没有的人员为空 */
  status: 'full' | 'probationary' | ''
  present: boolean
  reason: AbsenceReason | ''
  note: string
}

/** 记录会议表单 */
export interface MeetingFormState {
  node_id: number | null
  node_name: string
  node_kind: NodeKind | null
  type: MeetingType | ''
  date: string
  start_time: string
  duration_minutes: number
  place: string
  host: string
  recorder: string
  topics: Topic[]
  minutes: string
  decisions: string
  votes: VoteInput[]
  roster: RosterEntry[]
}

/** 上次在该组织记录会议时填写的地点、主持人、记录人 */
export interface RememberedDefaults {
  place: string
  host: string
  recorder: string
}

/** 新表单：今天 14:30、90 分钟，地点等沿用上次 */
export function blankMeetingForm(today: string, remembered?: Partial<RememberedDefaults>): MeetingFormState {
  return {
    node_id: null,
    node_name: '',
    node_kind: null,
    type: '',
    date: today,
    start_time: DEFAULT_START_TIME,
    duration_minutes: DEFAULT_DURATION,
    place: remembered?.place ?? '',
    host: remembered?.host ?? '',
    recorder: remembered?.recorder ?? '',
    topics: [],
    minutes: '',
    decisions: '',
    votes: [],
    roster: [],
  }
}

/** 各类组织召开的会议（与服务器 MayHold 一致，模板未取到时使用） */
const HELD_BY: Record<NodeKind, MeetingType[]> = {
  committee: [],
  zone: [],
  unit: ['study_group'],
  organ_committee: ['study_group'],
  general_branch: ['study_group'],
  branch: [
    'branch_assembly',
    'committee_meeting',
    'party_lecture',
    'theme_day',
    'org_life_meeting',
    'member_review',
    'heart_talk',
  ],
  group: ['group_meeting'],
}

/**
 * 该类组织可以记录的会议类型：按模板的 node_kinds，模板缺席时按固定表；
 * 未设支部委员会的支部（hasCommittee 为 false）不召开支委会。
 */
export function typesHeldBy(kind: NodeKind | null, templates: MeetingTemplate[], hasCommittee = true): MeetingType[] {
  if (!kind) return []
  const types = templates.length === 0 ? [...HELD_BY[kind]] : templates.filter((t) => t.node_kinds.includes(kind)).map((t) => t.type)
  return hasCommittee ? types : types.filter((t) => t !== 'committee_meeting')
}

/**
 * 只有部分党员参加的会议：支委会（支部委员）、谈心谈话（谈话双方）、理论学习中心组（中心组成员）。
 * 这些会议的名单不默认为全体党员，由用户添加；支委会与中心组沿用上次的名单。
 */
export const CHOSEN_PARTICIPANTS: MeetingType[] = ['committee_meeting', 'heart_talk', 'study_group']

/** 上次记住的参会人员 */
export interface RememberedPerson {
  id: number
  name: string
}

/**
 * 新记录的默认名单（全部到会）：全体党员参加的会议取 rosterForNode；只有部分党员参加的会议
 * 取上次记住的人员（支委会只保留仍在支部名单中的）。
 */
export function defaultRoster(
  members: Member[],
  kind: NodeKind | null,
  nodeId: number | null,
  type: MeetingType | '',
  remembered: RememberedPerson[] = [],
): RosterEntry[] {
  if (!type || !CHOSEN_PARTICIPANTS.includes(type)) return rosterForNode(members, kind, nodeId)
  if (kind === 'branch' || kind === 'group') {
    const keep = new Set(remembered.map((p) => p.id))
    return members.filter(isActive).filter((m) => keep.has(m.id)).map((m) => toEntry(m))
  }
  return remembered.map((p) => toEntry(p))
}

/** 新名单沿用旧名单中同一人的到会与缺席情况 */
export function carryAttendance(next: RosterEntry[], previous: RosterEntry[]): RosterEntry[] {
  const old = new Map(previous.map((e) => [e.member_id, e]))
  return next.map((e) => {
    const o = old.get(e.member_id)
    return o ? { ...e, present: o.present, reason: o.reason, note: o.note } : e
  })
}

function sameTopics(a: Topic[], b: Topic[]): boolean {
  return a.length === b.length && a.every((t, i) => t.title === b[i].title && t.first_agenda === b[i].first_agenda)
}

/**
 * 按模板预填议题、记录提纲与时长。只替换用户还没改过的部分：
 * 与上一个模板相同（或为空）的议题、提纲，以及仍为上一个模板时长的时长。
 */
export function applyTemplate(
  form: MeetingFormState,
  next: MeetingTemplate | undefined,
  previous: MeetingTemplate | undefined,
): void {
  const untouchedTopics =
    form.topics.every((t) => !t.title.trim()) || (previous !== undefined && sameTopics(form.topics, previous.topics))
  if (untouchedTopics) form.topics = (next?.topics ?? []).map((t) => ({ ...t }))
  const untouchedMinutes = !form.minutes.trim() || (previous !== undefined && form.minutes === previous.minutes)
  if (untouchedMinutes) form.minutes = next?.minutes ?? ''
  const previousDuration = previous?.duration_minutes || DEFAULT_DURATION
  if (form.duration_minutes === previousDuration) form.duration_minutes = next?.duration_minutes || DEFAULT_DURATION
}

function isActive(m: Member): m is Member & { status: 'full' | 'probationary' } {
  return m.status === 'full' || m.status === 'probationary'
}

/**
 * 新记录的参会名单（默认全部到会）：党支部为支部全体在册党员，党小组为本小组的党员，
 * 理论学习中心组由用户逐一添加（名单为空）。
 */
export function rosterForNode(members: Member[], kind: NodeKind | null, nodeId: number | null): RosterEntry[] {
  let chosen: Member[] = []
  if (kind === 'branch') chosen = members
  else if (kind === 'group') chosen = members.filter((m) => m.group_id === nodeId)
  return chosen.filter(isActive).map((m) => toEntry(m))
}

/** 由党员档案生成名单中的一人（默认到会） */
export function toEntry(m: { id: number; name: string; status?: string }): RosterEntry {
  return {
    member_id: m.id,
    name: m.name,
    status: m.status === 'full' || m.status === 'probationary' ? m.status : '',
    present: true,
    reason: '',
    note: '',
  }
}

/** 修改记录时的名单：记录中的到会与缺席人员，按姓名顺序（以支部名单的顺序为准） */
export function rosterFromMeeting(meeting: Meeting, members: Member[]): RosterEntry[] {
  const statusOf = new Map(members.map((m) => [m.id, m.status]))
  const present: RosterEntry[] = meeting.attendees.map((a) =>
    toEntry({ id: a.id, name: a.name, status: statusOf.get(a.id) }),
  )
  const absent: RosterEntry[] = meeting.absences.map((a) => ({
    ...toEntry({ id: a.member_id, name: a.name, status: statusOf.get(a.member_id) }),
    present: false,
    reason: a.reason,
    note: a.note,
  }))
  const order = new Map(members.map((m, i) => [m.id, i]))
  const rank = (e: RosterEntry): number => order.get(e.member_id) ?? Number.MAX_SAFE_INTEGER
  return [...present, ...absent].sort((a, b) => rank(a) - rank(b) || a.member_id - b.member_id)
}

/** 会议记录转为表单（修改时） */
export function formFromMeeting(meeting: Meeting, members: Member[], kind: NodeKind | null): MeetingFormState {
  return {
    node_id: meeting.node_id,
    node_name: meeting.node_name,
    node_kind: kind,
    type: meeting.type,
    date: meeting.date,
    start_time: meeting.start_time,
    duration_minutes: meeting.duration_minutes,
    place: meeting.place,
    host: meeting.host,
    recorder: meeting.recorder,
    topics: meeting.topics.map((t) => ({ ...t })),
    minutes: meeting.minutes,
    decisions: meeting.decisions,
    votes: meeting.votes.map((v) => ({ motion: v.motion, yes: v.yes, no: v.no, abstain: v.abstain })),
    roster: rosterFromMeeting(meeting, members),
  }
}

/**
 * 时间规范为 HH:MM：接受 14:30、9:05、14：30（全角冒号）、14.30、1430、930、14:30:00；
 * 无法识别时返回空串。
 */
export function normaliseTime(text: string): string {
  const s = text
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[：.．]/g, ':')
  let h: number
  let m: number
  const parts = /^(\d{1,2}):(\d{1,2})(?::\d{1,2})?$/.exec(s)
  if (parts) {
    h = Number(parts[1])
    m = Number(parts[2])
  } else if (/^\d{3,4}$/.test(s)) {
    h = Number(s.slice(0, s.length - 2))
    m = Number(s.slice(-2))
  } else return ''
  if (h > 23 || m > 59) return ''
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}

/** 应到（名单人数）、实到、缺席 */
export function attendanceCounts(roster: RosterEntry[]): { expected: number; present: number; absent: number } {
  const present = roster.filter((e) => e.present).length
  return { expected: roster.length, present, absent: roster.length - present }
}

/** 表单转为 POST / PUT 的请求体：到会者为勾选的人员，其余为缺席者；id 升序 */
export function meetingBody(form: MeetingFormState): MeetingInput {
  if (form.node_id === null || !form.type) throw new Error('node and type are required')
  const byId = (a: RosterEntry, b: RosterEntry): number => a.member_id - b.member_id
  const roster = [...form.roster].sort(byId)
  return {
    node_id: form.node_id,
    type: form.type,
    date: form.date,
    start_time: normaliseTime(form.start_time),
    duration_minutes: Math.round(form.duration_minutes),
    place: form.place.trim(),
    host: form.host.trim(),
    recorder: form.recorder.trim(),
    topics: form.topics
      .filter((t) => t.title.trim())
      .map((t) => ({ title: t.title.trim(), first_agenda: t.first_agenda })),
    attendees: roster.filter((e) => e.present).map((e) => e.member_id),
    absences: roster
      .filter((e) => !e.present)
      // 缺席原因在提交前已检查（validateMeetingForm）
      .map((e) => ({ member_id: e.member_id, reason: e.reason as AbsenceReason, note: e.note.trim() })),
    minutes: form.minutes.trim(),
    decisions: form.decisions.trim(),
    votes:
      form.type === 'branch_assembly'
        ? form.votes
            .filter((v) => v.motion.trim())
            .map((v) => ({ motion: v.motion.trim(), yes: v.yes, no: v.no, abstain: v.abstain }))
        : [],
  }
}

type Translate = (key: string, values?: Record<string, unknown>) => string

/** 提交前的检查，返回每个字段的第一条错误（中文） */
export function validateMeetingForm(
  form: MeetingFormState,
  today: string,
  t: Translate,
): Partial<Record<MeetingField, string>> {
  const e: Partial<Record<MeetingField, string>> = {}
  if (form.node_id === null) e.node_id = t('life.form.error.node')
  if (!form.type) e.type = t('life.form.error.type')
  if (!form.date) e.date = t('life.form.error.date')
  else if (!isIsoDate(form.date)) e.date = t('life.form.error.dateInvalid')
  else if (form.date > today) e.date = t('life.form.error.dateFuture')
  else if (form.date < EARLIEST_DATE) e.date = t('life.form.error.dateEarly')
  if (!normaliseTime(form.start_time)) e.start_time = t('life.form.error.time')
  const d = form.duration_minutes
  if (!Number.isInteger(d) || d < 1 || d > 1440) e.duration_minutes = t('life.form.error.duration')
  if (!form.place.trim()) e.place = t('life.form.error.place')
  if (!form.host.trim()) e.host = t('life.form.error.host')
  if (!form.topics.some((x) => x.title.trim())) e.topics = t('life.form.error.topics')
  const { present } = attendanceCounts(form.roster)
  if (form.type === 'heart_talk' && present < 2) e.attendees = t('life.form.error.heartTalk')
  else if (present === 0) e.attendees = t('life.form.error.noAttendees')
  const absent = form.roster.filter((r) => !r.present)
  const noReason = absent.find((r) => !r.reason)
  const noNote = absent.find((r) => r.reason === 'other' && !r.note.trim())
  if (noReason) e.absences = t('life.form.error.reason', { name: noReason.name })
  else if (noNote) e.absences = t('life.form.error.otherNote', { name: noNote.name })
  if (form.type === 'branch_assembly') {
    // 有表决权的是到会的正式党员（身份不明的按有表决权计，由服务器核对）
    const voters = form.roster.filter((r) => r.present && r.status !== 'probationary').length
    const filled = form.votes.filter((v) => v.motion.trim() || v.yes || v.no || v.abstain)
    if (filled.some((v) => !v.motion.trim())) e.votes = t('life.form.error.motion')
    else if (filled.some((v) => v.yes + v.no + v.abstain > voters))
      e.votes = t('life.form.error.tooManyVotes', { n: voters })
  }
  return e
}

/** 服务器字段名归到表单字段：votes[0].yes、votes.0.yes → votes，absences[2].reason → absences */
export function meetingFieldOf(field: string): string {
  return field.replace(/[.[].*$/, '')
}

/** 指向名单中某人的错误（value 为党员 id）；其余 attendees 错误的 value 是人数 */
const MEMBER_ERRORS = ['attendee_not_member', 'absent_and_present', 'absence_duplicate']

/** 服务器对名单中某人的错误：党员 id → 提示 */
export function rosterServerErrors(error: unknown): Record<number, string> {
  const out: Record<number, string> = {}
  if (!(error instanceof ApiError)) return out
  for (const f of error.fields) {
    const base = meetingFieldOf(f.field)
    if ((base !== 'attendees' && base !== 'absences') || !MEMBER_ERRORS.includes(f.error)) continue
    const id = Number(f.value)
    if (Number.isInteger(id) && id > 0 && !out[id]) out[id] = f.message
  }
  return out
}

const REMEMBER_KEY = 'dangjian.life.lastMeeting.'

/** 记住在该组织上次填写的地点、主持人、记录人 */
export function rememberDefaults(nodeId: number, values: RememberedDefaults): void {
  try {
    localStorage.setItem(REMEMBER_KEY + nodeId, JSON.stringify(values))
  } catch {
    // 存储不可用时不记
  }
}

/** 上次在该组织填写的地点、主持人、记录人 */
export function recallDefaults(nodeId: number): Partial<RememberedDefaults> {
  try {
    const value = JSON.parse(localStorage.getItem(REMEMBER_KEY + nodeId) ?? 'null') as unknown
    if (typeof value !== 'object' || value === null) return {}
    const v = value as Record<string, unknown>
    const out: Partial<RememberedDefaults> = {}
    for (const k of ['place', 'host', 'recorder'] as const) if (typeof v[k] === 'string') out[k] = v[k]
    return out
  } catch {
    return {}
  }
}

/** 支部（或单位）在册的正式与预备党员，每页 200 人，取完为止 */
export async function loadActiveMembers(
  subtree: number,
  search: (params: QueryParams) => Promise<Page<Member>> = searchMembers,
): Promise<Member[]> {
  const out: Member[] = []
  for (let page = 1; page <= 100; page++) {
    const result = await search({ subtree, status: 'full,probationary', page_size: 200, page })
    out.push(...result.items)
    if (result.items.length === 0 || out.length >= result.total) break
  }
  return out
}

/** 名单从哪个组织取：党小组取其所在支部，其余取本组织 */
export function rosterSubtree(node: { id: number; kind: NodeKind; parent_id: number | null }): number {
  return node.kind === 'group' && node.parent_id !== null ? node.parent_id : node.id
}

const PEOPLE_KEY = 'dangjian.life.lastPeople.'

/** 记住支委会、理论学习中心组的参会人员（到会与缺席的都记） */
export function rememberPeople(nodeId: number, type: MeetingType, roster: RosterEntry[]): void {
  if (type !== 'committee_meeting' && type !== 'study_group') return
  try {
    const people: RememberedPerson[] = roster.map((e) => ({ id: e.member_id, name: e.name }))
    localStorage.setItem(`${PEOPLE_KEY}${nodeId}.${type}`, JSON.stringify(people))
  } catch {
    // 存储不可用时不记
  }
}

/** 上次在该组织记录该类会议时的参会人员 */
export function recallPeople(nodeId: number, type: MeetingType | ''): RememberedPerson[] {
  if (!type) return []
  try {
    const value = JSON.parse(localStorage.getItem(`${PEOPLE_KEY}${nodeId}.${type}`) ?? '[]') as unknown
    if (!Array.isArray(value)) return []
    return value.filter(
      (p): p is RememberedPerson =>
        typeof p === 'object' && p !== null && typeof p.id === 'number' && typeof p.name === 'string',
    )
  } catch {
    return []
  }
}
