package importer

// parseUnique parses each row with parse, keeping the rows that parse, and
// adds a problem, worded by duplicate (which takes the id and the first
// line), for a row whose id repeats an earlier row's. It returns the kept
// records and the line that defines each id.
func parseUnique[T any](rows []record, problems *problemList, parse func(record, *problemList) (T, bool),
	id func(T) string, duplicate string,
) ([]T, map[string]int) {
	var out []T
	lines := map[string]int{}

	for _, row := range rows {
		v, ok := parse(row, problems)
		if !ok {
			continue
		}

		if first, dup := lines[id(v)]; dup {
			problems.add(row.line, "id", duplicate, id(v), first)

			continue
		}

		lines[id(v)] = row.line
		out = append(out, v)
	}

	return out, lines
}
