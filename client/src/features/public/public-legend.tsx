import { useState, type CSSProperties } from 'react'
import type { LayerGroup } from '../../shared/api-types'

/** Narrower than this (a phone or a tablet), the legend starts folded so it does not cover the map. */
const WIDE_SCREEN_QUERY = '(min-width: 1101px)'

/** The legend of the public map, read from the style's layer groups; it folds away to a small button. */
export function PublicLegend({ groups }: { groups: LayerGroup[] }) {
  const [isOpen, setOpen] = useState(() => window.matchMedia(WIDE_SCREEN_QUERY).matches)
  if (!groups.length) return null
  return (
    <section
      className={`pub-legend${isOpen ? '' : ' pub-legend--closed'}`}
      aria-label="图例"
      data-testid="public-legend"
    >
      <button
        type="button"
        className="pub-legend__toggle"
        aria-expanded={isOpen}
        onClick={() => setOpen((open) => !open)}
      >
        图例<span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
      </button>
      {isOpen &&
        groups.map((g) => (
          <div key={g.id} className="pub-legend__group">
            <h3 className="pub-legend__title">{g.name}</h3>
            <ul className="pub-legend__items">
              {g.legend.map((item) => (
                <li key={item.label} className="pub-legend__item">
                  <span
                    className={`pub-swatch pub-swatch--${item.kind}`}
                    style={{ '--swatch-color': item.color } as CSSProperties}
                    aria-hidden="true"
                  />
                  {item.label}
                </li>
              ))}
            </ul>
          </div>
        ))}
    </section>
  )
}
