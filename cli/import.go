package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/export"
	"github.com/strideapp/stride/importer/harsh"
	"github.com/strideapp/stride/importer/loop"
)

type importOptions struct {
	format, path string
	dryRun       bool
	createGoals  bool
	json         bool
}

func (a *app) importCmd() *cobra.Command {
	var o importOptions
	cmd := &cobra.Command{
		Use:   "import json|csv|loop|harsh FILE|DIR [--dry-run]",
		Short: "Bring in a backup, a CSV of steps, or history from Loop or harsh",
		Long: `Import into your goals, all or nothing: on any fault nothing is written
and the message names the file, the line and the field.

  json   a backup written by stride export json
  csv    steps in the shape stride export csv writes (goal, date, amount,
         unit, effort_minutes, energy, note, learned); each goal must be
         one of yours, or pass --create-goals
  loop   Loop Habit Tracker's CSV export (the .zip) or its backup (the .db)
  harsh  the folder of harsh's habits and log files (~/.config/harsh)

Importing the same file again creates nothing new, so a later export of
the same tracker brings only what is new. A goal whose name you have
already receives the file's steps when it counts the same way. With
--dry-run stride prints what it would create and writes nothing.
docs/formats.md describes each format and how it maps onto stride.`,
		Example: `  stride import json stride-backup.json
  stride import loop "Loop Habits CSV 2025-06-30.zip" --dry-run
  stride import harsh ~/.config/harsh
  stride import csv steps.csv --create-goals`,
		Args:      cobra.ExactArgs(2),
		ValidArgs: []string{"json", "csv", "loop", "harsh"},
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			o.format, o.path = args[0], args[1]
			return a.runImport(cmd.Context(), o)
		}),
	}
	f := cmd.Flags()
	f.BoolVarP(&o.dryRun, "dry-run", "n", false, "print what would be imported and write nothing")
	f.BoolVar(&o.createGoals, "create-goals", false, "csv: make the goals you do not have (a check goal, or an amount goal whose daily target is the median of its days in the file)")
	f.BoolVar(&o.json, "json", false, "print the summary as JSON")
	return cmd
}

// importReport is what an import prints: the store's summary and what the
// file's reader noticed.
type importReport struct {
	File     string                `json:"file"`
	Source   string                `json:"source"`
	Summary  *stride.ImportSummary `json:"summary"`
	Problems []string              `json:"problems"`
	// DroppedNotes are notes a tracker keeps on days without a step:
	// stride keeps notes on steps, so they are not imported.
	DroppedNotes []string `json:"dropped_notes"`
	// createGoals is --create-goals, repeated in the command a dry run
	// suggests.
	createGoals bool
}

func (a *app) runImport(ctx context.Context, o importOptions) error {
	switch o.format {
	case "json", "csv", "loop", "harsh":
	default:
		return usagef("import %q is not a format stride reads: use json (a stride backup), csv (steps), loop (Loop Habit Tracker) or harsh", o.format)
	}
	if o.createGoals && o.format != "csv" {
		return usagef("--create-goals is for csv: the other formats carry their goals")
	}
	rep := importReport{File: o.path, Problems: []string{}, DroppedNotes: []string{}}
	today := a.today()
	var (
		doc  *stride.Backup
		rows []export.CSVStep
	)
	switch o.format {
	case "json", "csv":
		f, size, err := openImportFile(o.path)
		if err != nil {
			return err
		}
		defer f.Close()
		r := a.progress(f, size, o.path)
		if o.format == "json" {
			doc, err = export.ReadJSON(r, o.path)
			rep.Source = "stride"
		} else {
			rows, err = export.ReadCSV(r, o.path)
			rep.Source = "csv"
		}
		a.progressDone(size)
		if err != nil {
			return err
		}
	case "loop":
		if _, _, err := statImport(o.path, false); err != nil {
			return err
		}
		b, err := loop.ParseFile(ctx, o.path, today)
		if err != nil {
			return err
		}
		doc, rep.Source, rep.Problems, rep.DroppedNotes = b.Backup(), b.Source, append(rep.Problems, b.Problems...), append(rep.DroppedNotes, b.DroppedNotes()...)
	case "harsh":
		dir, isDir, err := statImport(o.path, true)
		if err != nil {
			return err
		}
		if !isDir { // the habits or log file itself: its folder
			dir = filepath.Dir(o.path)
		}
		b, err := harsh.ParseDir(dir, today)
		if err != nil {
			return err
		}
		doc, rep.Source, rep.Problems, rep.DroppedNotes = b.Backup(), b.Source, append(rep.Problems, b.Problems...), append(rep.DroppedNotes, b.DroppedNotes()...)
	}

	ctx, svc, backups, err := openService(a, ctx, "backups", func(s *stride.Services) stride.BackupService { return s.Backup })
	if err != nil {
		return err
	}
	if o.format == "csv" {
		have, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
		if err != nil {
			return err
		}
		if doc, err = export.CSVBackup(o.path, rows, have, export.CSVOptions{CreateGoals: o.createGoals}); err != nil {
			return err
		}
	}
	if a.stderrTTY() {
		fmt.Fprintf(a.env.Stderr, "Writing %s in one transaction…", countOf(docRecords(doc), "record", "records"))
	}
	rep.createGoals = o.createGoals
	rep.Summary, err = backups.ImportBackup(ctx, doc, stride.ImportOptions{Source: rep.Source, DryRun: o.dryRun})
	if a.stderrTTY() {
		fmt.Fprint(a.env.Stderr, "\r\x1b[K")
	}
	if stride.ErrorCode(err) == stride.ECONFLICT {
		return a.importConflict(ctx, svc, doc, err)
	} else if err != nil {
		return err
	}
	if o.json {
		return writeJSON(a.env.Stdout, rep)
	}
	a.writeImport(a.env.Stdout, rep)
	return nil
}

