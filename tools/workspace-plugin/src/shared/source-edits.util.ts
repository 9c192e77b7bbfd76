import { applyChangesToString, ChangeType, StringChange, Tree } from '@nx/devkit';
import * as ts from 'typescript';

/** An array literal assigned to `property` anywhere in the file (`imports: [...]`, `migrations: [...]`). */
function findArray(source: ts.SourceFile, property: string): ts.ArrayLiteralExpression | undefined {
  let found: ts.ArrayLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === property && ts.isArrayLiteralExpression(node.initializer)) {
      found = node.initializer;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Adds `element` at the end of the array literal of `property` in `path`, and `importLine` after the
 * file's last import. The file is parsed, not pattern-matched, so its layout does not matter; the caller
 * formats it afterwards. Throws when the file has no such array: the composition root has a shape we
 * do not know, and guessing would write a broken file.
 */
export function appendToArrayProperty(tree: Tree, path: string, property: string, element: string, importLine: string): void {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} does not exist`);
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const array = findArray(source, property);
  if (!array) throw new Error(`${path}: no "${property}: [...]" array to add ${element} to`);
  if (array.elements.some((e) => e.getText(source) === element)) return;

  const lastImport = [...source.statements].reverse().find(ts.isImportDeclaration);
  const changes: StringChange[] = [
    { type: ChangeType.Insert, index: lastImport ? lastImport.getEnd() : 0, text: lastImport ? `\n${importLine}` : `${importLine}\n` },
  ];
  const last = array.elements[array.elements.length - 1];
  if (last) {
    const trailingComma = array.elements.hasTrailingComma;
    changes.push({ type: ChangeType.Insert, index: last.getEnd() + (trailingComma ? 1 : 0), text: trailingComma ? ` ${element},` : `, ${element}` });
  } else {
    changes.push({ type: ChangeType.Insert, index: array.getStart(source) + 1, text: element });
  }
  tree.write(path, applyChangesToString(text, changes));
}

/** Adds `'name'` to the `ServiceName` union of the platform, so bootstrap accepts the new service. */
export function addServiceName(tree: Tree, path: string, name: string): void {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} does not exist`);
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'ServiceName');
  if (!alias || !ts.isUnionTypeNode(alias.type)) throw new Error(`${path}: no "type ServiceName = 'a' | 'b'" union`);
  if (alias.type.types.some((t) => t.getText(source) === `'${name}'`)) return;
  tree.write(path, applyChangesToString(text, [{ type: ChangeType.Insert, index: alias.type.getEnd(), text: ` | '${name}'` }]));
}
