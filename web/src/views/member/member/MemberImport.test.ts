import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { AxiosAdapter, AxiosProgressEvent, AxiosResponse, InternalAxiosRequestConfig } from 'axios'
import MemberImport from './MemberImport.vue'
import { http, setCsrfToken } from '@/api/http'
import { XLSX_TYPE } from '@/api/member/excel'
import { testPlugins } from '@/test/plugins'

const realAdapter = http.defaults.adapter
let seen: InternalAxiosRequestConfig | null = null

function respond(status: number, body: unknown, progress: number[] = []): AxiosAdapter {
  return async (config) => {
    seen = config
    for (const loaded of progress) config.onUploadProgress?.({ loaded, total: 100 } as AxiosProgressEvent)
    const response: AxiosResponse = { data: body, status, statusText: '', headers: {}, config }
    if (status < 400) return response
    throw Object.assign(new Error(String(status)), { isAxiosError: true, config, response, toJSON: () => ({}) })
  }
}

function xlsx(name = '名册.xlsx'): File {
  return new File([new Uint8Array([0x50, 0x4b, 3, 4])], name, { type: XLSX_TYPE })
}

function mountImport() {
  return mount(MemberImport, { global: { plugins: testPlugins().plugins }, attachTo: document.body })
}

beforeEach(() => {
  seen = null
  setCsrfToken('csrf-1')
})

afterEach(() => {
  http.defaults.adapter = realAdapter
  document.body.innerHTML = ''
})

describe('MemberImport', () => {
  it('posts the file itself with the xlsx content type and CSRF token, and reports the count', async () => {
    http.defaults.adapter = respond(201, { code: 0, message: '', data: { created: 42 } }, [30, 100])
    const wrapper = mountImport()
    const vm = wrapper.vm as unknown as { upload: (f: File) => Promise<void> }
    const file = xlsx()
    await vm.upload(file)
    await flushPromises()
    expect(seen?.method).toBe('post')
    expect(seen?.url).toBe('/api/members/import')
    expect(seen?.data).toBe(file)
    expect(seen?.headers.get('Content-Type')).toBe(XLSX_TYPE)
    expect(seen?.headers.get('X-CSRF-Token')).toBe('csrf-1')
    expect(wrapper.emitted('imported')?.[0]).toEqual([42])
    expect(document.body.textContent).toContain('成功导入 42 名党员')
  })

  it('shows the progress of the upload', async () => {
    let release: () => void = () => undefined
    http.defaults.adapter = async (config) => {
      config.onUploadProgress?.({ loaded: 37, total: 100 } as AxiosProgressEvent)
      await new Promise<void>((r) => (release = r))
      return { data: { code: 0, message: '', data: { created: 1 } }, status: 201, statusText: '', headers: {}, config }
    }
    const wrapper = mountImport()
    const done = (wrapper.vm as unknown as { upload: (f: File) => Promise<void> }).upload(xlsx())
    await flushPromises()
    const bar = document.body.querySelector('[data-test="import-progress"]')
    expect(bar?.textContent).toContain('37%')
    release()
    await done
  })

  it('opens the error table for import.invalid_rows and imports nothing', async () => {
    http.defaults.adapter = respond(400, {
      code: 400,
      message: '导入文件有 1 处错误，未导入任何数据',
      data: {
        error: 'import.invalid_rows',
        rows: 3,
        error_count: 1,
        errors: [{ row: 2, column: 'E', header: '身份证号', value: '1', error: 'id_number_invalid', message: '身份证号应为18位' }],
      },
    })
    const wrapper = mountImport()
    await (wrapper.vm as unknown as { upload: (f: File) => Promise<void> }).upload(xlsx())
    await flushPromises()
    const table = document.body.querySelector('[data-test="import-error-table"]')
    expect(table?.textContent).toContain('身份证号应为18位')
    expect(document.body.querySelector('[data-test="import-error-summary"]')?.textContent).toContain('未导入任何数据')
    expect(wrapper.emitted('imported')).toBeUndefined()
  })

  it('refuses a file that is not .xlsx without sending it', async () => {
    const adapter = vi.fn(respond(201, { code: 0, message: '', data: { created: 1 } }))
    http.defaults.adapter = adapter
    const wrapper = mountImport()
    await (wrapper.vm as unknown as { upload: (f: File) => Promise<void> }).upload(xlsx('名册.xls'))
    await flushPromises()
    expect(adapter).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('请选择 .xlsx 格式的文件')
  })
})
