import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { Member } from '@/api/member/member'
import { ApiError } from '@/api/http'
import { testPlugins } from '@/test/plugins'

const api = vi.hoisted(() => ({
  findBranches: vi.fn(),
  requestTransfer: vi.fn(),
}))
vi.mock('@/api/member/transfer', () => api)
vi.mock('@/api/member/member', () => ({ transferMember: vi.fn() }))
vi.mock('@/api/org/node', () => ({ getChildren: vi.fn().mockResolvedValue([]) }))
// The tree of the direct mode is not under test here.
vi.mock('@/components/OrgTree.vue', () => ({ default: { template: '<div data-test="transfer-tree" />' } }))

import TransferDialog from './TransferDialog.vue'

const member = { id: 3051, name: '白悦然', branch_name: '办公室党支部' } as unknown as Member

async function mountDialog() {
  const { plugins } = testPlugins()
  const wrapper = mount(TransferDialog, { props: { member: null }, global: { plugins }, attachTo: document.body })
  await wrapper.setProps({ member })
  await flushPromises()
  return wrapper
}

function byTest(name: string): HTMLElement | null {
  return document.querySelector(`[data-test="${name}"]`)
}

beforeEach(() => {
  document.body.innerHTML = ''
  for (const f of Object.values(api)) f.mockReset()
  api.findBranches.mockResolvedValue({
    total: 1,
    items: [{ id: 21, name: '综合处党支部', code: 'FGW-ZH', path: '省发展和改革委员会 / 综合处党支部' }],
  })
})

describe('TransferDialog', () => {
  it('finds the receiving branch in the whole province and starts a transfer to it', async () => {
    const wrapper = await mountDialog()
    // the two-step way is the default; it asks for no date and no group
    expect(byTest('transfer-branch-search')).not.toBeNull()
    expect(byTest('transfer-date')).toBeNull()
    expect(byTest('transfer-group')).toBeNull()

    // nothing chosen yet: refused in the form, nothing sent
    byTest('transfer-submit')!.click()
    await flushPromises()
    await vi.waitFor(() => expect(document.querySelector('.el-form-item__error')?.textContent).toContain('请选择转入的党支部'))
    expect(api.requestTransfer).not.toHaveBeenCalled()

    const input = byTest('transfer-branch-search') as HTMLInputElement
    input.value = '综合'
    input.dispatchEvent(new Event('input'))
    await vi.waitFor(() => expect(byTest('transfer-branch-option-21')).not.toBeNull(), { timeout: 3000 })
    expect(api.findBranches).toHaveBeenCalledWith('综合')
    expect(byTest('transfer-branch-option-21')!.textContent).toContain('省发展和改革委员会 / 综合处党支部')
    ;(byTest('transfer-branch-option-21')!.closest('li') as HTMLElement).click()
    await flushPromises()
    expect((byTest('transfer-target') as HTMLInputElement).value).toBe('综合处党支部')

    const note = byTest('transfer-note') as HTMLInputElement
    note.value = ' 工作调动 '
    note.dispatchEvent(new Event('input'))
    api.requestTransfer.mockResolvedValue({ id: 9, status: 'pending' })
    byTest('transfer-submit')!.click()
    await flushPromises()
    expect(api.requestTransfer).toHaveBeenCalledWith(3051, { to_branch_id: 21, note: '工作调动' })
    expect(wrapper.emitted('requested')?.[0]).toEqual([{ id: 9, status: 'pending' }])
  })

  it('shows the server’s field error and stays open', async () => {
    const wrapper = await mountDialog()
    const input = byTest('transfer-branch-search') as HTMLInputElement
    input.value = '综合'
    input.dispatchEvent(new Event('input'))
    await vi.waitFor(() => expect(byTest('transfer-branch-option-21')).not.toBeNull(), { timeout: 3000 })
    ;(byTest('transfer-branch-option-21')!.closest('li') as HTMLElement).click()
    await flushPromises()
    api.requestTransfer.mockRejectedValue(
      new ApiError(400, 400, '输入有误', {
        error: 'request.validation',
        fields: [{ row: 0, field: 'to_branch_id', value: '21', error: 'same_branch', message: '转入支部与原支部相同' }],
      }),
    )
    byTest('transfer-submit')!.click()
    await flushPromises()
    await vi.waitFor(() => expect(document.querySelector('.el-form-item__error')?.textContent).toContain('转入支部与原支部相同'))
    expect(wrapper.emitted('requested')).toBeUndefined()
  })
})
