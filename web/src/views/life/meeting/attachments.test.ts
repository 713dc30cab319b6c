import { describe, expect, it } from 'vitest'
import { attachmentTypeOf, checkAttachment, formatSize, isImage } from './attachments'

const MiB = 1024 * 1024

describe('attachments', () => {
  it('accepts JPG, PNG and PDF up to 10 MiB', () => {
    expect(checkAttachment({ name: '现场照片.jpg', type: 'image/jpeg', size: 10 * MiB })).toEqual({ ok: true, type: 'image/jpeg' })
    expect(checkAttachment({ name: '签到表.pdf', type: 'application/pdf', size: 1 })).toEqual({ ok: true, type: 'application/pdf' })
  })

  it('refuses other types and files over 10 MiB', () => {
    expect(checkAttachment({ name: '记录.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 1 })).toEqual({
      ok: false,
      problem: 'type',
    })
    expect(checkAttachment({ name: 'a.gif', type: 'image/gif', size: 1 })).toEqual({ ok: false, problem: 'type' })
    expect(checkAttachment({ name: 'big.png', type: 'image/png', size: 10 * MiB + 1 })).toEqual({ ok: false, problem: 'size' })
  })

  it('goes by the extension when the browser gives no type', () => {
    expect(attachmentTypeOf({ name: 'IMG_0001.JPEG', type: '' })).toBe('image/jpeg')
    expect(attachmentTypeOf({ name: 'scan.pdf', type: '' })).toBe('application/pdf')
    expect(attachmentTypeOf({ name: 'noext', type: '' })).toBeNull()
    // A declared type wins over the name.
    expect(attachmentTypeOf({ name: 'x.png', type: 'text/plain' })).toBeNull()
  })

  it('writes sizes for people', () => {
    expect([formatSize(512), formatSize(2048), formatSize(3 * MiB + MiB / 2)]).toEqual(['512 B', '2.0 KB', '3.5 MB'])
    expect([isImage('image/png'), isImage('application/pdf')]).toEqual([true, false])
  })
})
