// Package loop reads the two exports of Loop Habit Tracker (Android): the
// CSV zip ("Loop Habits CSV 2025-06-30.zip", new and older layouts) and the
// SQLite backup ("Loop Habits Backup 2025-06-30.db"), into an
// importer.Batch. It only reads; docs/formats.md gives the formats
// and the mapping.
package loop

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/importer"
)

// Loop's entry values (org.isoron.uhabits.core.models.Entry). A numerical
// habit stores the amount × 1000 instead, except that UNKNOWN and SKIP keep
// their meaning there too.
const (
	Unknown   = -1 // no data for the day
	No        = 0  // not done
	YesAuto   = 1  // not done, but not due either: Loop's own inference from the frequency
	YesManual = 2  // done
	Skip      = 3  // not applicable: a rest day
)

var valueNames = map[string]int64{
	"UNKNOWN": Unknown, "NO": No, "YES_AUTO": YesAuto, "YES_MANUAL": YesManual, "SKIP": Skip,
}

const valueNamesText = "YES_MANUAL, YES_AUTO, NO, SKIP or UNKNOWN"

// habit is what both exports say about a habit, before it is mapped.
type habit struct {
	sourceID    string
	position    int
	name        string
	question    string
	description string
	freqNum     int
	freqDen     int
	numerical   bool
	unit        string
	atMost      bool
	targetValue float64
	archived    bool
	// guessType: the older CSV export has no type column, so a habit is
	// numerical when its values are amounts (outside -1..3).
	guessType bool

	// where entries come from, for error messages
	file, table, valueField string
	entries                 []entry
}

type entry struct {
	day   stride.Date
	value int64
	notes string
	line  int // line of the file or row id of the table
}

