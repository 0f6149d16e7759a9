package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/northbridge-nhs/sitroom/incident"
	"github.com/northbridge-nhs/sitroom/incident/export"
)

func newExportCommand(g *globalFlags) *cobra.Command {
	var ref, formatName, output string
	var sel exportSelection

	cmd := &cobra.Command{
		Use:   "export --format FORMAT [--incident REF] [--output FILE] [filters] [--include-personal]",
		Short: "Write the incident's timeline as evidence: HTML review pack, Markdown, CSV, JSON Lines and more",
		Long: `Write the incident's timeline, in the order its entries occurred, as
evidence for a review, regulator or inquiry.

Formats:
  md     a readable report: incident summary, systems out of service, gate
         overrides, decisions, notification duties, messages, staffing,
         timeline and seal
  csv    one row per entry for spreadsheets, and a last row with the seal; a
         cell that a spreadsheet would run as a formula (starting with = + -
         @, a tab or a carriage return) gets a leading apostrophe
  jsonl  lossless JSON Lines: an incident line, one line per entry and a seal
         line, from which every entry's hash can be recomputed
  html   the review pack: one self-contained page, with no scripts, that
         prints on A4: summary, a chart of each system's time out of service
         against its RTO, decisions, notification duties, messages,
         staffing, the timeline and the seal
  timesketch, timesketch-csv
         events for Timesketch (message, datetime, timestamp_desc and the
         other fields), and a last event with the seal
  ics214 an activity log per person in the layout of the ICS 214 form
  decisions
         the decision log as CSV: rationale, options, decision maker and
         loggist, and a last row with the seal

--from, --to, --kind, --level, --system and --person choose the entries
shown; the chain is still verified over all of them and the seal covers the
whole timeline. Staff contact details are left out unless
--include-personal is given.

The hash chain is verified over the exported entries, in the same read.
When it does not verify, the export is still written, because evidence must
not be held back, but every format says that the chain did NOT verify,
names the first entry that failed and claims no seal, and sitroom
exits with status 1 naming that entry. After a complete export, sitroom
prints the seal on standard error, which is the only place a CSV export has
for it.

Times are in the display zone (--zone, else SITROOM_TZ) with their offset
from UTC; JSON Lines also gives every time in UTC to the nanosecond.

With --output, the export goes to a temporary file in the same folder that is
renamed to FILE only once complete, so a failed export leaves no partial
file. An existing FILE is replaced. The new file is readable by its owner
only (mode 0600), because a timeline can hold personal data. Without
--output, or with --output -, the export goes to standard output.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := export.ParseFormat(formatName)
			if err != nil {
				return err
			}

			if g.shared != nil && output != "" && output != "-" {
				return fmt.Errorf("over SSH the export comes back to your terminal: drop --output %s and redirect it on your side, "+
					"such as ssh -T HOST export --format md > report.md", output)
			}

			return withApp(cmd, g, func(ctx context.Context, a *app) error {
				extra, err := sel.options(a)
				if err != nil {
					return err
				}

				return runExport(ctx, cmd, a, ref, format, output, extra)
			})
		},
	}

	f := cmd.Flags()
	f.StringVar(&ref, "incident", "", "incident reference (default: the only open incident)")
	f.StringVar(&formatName, "format", "", "html, md, csv, jsonl, timesketch, timesketch-csv, ics214 or decisions (required)")
	f.StringVarP(&output, "output", "o", "", "file to write (default: standard output)")
	sel.addFlags(f)
	_ = cmd.MarkFlagRequired("format")

	return cmd
}

// runExport exports the timeline in one read snapshot. The export verifies
// the chain over the entries it writes, so its seal covers exactly those
// entries even while others keep logging.
func runExport(ctx context.Context, cmd *cobra.Command, a *app, ref string, format export.Format, output string, extra export.Options) error {
	found, err := a.svc.ResolveIncident(ctx, ref)
	if err != nil {
		return err
	}

	opts := extra
	opts.Format, opts.Zone, opts.Now, opts.ExportedBy = format, a.zone, a.svc.Now(), a.actor.Label()
	toStdout := output == "" || output == "-"

	var res export.Result

	write := func(w io.Writer) error {
		return a.db.Read(ctx, func(r incident.Reader) error {
			inc, err := r.IncidentByRef(ctx, found.Ref)
			if err != nil {
				return err
			}

			if opts.Staff, err = staffNames(ctx, r); err != nil {
				return err
			}

			res, err = export.Write(ctx, w, r, inc, opts)

			return err
		})
	}

	dest := "standard output"

	if toStdout {
		err = write(cmd.OutOrStdout())
	} else {
		dest = output

		if err := checkNotDatabase(output, a.db.Path()); err != nil {
			return err
		}

		err = writeFileAtomic(output, write)
	}

	if err != nil {
		slog.Error("export failed", "incident", found.Ref, "format", format, "output", dest, "err", err)

		return err
	}

	if res.ChainErr != nil {
		slog.Warn("exported a broken chain", "incident", found.Ref, "format", format, "output", dest,
			"entries", res.Entries, "broken_seq", res.ChainErr.Seq, "reason", res.ChainErr.Reason)

		return &exitError{code: 1, msg: fmt.Sprintf("chain BROKEN: %v. The export was written to %s, marked as not verified and without a seal", res.ChainErr, dest)}
	}

	slog.Info("exported timeline", "incident", found.Ref, "format", format, "output", dest, "entries", res.Entries, "head", res.Seal.Head)
	fmt.Fprintf(cmd.ErrOrStderr(), "exported %s to %s (%s)\n", res.Seal, dest, format)

	return nil
}

func staffNames(ctx context.Context, r incident.Reader) (map[string]string, error) {
	staff, err := r.Staff(ctx)
	if err != nil {
		return nil, err
	}

	names := make(map[string]string, len(staff))
	for _, m := range staff {
		names[m.ID] = m.Name
	}

	return names, nil
}

// checkNotDatabase rejects an output path that is the database itself or
// its WAL or shared-memory file, which renaming the export over would
// destroy.
func checkNotDatabase(output, dbPath string) error {
	out, err := filepath.Abs(output)
	if err != nil {
		return fmt.Errorf("cannot write export to %s: %w", output, err)
	}

	db, err := filepath.Abs(dbPath)
	if err != nil {
		return fmt.Errorf("cannot write export to %s: %w", output, err)
	}

	same := out == db || out == db+"-wal" || out == db+"-shm"

	if outInfo, err := os.Stat(out); err == nil {
		if dbInfo, err := os.Stat(db); err == nil && os.SameFile(outInfo, dbInfo) {
			same = true
		}
	}

	if same {
		return fmt.Errorf("cannot write export to %s: that is the database %s or one of its files: choose another --output", output, dbPath)
	}

	return nil
}

// writeFileAtomic writes path through a temporary file in the same folder,
// synced and then renamed over path, so that path holds either the whole
// export or whatever it held before.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("cannot write export to %s: it is a folder: give a file name", path)
	}

	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return describeWriteError(path, err)
	}

	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	if err := write(tmp); err != nil {
		return describeWriteError(path, err)
	}

	if err := tmp.Sync(); err != nil {
		return describeWriteError(path, err)
	}

	if err := tmp.Close(); err != nil {
		return describeWriteError(path, err)
	}

	if err := os.Rename(tmp.Name(), path); err != nil {
		return describeWriteError(path, err)
	}

	done = true

	return nil
}

// describeWriteError names what failed while writing the export file and
// the next step. Other errors, such as a failed database read, are wrapped
// with the path.
func describeWriteError(path string, err error) error {
	dir := filepath.Dir(path)

	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Errorf("cannot write export to %s: the disk is full: nothing was written at %s; free space and export again: %w", path, path, err)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write export to %s: folder %s does not exist: create it or choose another --output: %w", path, dir, err)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("cannot write export to %s: no permission to write in folder %s: choose another --output: %w", path, dir, err)
	}

	return fmt.Errorf("export to %s failed, so nothing was written at %s: %w", path, path, err)
}
