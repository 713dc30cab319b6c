import { http } from '../http'

/** 参赛凭证（链接 /take#<凭证> 中 # 之后的部分，不会发给服务器的访问日志）：「竞答编号.党员编号.签名」 */
export function contestOfPass(pass: string): number {
  const id = Number(pass.split('.')[0])
  return Number.isInteger(id) && id > 0 ? id : 0
}

/** 成绩（按竞答设置公布时才有） */
export interface TakeScore {
  points: number
  max_points: number
  correct: number
}

export interface TakeAttempt {
  id: number
  number: number
  started_at: number
  deadline: number
  submitted_at: number | null
  score: TakeScore | null
}

export interface TakeOverview {
  contest: {
    id: number
    title: string
    description: string
    status: 'published' | 'closed'
    starts_at: number
    ends_at: number
    time_limit_seconds: number
    attempts_allowed: number
    paper_size: number
    reveal_score: 'on_submit' | 'after_end' | 'never'
    reveal_answers: 'on_submit' | 'after_end' | 'never'
  }
  member: { id: number; name: string }
  eligible: boolean
  now: number
  attempts: TakeAttempt[]
  open_attempt: number | null
}

export interface PaperQuestion {
  id: number
  kind: 'single' | 'multiple' | 'true_false'
  kind_label: string
  stem: string
  /** 按试卷顺序显示的选项 */
  options: string[]
}

/** 本次答题的试卷（不含答案） */
export interface Paper {
  id: number
  number: number
  started_at: number
  deadline: number
  /** 服务器时间，用于校正倒计时 */
  now: number
  questions: PaperQuestion[]
}

export interface ReviewQuestion extends PaperQuestion {
  chosen: number[]
  answer: number[]
  points: number
  max_points: number
  explanation: string
}

export interface TakeResult {
  id: number
  number: number
  started_at: number
  submitted_at: number
  seconds: number
  answered: number
  score: TakeScore | null
  questions: ReviewQuestion[] | null
  reveal_score: 'on_submit' | 'after_end' | 'never'
  reveal_answers: 'on_submit' | 'after_end' | 'never'
}

/** 一道题的作答：所选选项在显示顺序中的位置 */
export interface TakeAnswer {
  question: number
  chosen: number[]
}

function options(pass: string) {
  return { headers: { 'X-Contest-Pass': pass }, silent: true, noAuthRedirect: true }
}

export function fetchOverview(pass: string): Promise<TakeOverview> {
  return http.get(`/api/take/${contestOfPass(pass)}`, options(pass))
}

export function startAttempt(pass: string): Promise<Paper> {
  return http.post(`/api/take/${contestOfPass(pass)}/attempts`, {}, options(pass))
}

export function fetchCurrent(pass: string): Promise<Paper> {
  return http.get(`/api/take/${contestOfPass(pass)}/attempts/current`, options(pass))
}

export function submitAttempt(pass: string, attempt: number, answers: TakeAnswer[]): Promise<TakeResult> {
  return http.post(`/api/take/${contestOfPass(pass)}/attempts/${attempt}/submit`, { answers }, options(pass))
}

export function fetchResult(pass: string, attempt: number): Promise<TakeResult> {
  return http.get(`/api/take/${contestOfPass(pass)}/attempts/${attempt}`, options(pass))
}
