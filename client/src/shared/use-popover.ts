import { useEffect, useRef, useState } from 'react'

/**
 * A menu that drops from a button: open or shut, closed by Escape or by a press outside the element holding `rootRef`.
 * `choose(action)` gives a click handler that closes the menu, then runs `action`.
 */
export function usePopover() {
  const [isOpen, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!isOpen) return
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [isOpen])

  return {
    isOpen,
    rootRef,
    toggle: () => setOpen((open) => !open),
    choose: (action: () => void) => () => {
      setOpen(false)
      action()
    },
  }
}
