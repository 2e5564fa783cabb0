import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const packagesDir = path.join(repo, 'packages');

function buildConfig(pkg: string): ts.ParsedCommandLine {
  const file = path.join(packagesDir, pkg, 'tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    file,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${file}`);
  return parsed;
}

/**
 * Emits a package's declarations with its own build config into memory. Sibling packages resolve
 * to their TypeScript source (no prior build needed), so the output root is packages/.
 */
function emitDeclarations(pkg: string): Map<string, string> {
  const config = buildConfig(pkg);
  const outDir = path.join(packagesDir, pkg, '.declarations-under-test');
  const options: ts.CompilerOptions = {
    ...config.options,
    customConditions: ['source'],
    rootDir: packagesDir,
    outDir,
    declarationDir: outDir,
    declarationMap: false,
    sourceMap: false,
  };
  const program = ts.createProgram(config.fileNames, options);
  const written = new Map<string, string>();
  const result = program.emit(undefined, (file, text) => written.set(path.resolve(file), text));
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(errors).toEqual([]);
  return written;
}

/** Type-checks emitted declarations (served from memory), so a public type naming a stripped one fails. */
function checkDeclarations(files: Map<string, string>, entry: string): string[] {
  const options: ts.CompilerOptions = {
    noEmit: true,
    strict: true,
    skipLibCheck: false,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    customConditions: ['source'],
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  const folders = new Set(
    [...files.keys()].flatMap((file) => {
      const parents = [];
      for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) parents.push(dir);
      return parents;
    }),
  );
  const { directoryExists } = host;
  host.directoryExists = (dir) => folders.has(path.resolve(dir)) || (directoryExists?.(dir) ?? ts.sys.directoryExists(dir));
  host.fileExists = (file) => files.has(path.resolve(file)) || fileExists(file);
  host.readFile = (file) => files.get(path.resolve(file)) ?? readFile(file);
  host.getSourceFile = (file, language, onError) => {
    const text = files.get(path.resolve(file));
    return text === undefined ? getSourceFile(file, language, onError) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([entry], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.relative(packagesDir, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('stripInternal', () => {
  it('is on in the build config of every package', () => {
    const packages = readdirSync(packagesDir).filter((pkg) => existsSync(path.join(packagesDir, pkg, 'tsconfig.build.json')));
    expect(packages.length).toBeGreaterThan(10);
    expect(packages.filter((pkg) => buildConfig(pkg).options.stripInternal !== true)).toEqual([]);
  });

  it('leaves @internal members out of the published declarations and keeps the public ones, which still type-check', () => {
    const written = emitDeclarations('routing');
    const declarations = (file: string) => {
      const text = written.get(path.join(packagesDir, 'routing', '.declarations-under-test', 'routing', 'src', file));
      if (text === undefined) throw new Error(`no declarations for routing/src/${file} in ${[...written.keys()].length} files`);
      return text;
    };
    const resolver = declarations('resolver.d.ts');
    expect(resolver).toContain('resolve(path: string): RouteMatch<View> | null;');
    expect(resolver).toContain('export declare function createResolver');
    // The constructor takes the @internal Endpoint list: it must not be published.
    expect(resolver).not.toContain('constructor(');
    const converters = declarations('converters.d.ts');
    expect(converters).toContain('export declare function registerConverter');
    expect(converters).not.toMatch(/\bConverterTable\b|\bcompileConverter\b|\bCompiledConverter\b/);
    expect(checkDeclarations(written, path.join(packagesDir, 'routing', '.declarations-under-test', 'routing', 'src', 'index.d.ts'))).toEqual([]);
  });
});
