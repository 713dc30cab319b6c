import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElMessageBox } from 'element-plus'
import type { Me } from '@/api/auth/session'
import type { TransferRequest } from '@/api/member/transfer'
import { useSessionStore } from '@/stores/session'
import { testPlugins } from '@/test/plugins'

const api = vi.hoisted(() => ({
  listTransfers: vi.fn(),
  acceptTransfer: vi.fn(),
  returnTransfer: vi.fn(),
  cancelTransfer: vi.fn(),
}))
vi.mock('@/api/member/transfer', () => api)
vi.mock('@/api/org/node', () => ({ getChildren: vi.fn().mockResolvedValue([]) }))

import TransferListPage from './TransferListPage.vue'

function transfer(over: Partial<TransferRequest>): TransferRequest {
  return {
    id: 1,
    member_id: 3051,
    member_name: '白悦然',
    from_branch: { id: 6, name: '办公室党支部', path: '省委办公厅 / 办公室党支部' },
    to_branch: { id: 21, name: '综合处党支部', path: '省发展和改革委员会 / 综合处党支部' },
    to_group: null,
    initiated_on: '2026-11-20',
    note: '工作调动',
    status: 'pending',
    status_label: '待接收',
    decided_on: null,
    decision_note: '',
    direction: 'in',
    ...over,
  }
}

async function mountPage(role: 'unit_admin' | 'auditor' = 'unit_admin') {
  const { plugins } = testPlugins()
  useSessionStore().me = { grants: [{ role }] } as unknown as Me
  const wrapper = mount(TransferListPage, { global: { plugins }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

beforeEach(() => {
  document.body.innerHTML = ''
  for (const f of Object.values(api)) f.mockReset()
  api.listTransfers.mockResolvedValue({
    total: 2,
    items: [transfer({}), transfer({ id: 2, member_name: '陈晨', direction: 'out' })],
  })
})

describe('TransferListPage', () => {
  it('lists pending transfers first, then all, with the actions of each end', async () => {
    const wrapper = await mountPage()
    expect(api.listTransfers).toHaveBeenLastCalledWith({ status: 'pending' })
    expect(wrapper.find('[data-test="transfer-total"]').text()).toBe('共 2 条')
    // Incoming: accept or return; outgoing: withdraw.
    expect(wrapper.find('[data-test="transfer-1-accept"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="transfer-1-return"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="transfer-1-cancel"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="transfer-2-accept"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="transfer-2-cancel"]').exists()).toBe(true)
    await wrapper.find('[data-test="transfer-status-all"] input').setValue(true)
    await flushPromises()
    expect(api.listTransfers).toHaveBeenLastCalledWith({})
  })

  it('accepts after confirming, with the group chosen, and reloads', async () => {
    api.acceptTransfer.mockResolvedValue(transfer({ status: 'accepted' }))
    const wrapper = await mountPage()
    await wrapper.find('[data-test="transfer-1-accept"]').trigger('click')
    await flushPromises()
    const text = document.querySelector('[data-test="transfer-accept-text"]')
    expect(text?.textContent?.trim()).toBe('确定接收 白悦然 的组织关系？接收后即日转入 综合处党支部。')
    expect(api.acceptTransfer).not.toHaveBeenCalled()
    ;(document.querySelector('[data-test="transfer-accept-confirm"]') as HTMLElement).click()
    await flushPromises()
    expect(api.acceptTransfer).toHaveBeenCalledWith(1, undefined)
    expect(api.listTransfers).toHaveBeenCalledTimes(2)
  })

  it('returns only with a reason, and nothing is sent when the prompt is dismissed', async () => {
    const prompt = vi.spyOn(ElMessageBox, 'prompt')
    prompt.mockRejectedValueOnce('cancel')
    const wrapper = await mountPage()
    await wrapper.find('[data-test="transfer-1-return"]').trigger('click')
    await flushPromises()
    expect(api.returnTransfer).not.toHaveBeenCalled()
    const validator = (prompt.mock.calls[0][2] as { inputValidator: (v: string) => true | string }).inputValidator
    expect(validator('  ')).toBe('请填写退回理由')
    expect(validator('未办调入手续')).toBe(true)

    prompt.mockResolvedValueOnce({ value: ' 未办调入手续 ', action: 'confirm' } as never)
    api.returnTransfer.mockResolvedValue(transfer({ status: 'returned' }))
    await wrapper.find('[data-test="transfer-1-return"]').trigger('click')
    await flushPromises()
    expect(api.returnTransfer).toHaveBeenCalledWith(1, '未办调入手续')
  })

  it('shows no actions to a reader who may not write member files', async () => {
    const wrapper = await mountPage('auditor')
    expect(wrapper.find('[data-test="transfer-1-accept"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="transfer-2-cancel"]').exists()).toBe(false)
  })
})
