import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { testPlugins } from '@/test/plugins'

const { uploadAttachment, deleteAttachment } = vi.hoisted(() => ({ uploadAttachment: vi.fn(), deleteAttachment: vi.fn() }))
vi.mock('@/api/life/meeting', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/life/meeting')>()),
  uploadAttachment,
  deleteAttachment,
}))

import AttachmentList from './AttachmentList.vue'

function mountList(writable = true) {
  return mount(AttachmentList, {
    props: {
      meetingId: 9,
      writable,
      items: [
        { id: 4, name: '现场照片.jpg', mime: 'image/jpeg', size: 204800 },
        { id: 5, name: '签到表.pdf', mime: 'application/pdf', size: 1024 },
      ],
    },
    global: { plugins: testPlugins().plugins },
    attachTo: document.body,
  })
}

type Upload = { upload: (f: File) => Promise<void> }

function file(name: string, type: string, size: number): File {
  const f = new File(['x'], name, { type })
  Object.defineProperty(f, 'size', { value: size })
  return f
}

beforeEach(() => {
  uploadAttachment.mockReset().mockResolvedValue({ id: 6, name: 'a.png', mime: 'image/png', size: 10 })
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('AttachmentList', () => {
  it('lists the attachments with links to the files', () => {
    const wrapper = mountList()
    expect(wrapper.find('[data-test="attachment-open-4"]').attributes('href')).toBe('/api/meetings/9/attachments/4')
    expect(wrapper.find('[data-test="attachment-4"] img').exists()).toBe(true)
    expect(wrapper.find('[data-test="attachment-5"] img').exists()).toBe(false)
    expect(wrapper.find('[data-test="attachment-5"]').text()).toContain('1.0 KB')
  })

  it('uploads an allowed file with its type and reports it', async () => {
    const wrapper = mountList()
    const f = file('会场.png', 'image/png', 3000)
    await (wrapper.vm as unknown as Upload).upload(f)
    await flushPromises()
    expect(uploadAttachment).toHaveBeenCalledWith(9, f, '会场.png', 'image/png', expect.any(Function))
    expect(wrapper.emitted('changed')).toHaveLength(1)
  })

  it('refuses a file over 10 MiB or of another type without sending it', async () => {
    const wrapper = mountList()
    await (wrapper.vm as unknown as Upload).upload(file('big.jpg', 'image/jpeg', 10 * 1024 * 1024 + 1))
    await (wrapper.vm as unknown as Upload).upload(file('notes.docx', 'application/msword', 10))
    await flushPromises()
    expect(uploadAttachment).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('文件不能超过 10 MB（该文件 10.0 MB）')
    expect(document.body.textContent).toContain('只能上传 JPG、PNG 图片或 PDF 文件')
  })

  it('offers no upload or delete to readers', () => {
    const wrapper = mountList(false)
    expect(wrapper.find('[data-test="attachment-upload"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="attachment-delete-4"]').exists()).toBe(false)
  })
})
