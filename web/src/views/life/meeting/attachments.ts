import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, type AttachmentType } from '@/api/life/meeting'

const BY_EXTENSION: Record<string, AttachmentType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
}

/** 文件的类型：浏览器给出的类型在允许之列时用它，浏览器没给类型时按扩展名；不允许时为 null */
export function attachmentTypeOf(file: { name: string; type: string }): AttachmentType | null {
  if (file.type) return (ATTACHMENT_TYPES as readonly string[]).includes(file.type) ? (file.type as AttachmentType) : null
  const ext = file.name.toLowerCase().split('.').pop() ?? ''
  return BY_EXTENSION[ext] ?? null
}

/** 上传前的检查：类型为 JPG、PNG 或 PDF，大小不超过 10 MiB */
export function checkAttachment(
  file: { name: string; type: string; size: number },
): { ok: true; type: AttachmentType } | { ok: false; problem: 'type' | 'size' } {
  const type = attachmentTypeOf(file)
  if (!type) return { ok: false, problem: 'type' }
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, problem: 'size' }
  return { ok: true, type }
}

/** 文件大小的文字：B、KB、MB */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** 是否为图片（列表中显示缩略图） */
export function isImage(mime: string): boolean {
  return mime === 'image/jpeg' || mime === 'image/png'
}
