import { http } from '../http'
import type { Page } from '../types'
import { XLSX_TYPE, type ImportErrorData } from '../member/excel'

/** 题型：单选、多选、判断 */
export type QuestionKind = 'single' | 'multiple' | 'true_false'

/** 题库中的一道试题 */
export interface Question {
  id: number
  kind: QuestionKind
  /** 单选题、多选题、判断题 */
  kind_label: string
  stem: string
  /** 选项（判断题为 正确、错误） */
  options: string[]
  /** 选项字母（"A"、"ACD"）；判断题为 正确 或 错误 */
  answer: string
  tags: string[]
  /** 1–5 */
  difficulty: number
  explanation: string
}

/** 新增或修改试题的输入；判断题不发 options */
export interface QuestionInput {
  kind: QuestionKind
  stem: string
  options?: string[]
  /** 选项字母（"AC"）或 正确 / 错误 */
  answer: string
  tags?: string[]
  difficulty?: number
  explanation?: string
}

/** 查询条件（导出同样的条件，不含分页） */
export interface QuestionFilter {
  q?: string
  tag?: string
  kind?: QuestionKind
  difficulty?: number
}

export interface QuestionSearch extends QuestionFilter {
  page?: number
  page_size?: number
}

/** 一个标签下的试题数 */
export interface QuestionTagCount {
  /** 空字符串：没有标签的试题 */
  tag: string
  total: number
  by_kind: Record<QuestionKind, number>
}

export interface QuestionTags {
  /** 题库中的试题总数 */
  questions: number
  items: QuestionTagCount[]
}

export type { ImportErrorData }

/** 查询试题（新录入的在前） */
export function searchQuestions(params: QuestionSearch): Promise<Page<Question>> {
  return http.get<Page<Question>, Page<Question>>('/api/contest/questions', { params })
}

/** 各标签的试题数 */
export function getQuestionTags(): Promise<QuestionTags> {
  return http.get<QuestionTags, QuestionTags>('/api/contest/questions/tags')
}

/** 获取一道试题 */
export function getQuestion(id: number): Promise<Question> {
  return http.get<Question, Question>(`/api/contest/questions/${id}`)
}

/** 新增试题（字段错误由表单显示） */
export function createQuestion(input: QuestionInput): Promise<Question> {
  return http.post<Question, Question>('/api/contest/questions', input, { silent: true })
}

/** 修改试题（字段错误由表单显示） */
export function updateQuestion(id: number, input: QuestionInput): Promise<Question> {
  return http.put<Question, Question>(`/api/contest/questions/${id}`, input, { silent: true })
}

/** 删除试题 */
export function deleteQuestion(id: number): Promise<{ id: number }> {
  return http.delete<{ id: number }, { id: number }>(`/api/contest/questions/${id}`)
}

/** 下载试题导入模板 */
export function downloadQuestionTemplate(): Promise<Blob> {
  return http.get<Blob, Blob>('/api/contest/questions/import/template', { responseType: 'blob' })
}

/** 导入试题（请求体为 xlsx 文件本身；全部导入或全部不导入） */
export function importQuestions(file: Blob): Promise<{ created: number }> {
  return http.post<{ created: number }, { created: number }>('/api/contest/questions/import', file, {
    headers: { 'Content-Type': XLSX_TYPE },
    silent: true,
    timeout: 0,
  })
}

/** 导出查到的试题 */
export function exportQuestions(params: QuestionFilter): Promise<Blob> {
  return http.get<Blob, Blob>('/api/contest/questions/export', { params, responseType: 'blob', timeout: 0 })
}
