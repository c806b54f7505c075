import { usePopover } from '../shared/use-popover'

/** A page the ☰ menu leads to. */
export interface StaffMenuPage {
  page: string
  path: string
  label: string
}

/** A side panel tab of the map the ☰ menu opens. */
export interface StaffMenuPanel {
  id: string
  label: string
}

/** Props of {@link StaffMenu}. */
export interface StaffMenuProps {
  /** The page shown now (marked in the list). */
  current: string
  /** The pages of the header's link row. */
  pages: readonly StaffMenuPage[]
  /** The pages of the user menu (administration, imports), listed after the others. */
  morePages: readonly StaffMenuPage[]
  /** The side panel tabs of the map page (none elsewhere). */
  panels?: readonly StaffMenuPanel[]
  onOpenPanel?: (id: string) => void
  onNavigate: (path: string) => void
}

/**
 * ☰ on a phone: the map's side panel tabs (layers and legend first) and every page the role may open, in one list
 * below the header; hidden on wider screens, where the side panel and the header's links show them.
 */
export function StaffMenu({ current, pages, morePages, panels = [], onOpenPanel, onNavigate }: StaffMenuProps) {
  const { isOpen, rootRef, toggle, choose } = usePopover()
  const pageItem = (p: StaffMenuPage) => (
    <li key={p.page}>
      <button
        type="button"
        className={`staff-menu__item${p.page === current ? ' staff-menu__item--active' : ''}`}
        aria-current={p.page === current ? 'page' : undefined}
        data-page={p.page}
        data-path={p.path}
        data-testid={`staff-menu-page-${p.page}`}
        onClick={choose(() => onNavigate(p.path))}
      >
        {p.label}
      </button>
    </li>
  )

  return (
    <div className="staff-menu" ref={rootRef}>
      <button
        type="button"
        className="staff-menu__button"
        aria-label="菜单"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        onClick={toggle}
        data-testid="staff-menu-button"
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      {isOpen && (
        <div className="staff-menu__panel" data-testid="staff-menu">
          {panels.length > 0 && (
            <section className="staff-menu__group" aria-label="地图面板">
              <h2 className="staff-menu__title">地图面板</h2>
              <ul className="staff-menu__list">
                {panels.map((panel) => (
                  <li key={panel.id}>
                    <button
                      type="button"
                      className="staff-menu__item"
                      data-tab={panel.id}
                      data-testid={`staff-menu-tab-${panel.id}`}
                      onClick={choose(() => onOpenPanel?.(panel.id))}
                    >
                      {panel.id === 'layers' ? '图层与图例' : panel.label}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="staff-menu__group" aria-label="页面">
            <h2 className="staff-menu__title">页面</h2>
            <ul className="staff-menu__list">{pages.map(pageItem)}</ul>
          </section>
          {morePages.length > 0 && (
            <section className="staff-menu__group" aria-label="管理与导入">
              <h2 className="staff-menu__title">管理与导入</h2>
              <ul className="staff-menu__list">{morePages.map(pageItem)}</ul>
            </section>
          )}
        </div>
      )}
    </div>
  )
}
