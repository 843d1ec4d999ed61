import type { Rational } from './rational';

export type ValueType = 'number' | 'boolean' | 'string';

/** What a formula computes with: exact numbers, true/false, and text (e.g. a land use). */
export type Value = Rational | boolean | string;

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '^';
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** The parsed formula. `pos` is the 0-based offset of the node's operator or first character. */
export type FormulaNode =
	| { kind: 'number'; value: Rational; pos: number }
	| { kind: 'string'; value: string; pos: number }
	| { kind: 'boolean'; value: boolean; pos: number }
	| { kind: 'variable'; name: string; pos: number }
	| { kind: 'negate'; operand: FormulaNode; pos: number }
	| { kind: 'not'; operand: FormulaNode; pos: number }
	| { kind: 'arithmetic'; op: ArithmeticOperator; left: FormulaNode; right: FormulaNode; pos: number }
	| { kind: 'comparison'; op: ComparisonOperator; left: FormulaNode; right: FormulaNode; pos: number }
	| { kind: 'logical'; op: 'and' | 'or'; left: FormulaNode; right: FormulaNode; pos: number }
	| { kind: 'conditional'; test: FormulaNode; then: FormulaNode; otherwise: FormulaNode; pos: number }
	| { kind: 'call'; name: string; args: FormulaNode[]; pos: number }
	| { kind: 'table'; name: string; keys: FormulaNode[]; pos: number };

/** The direct children of a node, for walks that need no knowledge of each kind. */
export function childrenOf(node: FormulaNode): FormulaNode[] {
	switch (node.kind) {
		case 'negate':
		case 'not':
			return [node.operand];
		case 'arithmetic':
		case 'comparison':
		case 'logical':
			return [node.left, node.right];
		case 'conditional':
			return [node.test, node.then, node.otherwise];
		case 'call':
			return node.args;
		case 'table':
			return node.keys;
		default:
			return [];
	}
}
