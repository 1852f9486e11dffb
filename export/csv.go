package export

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/importer"
)

// CSVHeader is the header of the CSV of steps, the columns in order.
var CSVHeader = []string{"goal", "date", "amount", "unit", "effort_minutes", "energy", "note", "learned"}

// MaxCSVRows bounds the rows of a CSV import, as importer.MaxSteps bounds
// the steps of any import.
const MaxCSVRows = importer.MaxSteps

// WriteCSV writes the steps of doc, one row each (RFC 4180, header
// CSVHeader), by date, then time of day, then in the order of the
// document's goals. Amounts are written exactly, in the goal's unit; a
// check goal's unit is empty.
func WriteCSV(w io.Writer, doc *stride.Backup) error {
	type row struct {
		goal int
		s    *stride.Step
	}
	var rows []row
	for i, g := range doc.Goals {
		for _, s := range g.Steps {
			rows = append(rows, row{i, s})
		}
	}
	minute := func(s *stride.Step) int {
		if s.Time == nil {
			return -1
		}
		return *s.Time
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.s.Day != b.s.Day {
			return a.s.Day < b.s.Day
		}
		if minute(a.s) != minute(b.s) {
			return minute(a.s) < minute(b.s)
		}
		return a.goal < b.goal
	})
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, r := range rows {
		g, s := doc.Goals[r.goal], r.s
		rec := []string{g.Name, s.Day.String(), number(s.Amount), g.Unit, "", "", s.Note, s.Learned}
		if s.Effort != nil {
			rec[4] = number(*s.Effort)
		}
		if s.Energy != nil {
			rec[5] = strconv.Itoa(*s.Energy)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// number writes v exactly, without exponent: it reads back the same.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// CSVStep is one row of a CSV of steps as read: the amount stays text
// until the goal's unit is known.
type CSVStep struct {
	Line    int // the row's line in the file, for messages
	Goal    string
	Day     stride.Date
	Amount  string
	Unit    string
	Effort  *float64
	Energy  *int
	Note    string
	Learned string
}

// ReadCSV reads a CSV of steps in the shape WriteCSV writes. Columns are
// found by name in the header (case and order free); goal, date and
// amount are required (amount may be empty for a check goal), the others
// optional, and columns it does not know are ignored. Rows are limited
// to importer.MaxLineBytes bytes, the file to importer.MaxFileBytes and
// MaxCSVRows rows. Faults come back as a *importer.ParseError naming the
// file, line and field.
func ReadCSV(r io.Reader, file string) ([]CSVStep, error) {
	lr := importer.NewLineReader(importer.LimitFile(r, file), importer.MaxLineBytes)
	cr := csv.NewReader(lr)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	fail := func(err error) error {
		var (
			pe *importer.ParseError
			ce *csv.ParseError
		)
		switch {
		case errors.As(err, &pe):
			return pe
		case errors.Is(err, importer.ErrLineTooLong):
			return importer.Errorf(file, lr.Line, "", "the line is longer than %d bytes", importer.MaxLineBytes)
		case errors.As(err, &ce):
			return importer.Errorf(file, ce.Line, "", "%v", ce.Err)
		}
		return fmt.Errorf("read %s: %w", file, err)
	}
	head, err := cr.Read()
	if err == io.EOF {
		return nil, importer.Errorf(file, 1, "", "the file is empty: the first line names the columns, %s", strings.Join(CSVHeader, ","))
	} else if err != nil {
		return nil, fail(err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))) // spreadsheets put a BOM first
		if _, dup := col[h]; dup && h != "" {
			return nil, importer.Errorf(file, 1, h, "the column is there twice")
		}
		col[h] = i
	}
	for _, need := range []string{"goal", "date", "amount"} {
		if _, ok := col[need]; !ok {
			return nil, importer.Errorf(file, 1, need, "the header has no %s column: the first line names the columns, %s",
				need, strings.Join(CSVHeader, ","))
		}
	}
	var out []CSVStep
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, fail(err)
		}
		line, _ := cr.FieldPos(0)
		field := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue // a blank row, as spreadsheets leave at the end
		}
		if len(out) >= MaxCSVRows {
			return nil, importer.Errorf(file, line, "", "the file has more than %d rows, the most stride imports at once", MaxCSVRows)
		}
		s, err := csvStep(file, line, field)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// csvStep reads one row.
func csvStep(file string, line int, field func(string) string) (CSVStep, error) {
	s := CSVStep{Line: line, Goal: field("goal"), Amount: field("amount"), Unit: field("unit"),
		Note: field("note"), Learned: field("learned")}
	bad := func(name, format string, args ...any) (CSVStep, error) {
		return CSVStep{}, importer.Errorf(file, line, name, format, args...)
	}
	for name, v := range map[string]string{"goal": s.Goal, "amount": s.Amount, "unit": s.Unit, "note": s.Note, "learned": s.Learned} {
		if !utf8.ValidString(v) {
			return bad(name, "the text is not UTF-8: save the file as UTF-8")
		}
	}
	if s.Goal == "" {
		return bad("goal", "the goal is empty: name the goal the step belongs to")
	}
	if err := stride.ValidateGoalName(s.Goal); err != nil {
		return bad("goal", "%s", stride.ErrorMessage(err))
	}
	d, err := importer.ParseDay(field("date"))
	if err != nil {
		return bad("date", "%v", err)
	}
	s.Day = d
	if v := field("effort_minutes"); v != "" {
		m, ok := stride.ParseDurationMinutes(v)
		if !ok || math.IsNaN(m) || m < 0 || m > 24*60 {
			return bad("effort_minutes", "%q is not minutes from 0 to 1440 (such as 25, or 1h30m)", v)
		}
		s.Effort = &m
	}
	if v := field("energy"); v != "" {
		e, err := strconv.Atoi(v)
		if err != nil || e < 1 || e > 5 {
			return bad("energy", "%q is not an energy from 1 (drained) to 5 (full of energy)", v)
		}
		s.Energy = &e
	}
	for name, v := range map[string]string{"note": s.Note, "learned": s.Learned} {
		if n := stride.TextLen(v); n > stride.MaxNoteLen {
			return bad(name, "the text is %d characters: keep it under %d", n, stride.MaxNoteLen)
		}
	}
	return s, nil
}

