import { useEffect, useId, useRef, type ReactNode } from 'react'

/** One tab of the side panel. */
export interface SideTab {
  id: string
  label: string
  /** A small count after the label (e.g. open review items). */
  badge?: number
  content: ReactNode
}

/** Props of {@link SideTabs}. */
export interface SideTabsProps {
  tabs: SideTab[]
  active: string
  onSelect: (id: string) => void
}

/** Tabs of the side panel; every panel stays mounted (hidden when inactive) so it keeps its state. A lone tab shows no tab bar. */
export function SideTabs({ tabs, active, onSelect }: SideTabsProps) {
  const base = useId()
  const barRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const bar = barRef.current
    const tab = bar?.querySelector<HTMLElement>('[aria-selected="true"]')
    if (!bar || !tab || bar.scrollWidth <= bar.clientWidth) return
    bar.scrollLeft = tab.offsetLeft - (bar.clientWidth - tab.offsetWidth) / 2
  }, [active])
  if (tabs.length === 1) return <div className="side-tabs__panel">{tabs[0].content}</div>
  return (
    <>
      <div className="side-tabs" role="tablist" aria-label="工作面板" ref={barRef}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${base}-${tab.id}-tab`}
            aria-selected={tab.id === active}
            aria-controls={`${base}-${tab.id}-panel`}
            className={`side-tabs__tab${tab.id === active ? ' side-tabs__tab--active' : ''}`}
            onClick={() => onSelect(tab.id)}
            data-testid={`side-tab-${tab.id}`}
          >
            {tab.label}
            {tab.badge ? <span className="side-tabs__badge">{tab.badge > 99 ? '99+' : tab.badge}</span> : null}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-${tab.id}-panel`}
          aria-labelledby={`${base}-${tab.id}-tab`}
          className="side-tabs__panel"
          hidden={tab.id !== active}
        >
          {tab.content}
        </div>
      ))}
    </>
  )
}