// importConflict adds to an import's conflict the command that renames
// the user's goal it names: the store's message names no command.
func (a *app) importConflict(ctx context.Context, svc *stride.Services, doc *stride.Backup, err error) error {
	have, ferr := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	if ferr != nil {
		return err
	}
	_, g := stride.ImportClash(doc, have)
	if g == nil {
		return err
	}
	return stride.Errorf(stride.ECONFLICT, "%s. To rename yours: stride goal edit %s --name %s", stride.ErrorMessage(err),
		shellQuote(g.Name), shellQuote(g.Name+" (before import)"))
}

// openImportFile opens a file to import, refusing a folder or a file
// larger than an import reads.
func openImportFile(path string) (*os.File, int64, error) {
	if _, _, err := statImport(path, false); err != nil {
		return nil, 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, stride.Errorf(stride.EINVALID, "cannot read %s: %v", path, unwrapPath(err))
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, stride.Errorf(stride.EINVALID, "cannot read %s: %v", path, unwrapPath(err))
	}
	return f, fi.Size(), nil
}

// statImport checks that path is there and is a folder when dir, a file
// otherwise (a folder is accepted for harsh either way).
func statImport(path string, dir bool) (string, bool, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", false, stride.Errorf(stride.EINVALID, "cannot read %s: %v", path, unwrapPath(err))
	}
	if fi.IsDir() && !dir {
		return "", false, stride.Errorf(stride.EINVALID, "%s is a folder: name the file to import", path)
	}
	return path, fi.IsDir(), nil
}

// unwrapPath drops the path os errors repeat.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func docRecords(doc *stride.Backup) int {
	n := len(doc.Goals) + len(doc.Lessons) + len(doc.Doubts) + len(doc.Focus) + len(doc.Works) + len(doc.Reviews)
	for _, g := range doc.Goals {
		n += len(g.Steps) + len(g.Skips) + len(g.Pauses)
	}
	return n
}

// writeImport prints what an import created (or would), what was there
// already, and what the file's reader noticed.
func (a *app) writeImport(w io.Writer, rep importReport) {
	s := rep.Summary
	created := export.Created(s)
	say := func(prefix, format string, args ...any) { fmt.Fprintln(w, hang(prefix, fmt.Sprintf(format, args...))) }
	if s.DryRun {
		fmt.Fprintf(w, "Dry run of %s: nothing was written.\n", rep.File)
		if len(created) == 0 {
			say("  ", "It would create nothing new: everything in it is here already.")
		} else {
			say("  ", "It would create %s%s.", strings.Join(created, ", "), export.Span(s))
			if s.Existing > 0 {
				say("  ", "%s here already: matched, not copied.", countOf(s.Existing, "record is", "records are"))
			}
		}
	} else {
		fmt.Fprintf(w, "Imported %s.\n", rep.File)
		if len(created) == 0 {
			say("  ", "Nothing new: everything in it is here already.")
		} else {
			say("  ", "Created %s%s.", strings.Join(created, ", "), export.Span(s))
			if s.Existing > 0 {
				say("  ", "%s here already: matched, not copied.", countOf(s.Existing, "record was", "records were"))
			}
		}
	}
	list := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%d):\n", title, len(lines))
		const most = 10
		for i, l := range lines {
			if i == most {
				fmt.Fprintf(w, "  … and %d more (--json lists them all)\n", len(lines)-most)
				break
			}
			fmt.Fprintln(w, hang("  - ", l))
		}
	}
	list("Imported differently from the source", rep.Problems)
	list("Notes on days without a step, not imported (stride keeps notes on steps)", rep.DroppedNotes)
	if s.DryRun && len(created) > 0 {
		flags := ""
		if rep.createGoals {
			flags = " --create-goals"
		}
		fmt.Fprintf(w, "To import it: %s import %s %s%s\n", a.command(), rep.command(), quoteArg(rep.File), flags)
	}
}

// command names the import's format, for the hint after a dry run.
func (r importReport) command() string {
	switch {
	case strings.HasPrefix(r.Source, "loop"):
		return "loop"
	case r.Source == "stride":
		return "json"
	}
	return r.Source
}

func quoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t'\"\\$`!*?&;|<>()[]{}#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// countOf writes n with thousands separators and its noun: "1,204 steps".
func countOf(n int, one, many string) string { return export.Count(n, one, many) }

// stderrTTY reports whether progress can be drawn on standard error.
func (a *app) stderrTTY() bool {
	return isTerminal(a.env.Stderr) && a.env.Getenv("TERM") != "dumb"
}

// progressMin is the size from which reading a file shows a progress bar.
const progressMin = 4 << 20

// progress returns r, drawing a bar on a terminal's standard error as a
// large file is read.
func (a *app) progress(r io.Reader, size int64, name string) io.Reader {
	if size < progressMin || !a.stderrTTY() {
		return r
	}
	return &progressReader{r: r, size: size, w: a.env.Stderr, name: filepath.Base(name)}
}

// progressDone clears the bar.
func (a *app) progressDone(size int64) {
	if size >= progressMin && a.stderrTTY() {
		fmt.Fprint(a.env.Stderr, "\r\x1b[K")
	}
}

type progressReader struct {
	r     io.Reader
	w     io.Writer
	name  string
	size  int64
	read  int64
	shown int // percent last drawn
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.read += int64(n)
	if pct := int(min(p.read*100/max(p.size, 1), 100)); pct != p.shown {
		p.shown = pct
		fmt.Fprintf(p.w, "\rReading %s %s %3d%%", clip(p.name, 30), bar(float64(pct)/100, 20), pct)
	}
	return n, err
}