func (h *habit) errorf(line int, field, format string, args ...any) *importer.ParseError {
	return &importer.ParseError{File: h.file, Habit: h.name, Table: h.table, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// goal maps a habit: a yes/no habit becomes a check goal with a count
// target, a numerical one an amount goal in its unit; YES_MANUAL (or an
// amount above 0) becomes a step, SKIP a skip day, and the notes of other
// days stay as day notes.
func (h *habit) goal(b *importer.Batch, today stride.Date) (importer.Goal, error) {
	g := importer.Goal{
		SourceID:  h.sourceID,
		Name:      h.name,
		Why:       joinWhy(h.question, h.description),
		Direction: stride.AtLeast,
		State:     stride.GoalActive,
		Start:     today,
	}
	if h.archived {
		g.State = stride.GoalArchived
	}
	if h.guessType {
		for _, e := range h.entries {
			if e.value < Unknown || e.value > Skip {
				h.numerical = true
				break
			}
		}
		if h.numerical {
			b.AddProblem("habit %q: the older CSV export has no unit or target for numerical habits: imported counting \"units\" with a target of 1 unit per %s; set the real ones in stride", h.name, importer.PeriodWords(h.freqDen))
			h.unit, h.targetValue = "", 1
		}
	}
	factor := 1.0
	var t stride.Target
	if h.numerical {
		var why string
		g.Unit, factor, why = mapUnit(h.unit)
		if why != "" && !h.guessType { // the older layout's problem says it already
			b.AddProblem("habit %q: %s", h.name, why)
		}
		if h.atMost {
			g.Direction = stride.AtMost
		}
		amount := h.targetValue * factor
		if amount > 1e9 {
			b.AddProblem("habit %q has a target of %s %s, more than stride keeps: imported with a target of 1e9", h.name, stride.FormatNumber(amount), g.Unit)
			amount = 1e9
		}
		if h.targetValue == 0 {
			amount = 1
			if !h.guessType {
				b.AddProblem("habit %q has a target of 0 %s, which stride cannot keep: imported with a target of 1 %s", h.name, g.Unit, g.Unit)
			}
		}
		t = stride.Target{Amount: amount, Unit: g.Unit}
		importer.SetPeriod(&t, h.freqDen, func(why string) { b.AddProblem("habit %q: %s", h.name, why) })
	} else {
		t = importer.CountTarget(h.freqNum, h.freqDen, func(why string) { b.AddProblem("habit %q: %s", h.name, why) })
	}
	if len(h.entries) > 0 {
		g.Start = h.entries[0].day
		for _, e := range h.entries {
			g.Start = min(g.Start, e.day)
		}
	}
	t.From = g.Start
	g.Targets = []stride.Target{t}
	for _, e := range h.entries {
		v := e.value
		switch {
		case v == Skip:
			g.Skips = append(g.Skips, e.day)
			g.Notes = appendNote(g.Notes, e)
		case !h.numerical && v == YesManual:
			g.Steps = append(g.Steps, importer.Step{SourceID: importer.StepID(g.SourceID, e.day), Day: e.day, Amount: 1, Note: e.notes})
		case !h.numerical && v >= Unknown && v <= Skip:
			g.Notes = appendNote(g.Notes, e) // NO, YES_AUTO, UNKNOWN
		case !h.numerical:
			return g, h.errorf(e.line, h.valueField, "%d is not a value of a yes/no habit: use 2 (YES_MANUAL), 1 (YES_AUTO), 0 (NO), 3 (SKIP) or -1 (UNKNOWN)", v)
		case v <= 0:
			g.Notes = appendNote(g.Notes, e) // UNKNOWN, NO, or nothing done
		default:
			amount := float64(v) / 1000 * factor
			if amount > 1e9 {
				return g, h.errorf(e.line, h.valueField, "%d is an amount of %s %s, more than stride keeps (1e9)", v, stride.FormatNumber(amount), g.Unit)
			}
			g.Steps = append(g.Steps, importer.Step{SourceID: importer.StepID(g.SourceID, e.day), Day: e.day, Amount: amount, Note: e.notes})
		}
	}
	return g, nil
}

func appendNote(notes []importer.DayNote, e entry) []importer.DayNote {
	if strings.TrimSpace(e.notes) == "" {
		return notes
	}
	return append(notes, importer.DayNote{Day: e.day, Text: e.notes})
}

func joinWhy(question, description string) string {
	q, d := strings.TrimSpace(question), strings.TrimSpace(description)
	switch {
	case q == "":
		return d
	case d == "" || d == q:
		return q
	}
	return q + "\n\n" + d
}

var hourWords = map[string]bool{"h": true, "hr": true, "hrs": true, "hour": true, "hours": true}

// mapUnit returns the stride unit for a Loop unit and the factor amounts
// are multiplied by: hours become minutes (stride keeps durations in
// minutes); a unit stride reads as a count of days ("", "times") becomes
// "units", since a numerical habit sums amounts.
func mapUnit(u string) (unit string, factor float64, problem string) {
	clean := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, u)), " ")
	unit = stride.NormalizeUnit(clean)
	switch {
	case unit == "":
		if clean == "" {
			return "units", 1, "it has no unit: imported counting \"units\""
		}
		return "units", 1, fmt.Sprintf("its unit %q means a count of days in stride: imported counting \"units\"", clean)
	case unit == stride.MinutesUnit && hourWords[strings.ToLower(clean)]:
		return unit, 60, "amounts in hours are imported in minutes"
	}
	return unit, 1, ""
}

// ParseFile reads a Loop export from path: a CSV zip or a SQLite backup,
// told apart by their first bytes. today starts habits that have no
// entries. It returns a *importer.ParseError for a fault in the file, or
// an error when the file cannot be read.
func ParseFile(ctx context.Context, path string, today stride.Date) (*importer.Batch, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	if fi.Size() > importer.MaxFileBytes {
		return nil, importer.Errorf(name, 0, "", "the file is %d MiB: stride imports files up to %d MiB", fi.Size()>>20, importer.MaxFileBytes>>20)
	}
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	switch head = head[:n]; {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return ParseCSVZip(f, fi.Size(), today)
	case bytes.Equal(head, []byte(sqliteMagic)):
		f.Close()
		return ParseDB(ctx, path, today)
	}
	return nil, importer.Errorf(name, 0, "", "this is neither a Loop CSV export (a zip) nor a Loop backup (a SQLite database)")
}
