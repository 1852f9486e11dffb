package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/export"
)

type exportOptions struct {
	format, out string
}

func (a *app) exportCmd() *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export json|csv|markdown [--out FILE]",
		Short: "Write all your data: a backup, a CSV of steps, or the journal",
		Long: `Write your data to standard output, or to FILE with --out (written whole
or not at all: a file of that name is replaced only once the new one is
complete).

  json      a complete backup: goals with their target history, pauses,
            skips and steps, lessons, doubts, focus, works and reviews.
            stride import json reads it back, here or on another machine.
  csv       your steps, one row each: goal, date, amount, unit,
            effort_minutes, energy, note, learned. stride import csv reads it.
  markdown  the journal: notes, what you learned, lessons, doubts, work,
            reviews and wins, day by day.

docs/formats.md describes each format.`,
		Example: `  stride export json --out stride-backup.json
  stride export csv > steps.csv
  stride export markdown --out journal.md`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"json", "csv", "markdown"},
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			o.format = args[0]
			return a.runExport(cmd.Context(), o)
		}),
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "write to `FILE` instead of standard output")
	return cmd
}

func (a *app) runExport(ctx context.Context, o exportOptions) error {
	switch o.format {
	case "json", "csv", "markdown":
	case "md":
		o.format = "markdown"
	default:
		return usagef("export %q is not a format stride writes: use json (a backup), csv (steps) or markdown (the journal)", o.format)
	}
	ctx, svc, backups, err := openService(a, ctx, "backups", func(s *stride.Services) stride.BackupService { return s.Backup })
	if err != nil {
		return err
	}
	doc, err := backups.ExportBackup(ctx, a.now())
	if err != nil {
		return err
	}
	var wins []*stride.Win
	if o.format == "markdown" && svc.Wins != nil {
		if wins, err = svc.Wins.FindWins(ctx, stride.WinFilter{}, a.today()); err != nil {
			return err
		}
	}
	write := func(w io.Writer) error {
		switch o.format {
		case "csv":
			return export.WriteCSV(w, doc)
		case "markdown":
			return export.WriteMarkdown(w, doc, wins)
		}
		return export.WriteJSON(w, doc)
	}
	if o.out == "" || o.out == "-" {
		return write(a.env.Stdout)
	}
	if err := writeFileAtomic(o.out, write); err != nil {
		return err
	}
	fmt.Fprintf(a.env.Stderr, "Wrote %s: %s.\n", o.out, docCounts(doc, o.format))
	return nil
}

// docCounts says what a document holds, as the export wrote it.
func docCounts(doc *stride.Backup, format string) string {
	steps := 0
	for _, g := range doc.Goals {
		steps += len(g.Steps)
	}
	if format == "csv" {
		return countOf(steps, "step", "steps")
	}
	s := fmt.Sprintf("%s, %s", countOf(len(doc.Goals), "goal", "goals"), countOf(steps, "step", "steps"))
	if n := len(doc.Lessons) + len(doc.Doubts) + len(doc.Focus) + len(doc.Works) + len(doc.Reviews); n > 0 {
		s += ", " + countOf(n, "reflection record", "reflection records")
	}
	return s
}

// writeFileAtomic writes path through write: into a temporary file beside
// it, synced and then renamed over path, so that path is never half
// written and an older file of that name stays until the new one is
// whole. The file is readable by its owner only: a backup is personal.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return stride.Errorf(stride.EINVALID, "cannot write in %s: %v", dir, err)
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return stride.Errorf(stride.EINTERNAL, "cannot write %s: %v", path, err)
	}
	if err := f.Chmod(0o600); err != nil {
		return fail(err)
	}
	if err := write(f); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return stride.Errorf(stride.EINTERNAL, "cannot write %s: %v", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return stride.Errorf(stride.EINTERNAL, "cannot write %s: %v", path, err)
	}
	return nil
}
