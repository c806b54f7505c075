import { createContext, useCallback, useContext, useMemo, useReducer, type Dispatch, type ReactNode } from 'react'
import { DataVersionsContext, type DataLayer } from '../shared/data-versions'
import { INITIAL_WORKSPACE, workspaceReducer, type WorkspaceAction, type WorkspaceState } from './workspace-state'

const WorkspaceContext = createContext<{ state: WorkspaceState; dispatch: Dispatch<WorkspaceAction> } | null>(null)

/**
 * Holds the staff map's one store ({@link WorkspaceState}) for the components under it; the panels of the features
 * read the versions of their kinds of data and say what a save changed through {@link DataVersionsContext}.
 */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(workspaceReducer, INITIAL_WORKSPACE)
  const dataChanged = useCallback((...layers: DataLayer[]) => dispatch({ type: 'dataChanged', layers }), [])
  const versions = useMemo(() => ({ versions: state.versions, dataChanged }), [state.versions, dataChanged])
  return (
    <WorkspaceContext.Provider value={{ state, dispatch }}>
      <DataVersionsContext.Provider value={versions}>{children}</DataVersionsContext.Provider>
    </WorkspaceContext.Provider>
  )
}

/** The staff map's store: its state and the dispatcher of its named transitions. */
export function useWorkspace(): { state: WorkspaceState; dispatch: Dispatch<WorkspaceAction> } {
  const store = useContext(WorkspaceContext)
  if (!store) throw new Error('useWorkspace is used outside WorkspaceProvider')
  return store
}
