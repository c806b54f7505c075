declare module 'gdal3.js/node.js' {
  interface GdalDataset {
    pointer: number
    path: string
    type: string
    info: object
  }
  interface GdalFilePath {
    local: string
    real: string
    all?: GdalFilePath[]
  }
  interface GdalFs {
    mkdir(path: string): void
    writeFile(path: string, data: Uint8Array | string): void
    readFile(path: string, options: { encoding: 'binary' }): Uint8Array
    readdir(path: string): string[]
    unlink(path: string): void
    rmdir(path: string): void
    stat(path: string): { size: number; mode: number }
    isDir(mode: number): boolean
    open(path: string, flags: string): GdalFsStream
    read(stream: GdalFsStream, buffer: Uint8Array, offset: number, length: number, position?: number): number
    close(stream: GdalFsStream): void
  }
  interface GdalFsStream {
    position: number
  }
  export interface GdalJs {
    open(
      files: string | string[],
      openOptions?: string[],
      vfsHandlers?: string[],
    ): Promise<{ datasets: GdalDataset[]; errors: unknown[] }>
    close(dataset: GdalDataset): Promise<void>
    ogr2ogr(dataset: GdalDataset, options?: string[], outputName?: string): Promise<GdalFilePath>
    ogrinfo(dataset: GdalDataset, options?: string[]): Promise<any>
    getFileBytes(path: string | GdalFilePath): Promise<Uint8Array>
    Module: { FS: GdalFs; ccall(name: string, returnType: string | null, argTypes: string[], args: unknown[]): unknown }
  }
  interface GdalConfig {
    path?: string
    paths?: { wasm: string; data: string; js?: string }
    useWorker?: boolean
    env?: Record<string, string>
    logHandler?: (message: string, type: string) => void
    errorHandler?: (message: string, type: string) => void
  }
  export default function initGdalJs(config?: GdalConfig): Promise<GdalJs>
}
