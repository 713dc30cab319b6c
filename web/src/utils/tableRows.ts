/**
 * 给 el-table 的表体行加上 data-test 与 data-id（以及 extra 给出的其他 data-*），便于浏览器测试
 * 定位：`tr[data-test=<test>][data-id=<id>]`。Element Plus 不提供行属性，只能在渲染后写到 DOM 上。
 */
export function markTableRows<T extends { id: number }>(
  wrap: HTMLElement | null | undefined,
  items: readonly T[],
  test: string,
  extra: (item: T) => Record<string, string> = () => ({}),
): void {
  const rows = wrap?.querySelectorAll<HTMLTableRowElement>('.el-table__body tr.el-table__row') ?? []
  rows.forEach((tr, i) => {
    const item = items[i]
    if (!item) return
    tr.dataset.test = test
    tr.dataset.id = String(item.id)
    for (const [key, value] of Object.entries(extra(item))) tr.dataset[key] = value
  })
}
