import type { Question, QuestionInput, QuestionKind } from '@/api/contest/question'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** 题型（docs/api.md） */
export const QUESTION_KINDS: QuestionKind[] = ['single', 'multiple', 'true_false']
/** 难度 1–5，默认 3 */
export const DIFFICULTIES = [1, 2, 3, 4, 5] as const
export const DEFAULT_DIFFICULTY = 3
/** 单选、多选题的选项：2–8 个（A–H） */
export const OPTION_LETTERS = 'ABCDEFGH'
export const MIN_OPTIONS = 2
export const MAX_OPTIONS = 8
/** 新增时的空选项行（A–D） */
export const INITIAL_OPTIONS = 4
export const MAX_STEM_CHARS = 1000
export const MAX_OPTION_CHARS = 200
export const MAX_EXPLANATION_CHARS = 2000
export const MAX_TAGS = 8
export const MAX_TAG_CHARS = 30
/** 判断题的两个答案 */
export const TRUE_ANSWER = '正确'
export const FALSE_ANSWER = '错误'
export type Judgement = typeof TRUE_ANSWER | typeof FALSE_ANSWER

/** 表单中的字段（服务器字段错误的去处） */
export const QUESTION_FIELDS = ['kind', 'stem', 'options', 'answer', 'tags', 'difficulty', 'explanation'] as const
export type QuestionField = (typeof QUESTION_FIELDS)[number]
export type QuestionFormErrors = Partial<Record<QuestionField, string>>

/** 试题表单的状态：选项行与“是否正确答案”一一对应 */
export interface QuestionFormState {
  kind: QuestionKind
  stem: string
  /** 单选、多选题的选项行 */
  options: string[]
  /** 与 options 同长：该行是否正确答案 */
  correct: boolean[]
  /** 判断题的答案 */
  judgement: Judgement | ''
  tags: string[]
  difficulty: number
  explanation: string
}

/** 第 i 个选项的字母（0 → A） */
export function letter(i: number): string {
  return OPTION_LETTERS[i] ?? '?'
}

/** 空白的新试题：单选、A–D 四个空选项、难度 3 */
export function blankQuestionForm(): QuestionFormState {
  return {
    kind: 'single',
    stem: '',
    options: Array.from({ length: INITIAL_OPTIONS }, () => ''),
    correct: Array.from({ length: INITIAL_OPTIONS }, () => false),
    judgement: '',
    tags: [],
    difficulty: DEFAULT_DIFFICULTY,
    explanation: '',
  }
}

/** 已有试题填入表单（编辑） */
export function questionToForm(q: Question): QuestionFormState {
  const form = blankQuestionForm()
  form.kind = q.kind
  form.stem = q.stem
  form.tags = [...q.tags]
  form.difficulty = q.difficulty
  form.explanation = q.explanation
  if (q.kind === 'true_false') {
    form.judgement = q.answer === TRUE_ANSWER || q.answer === FALSE_ANSWER ? q.answer : ''
    return form
  }
  const answer = q.answer.toUpperCase()
  form.options = [...q.options]
  form.correct = q.options.map((_, i) => answer.includes(letter(i)))
  return form
}

/** 比较选项是否相同：去掉空白、ASCII 大小写与全角字母数字的差别（与服务器判重一致） */
export function foldOption(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase()
}

/** 字数（按 Unicode 字符计，与服务器一致） */
function chars(text: string): number {
  return [...text].length
}

export interface CheckedQuestion {
  errors: QuestionFormErrors
  /** 没有错误时的请求体 */
  input: QuestionInput | null
}

/**
 * 前端校验（与服务器的规则一致）并生成请求体。选项去掉末尾的空行；
 * 空行夹在有内容的选项之间时不自动重新编号，而是提示填写或删除该行。
 */
export function checkQuestionForm(form: QuestionFormState, t: Translate): CheckedQuestion {
  const errors: QuestionFormErrors = {}
  const stem = form.stem.trim()
  if (!stem) errors.stem = t('contest.form.stemRequired')
  else if (chars(stem) > MAX_STEM_CHARS) errors.stem = t('contest.form.stemTooLong', { n: MAX_STEM_CHARS })

  let options: string[] | undefined
  let answer = ''
  if (form.kind === 'true_false') {
    if (!form.judgement) errors.answer = t('contest.form.answerRequired')
    answer = form.judgement
  } else {
    const trimmed = form.options.map((o) => o.trim())
    let used = trimmed.length
    while (used > 0 && !trimmed[used - 1]) used--
    options = trimmed.slice(0, used)
    const gap = options.findIndex((o) => !o)
    if (gap >= 0) {
      errors.options = t('contest.form.optionGap', { letter: letter(gap) })
    } else if (options.length < MIN_OPTIONS) {
      errors.options = t('contest.form.optionsTooFew', { n: MIN_OPTIONS })
    } else if (options.length > MAX_OPTIONS) {
      errors.options = t('contest.form.optionsTooMany', { n: MAX_OPTIONS })
    } else {
      const long = options.findIndex((o) => chars(o) > MAX_OPTION_CHARS)
      const folded = options.map(foldOption)
      const dup = folded.findIndex((o, i) => folded.indexOf(o) < i)
      if (long >= 0) errors.options = t('contest.form.optionTooLong', { letter: letter(long), n: MAX_OPTION_CHARS })
      else if (dup >= 0) {
        errors.options = t('contest.form.optionDuplicate', { letter: letter(dup), other: letter(folded.indexOf(folded[dup])) })
      }
    }
    const chosen = form.correct.flatMap((c, i) => (c && i < form.options.length ? [i] : []))
    const onEmpty = chosen.find((i) => !trimmed[i])
    answer = chosen.map(letter).join('')
    if (chosen.length === 0) errors.answer = t('contest.form.answerRequired')
    else if (onEmpty !== undefined) errors.answer = t('contest.form.answerOnEmpty', { letter: letter(onEmpty) })
    else if (form.kind === 'single' && chosen.length !== 1) errors.answer = t('contest.form.singleNeedsOne')
    else if (form.kind === 'multiple' && chosen.length < 2) errors.answer = t('contest.form.multipleNeedsTwo')
  }

  const tags = [...new Set(form.tags.map((tag) => tag.trim()).filter(Boolean))]
  const longTag = tags.find((tag) => chars(tag) > MAX_TAG_CHARS)
  if (tags.length > MAX_TAGS) errors.tags = t('contest.form.tagsTooMany', { n: MAX_TAGS })
  else if (longTag !== undefined) errors.tags = t('contest.form.tagTooLong', { tag: longTag, n: MAX_TAG_CHARS })

  const difficulty = Number(form.difficulty)
  if (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5) {
    errors.difficulty = t('contest.form.difficultyRange')
  }
  const explanation = form.explanation.trim()
  if (chars(explanation) > MAX_EXPLANATION_CHARS) {
    errors.explanation = t('contest.form.explanationTooLong', { n: MAX_EXPLANATION_CHARS })
  }

  if (Object.keys(errors).length > 0) return { errors, input: null }
  const input: QuestionInput = options
    ? { kind: form.kind, stem, options, answer, tags, difficulty, explanation }
    : { kind: form.kind, stem, answer, tags, difficulty, explanation }
  return { errors, input }
}
