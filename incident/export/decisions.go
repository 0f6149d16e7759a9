package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/northbridge-nhs/sitroom/incident"
)

// decisionColumns is the header of the decision-log extract.
var decisionColumns = []string{"seq", "occurred_at", "recorded_at", "decision_maker", "decision_maker_name", "level", "decision",
	"rationale", "options_rejected", "loggist", "loggist_name", "review_at", "late_reason", "corrects", "corrected_by", "hash"}

// writeDecisions writes the decision log: one CSV row per decision, in
// the order they occurred, with rationale, options, decision maker and
// loggist. A decision corrected later names the entries that correct it.
func writeDecisions(ctx context.Context, w io.Writer, r incident.Reader, inc incident.Incident, opts Options) (Result, error) {
	sum, err := summarise(ctx, r, inc, &opts)
	if err != nil {
		return sum.res, err
	}

	buf := bufio.NewWriterSize(w, 64*1024)
	out := csv.NewWriter(buf)
	out.UseCRLF = true

	if err := out.Write(decisionColumns); err != nil {
		return sum.res, err
	}

	for _, e := range sum.decisions {
		loggist, loggistName := "", ""
		if e.Author != e.DecisionMaker {
			loggist, loggistName = e.Author, opts.Staff[e.Author]
		}

		review := ""
		if e.ReviewAt != nil {
			review = e.ReviewAt.In(opts.Zone).Format(localLayout)
		}

		corrects := ""
		if e.Amends != 0 {
			corrects = strconv.FormatInt(e.Amends, 10)
		}

		var by []string
		for _, s := range sum.correctedBy[e.Seq] {
			by = append(by, strconv.FormatInt(s, 10))
		}

		err := out.Write([]string{strconv.FormatInt(e.Seq, 10), e.OccurredAt.In(opts.Zone).Format(localLayout),
			e.RecordedAt.In(opts.Zone).Format(localLayout), csvText(e.DecisionMaker), csvText(opts.Staff[e.DecisionMaker]),
			csvText(string(e.Level)), csvText(e.Text), csvText(e.Rationale), csvList(e.Options), csvText(loggist),
			csvText(loggistName), review, csvText(e.LateReason), corrects, strings.Join(by, ";"), e.Hash})
		if err != nil {
			return sum.res, err
		}
	}

	if err := out.Write(sealRow(len(decisionColumns), 6, len(decisionColumns)-1, sum.res)); err != nil {
		return sum.res, err
	}

	out.Flush()
	if err := out.Error(); err != nil {
		return sum.res, err
	}

	sum.res.Entries = int64(len(sum.decisions))

	return sum.res, buf.Flush()
}
