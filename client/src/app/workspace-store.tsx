import { createContext, useContext, useReducer, type Dispatch, type ReactNode } from 'react'
import { INITIAL_WORKSPACE, workspaceReducer, type WorkspaceAction, type WorkspaceState } from './workspace-state'

const WorkspaceContext = createContext<{ state: WorkspaceState; dispatch: Dispatch<WorkspaceAction> } | null>(null)

/** Holds the staff map's one store ({@link WorkspaceState}) for the components under it. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(workspaceReducer, INITIAL_WORKSPACE)
  return <WorkspaceContext.Provider value={{ state, dispatch }}>{children}</WorkspaceContext.Provider>
}

/** The staff map's store: its state and the dispatcher of its named transitions. */
export function useWorkspace(): { state: WorkspaceState; dispatch: Dispatch<WorkspaceAction> } {
  const store = useContext(WorkspaceContext)
  if (!store) throw new Error('useWorkspace is used outside WorkspaceProvider')
  return store
}
