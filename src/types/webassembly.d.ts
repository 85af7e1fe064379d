// Node has WebAssembly, but TypeScript declares it only in the DOM library; this is the part we use.
declare namespace WebAssembly {
  type Imports = Record<string, Record<string, unknown>>;
  interface ModuleImportDescriptor {
    module: string;
    name: string;
    kind: string;
  }
  class Module {
    constructor(bytes: BufferSource);
    static imports(module: Module): ModuleImportDescriptor[];
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Record<string, unknown>;
  }
}
