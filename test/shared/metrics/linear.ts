// Which unknowns a set of linear relations fixes: the subtraction attacker's
// algebra, shared by the culture and closing attack tests.
type CellId = string;

const gcd = (a: bigint, b: bigint): bigint => { a = a < 0n ? -a : a; b = b < 0n ? -b : b; while (b) [a, b] = [b, a % b]; return a; };

/** Gauss–Jordan over the integers (exact): the unknown cells whose value the relations fix. */
export function determined(rows: Map<CellId, number>[], unknown: ReadonlySet<CellId>): Set<CellId> {
  const m = rows
    .map((r) => new Map([...r].filter(([id]) => unknown.has(id)).map(([id, x]) => [id, BigInt(x)])))
    .filter((r) => r.size > 0);
  const pivots: Map<CellId, bigint>[] = [];
  for (let row of m) {
    for (const p of pivots) {
      const [col, a] = p.entries().next().value as [CellId, bigint];
      const b = row.get(col);
      if (b === undefined) continue;
      row = combine(row, a, p, b);
    }
    if (row.size === 0) continue;
    const [col, a] = row.entries().next().value as [CellId, bigint];
    for (let i = 0; i < pivots.length; i++) {
      const b = pivots[i]!.get(col);
      if (b !== undefined) pivots[i] = moveFirst(combine(pivots[i]!, a, row, b), pivots[i]!.keys().next().value!);
    }
    pivots.push(row);
  }
  return new Set(pivots.filter((r) => r.size === 1).map((r) => r.keys().next().value!));
}

/** a·row − b·other, divided by the gcd of its entries. */
function combine(row: Map<CellId, bigint>, a: bigint, other: Map<CellId, bigint>, b: bigint): Map<CellId, bigint> {
  const out = new Map<CellId, bigint>();
  for (const [id, x] of row) out.set(id, a * x);
  for (const [id, y] of other) {
    const x = (out.get(id) ?? 0n) - b * y;
    if (x === 0n) out.delete(id); else out.set(id, x);
  }
  const g = [...out.values()].reduce(gcd, 0n);
  if (g > 1n) for (const [id, x] of out) out.set(id, x / g);
  return out;
}

/** Keeps the pivot column first, so that a row's first entry stays its pivot. */
function moveFirst(row: Map<CellId, bigint>, col: CellId): Map<CellId, bigint> {
  if (!row.has(col)) return row;
  return new Map([[col, row.get(col)!], ...[...row].filter(([id]) => id !== col)]);
}