// CSVOptions says how CSVBackup treats goals the user does not have.
type CSVOptions struct {
	// CreateGoals makes a goal for each goal name the user does not have:
	// a check goal, "1 time/day", when its rows give no unit; else an
	// amount goal in that unit whose daily target is the median of its
	// days in the file. Without it such a row is an error naming its line.
	CreateGoals bool
}

// CSVBackup turns rows read from file into a document for
// stride.BackupService.ImportBackup (source "csv"): the user's goals
// (have) the rows name, with the rows as their steps, and new goals when
// opts.CreateGoals. An amount is read in its goal's unit (a duration such
// as 1h30m for a minutes goal); a unit column, when filled, must be the
// goal's. It returns a *importer.ParseError naming the line and field.
func CSVBackup(file string, rows []CSVStep, have []*stride.Goal, opts CSVOptions) (*stride.Backup, error) {
	doc := &stride.Backup{Format: stride.BackupFormat, Version: stride.BackupVersion}
	byName := map[string]*stride.Goal{}
	for _, g := range have {
		byName[importer.NameKey(g.Name)] = g
	}
	goals := map[string]*stride.BackupGoal{}
	type made struct {
		unit  string
		line  int
		daily map[stride.Date]float64
	}
	fresh := map[string]*made{}
	for _, r := range rows {
		key := importer.NameKey(r.Goal)
		bg := goals[key]
		if bg == nil {
			if g := byName[key]; g != nil {
				c := *g
				c.ID, c.ParentID = 0, nil // matched by name: no key, no parent to check
				bg = &stride.BackupGoal{Goal: c}
			} else if !opts.CreateGoals {
				// the suggested target counts in the row's unit, as the row's amount a day
				target := "1 time/day"
				if u := stride.NormalizeUnit(r.Unit); u != "" {
					amount := "1"
					if v, err := stride.ParseAmount(r.Amount, u); err == nil {
						amount = stride.FormatNumber(v)
					}
					target = amount + " " + u + "/day"
				}
				return nil, importer.Errorf(file, r.Line, "goal", "you have no goal named %q: add it first (stride goal add %s --target %q), or import with --create-goals",
					r.Goal, shellWord(r.Goal), target)
			} else {
				unit := stride.NormalizeUnit(r.Unit)
				bg = &stride.BackupGoal{Goal: stride.Goal{Name: r.Goal, Unit: unit, Start: r.Day}}
				fresh[key] = &made{unit: unit, line: r.Line, daily: map[stride.Date]float64{}}
			}
			goals[key] = bg
			doc.Goals = append(doc.Goals, bg)
		}
		unit := bg.Unit
		if r.Unit != "" && !stride.SameUnit(r.Unit, unit) && !(unit == "" && stride.NormalizeUnit(r.Unit) == "") {
			return nil, importer.Errorf(file, r.Line, "unit", "%q is not the unit of goal %q, which counts %s", r.Unit, bg.Name, unitWords(unit))
		}
		amount := r.Amount
		if amount == "" && unit == "" {
			amount = "1"
		}
		a, err := stride.ParseAmount(amount, unit)
		if err != nil {
			return nil, importer.Errorf(file, r.Line, "amount", "%s", stride.ErrorMessage(err))
		}
		bg.Steps = append(bg.Steps, &stride.Step{Day: r.Day, Amount: a, Effort: r.Effort, Energy: r.Energy, Note: r.Note, Learned: r.Learned})
		if m := fresh[key]; m != nil {
			m.daily[r.Day] += a
			bg.Start = min(bg.Start, r.Day)
		}
	}
	for key, m := range fresh {
		bg := goals[key]
		if m.unit == "" {
			bg.Targets = []stride.Target{{From: bg.Start, Amount: 1, Count: true, Per: stride.PerDay}}
			continue
		}
		days := make([]float64, 0, len(m.daily))
		for _, v := range m.daily {
			days = append(days, v)
		}
		slices.Sort(days)
		median := days[len(days)/2]
		if len(days)%2 == 0 {
			median = (days[len(days)/2-1] + days[len(days)/2]) / 2
		}
		median = math.Max(math.Round(median*100)/100, 0.01)
		bg.Targets = []stride.Target{{From: bg.Start, Amount: median, Unit: m.unit, Per: stride.PerDay}}
	}
	slices.SortStableFunc(doc.Goals, func(a, b *stride.BackupGoal) int {
		return cmp.Compare(importer.NameKey(a.Name), importer.NameKey(b.Name))
	})
	return doc, nil
}

func unitWords(unit string) string {
	if unit == "" {
		return "times (give no unit, or leave the amount empty)"
	}
	return unit
}

// shellWord quotes s for a command line when it needs it.
func shellWord(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t'\"\\$`!*?&;|<>()[]{}#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
