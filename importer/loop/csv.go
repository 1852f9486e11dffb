package loop

import (
	"archive/zip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/importer"
)

// The headers of Habits.csv. Columns are found by name, so a later export
// that adds columns still reads.
const (
	// HeaderNew is Habits.csv since Loop 2.3 (2025).
	HeaderNew = "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?"
	// HeaderOld is Habits.csv of earlier exports: yes/no and numerical
	// habits alike, without type, unit or target.
	HeaderOld = "Position,Name,Question,Description,NumRepetitions,Interval,Color"
	// HeaderOldest is Habits.csv before habits had a question (2016-2020):
	// the description was the question.
	HeaderOldest = "Position,Name,Description,NumRepetitions,Interval,Color"
)

// checkmarksHeader opens a per-habit Checkmarks.csv of the new export;
// older ones have no header.
const checkmarksHeader = "Date,Value,Notes"

// habitFolder matches a habit's folder in the archive: "001 Meditate/",
// the habit's position (three digits or more) and its name stripped to
// letters, digits, space and ._-.
var habitFolder = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]{3,9})(?: (.*))?$`) })

// ParseCSVZip reads Loop's CSV export, a zip of size bytes read through r:
// Habits.csv and one folder per habit holding Checkmarks.csv (Scores.csv
// and the summary files are not read: stride computes its own). The
// archive may sit inside one folder, as when it was unpacked and zipped
// again. today starts habits that have no entries. Faults come back as a
// *importer.ParseError naming the entry, line and field; the limits of
// package importer apply.
func ParseCSVZip(r io.ReaderAt, size int64, today stride.Date) (*importer.Batch, error) {
	if size > importer.MaxFileBytes {
		return nil, importer.Errorf("the archive", 0, "", "it is %d MiB: stride imports archives up to %d MiB", size>>20, importer.MaxFileBytes>>20)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, importer.Errorf("the archive", 0, "", "it is not a zip archive Loop wrote: %v", err)
	}
	if len(zr.File) > importer.MaxEntries {
		return nil, importer.Errorf("the archive", 0, "", "it has %d entries: stride reads archives of up to %d", len(zr.File), importer.MaxEntries)
	}
	files := make(map[string]*zip.File, len(zr.File))
	var habitsCSV []string
	for _, f := range zr.File {
		if err := importer.CheckZipName(f.Name); err != nil {
			return nil, importer.Errorf(f.Name, 0, "", "%v", err)
		}
		if _, dup := files[f.Name]; dup {
			return nil, importer.Errorf(f.Name, 0, "", "the archive holds this entry twice")
		}
		files[f.Name] = f
		if path.Base(f.Name) == "Habits.csv" {
			habitsCSV = append(habitsCSV, f.Name)
		}
	}
	// The root is the folder of the shallowest Habits.csv.
	slices.SortFunc(habitsCSV, func(a, b string) int { return strings.Count(a, "/") - strings.Count(b, "/") })
	switch {
	case len(habitsCSV) == 0:
		return nil, importer.Errorf("Habits.csv", 0, "", "the archive has no Habits.csv: is it a Loop Habit Tracker CSV export?")
	case strings.Count(habitsCSV[0], "/") > 1:
		return nil, importer.Errorf(habitsCSV[0], 0, "", "Habits.csv is nested more than one folder deep: zip the export's files themselves")
	case len(habitsCSV) > 1 && strings.Count(habitsCSV[1], "/") == strings.Count(habitsCSV[0], "/"):
		return nil, importer.Errorf(habitsCSV[1], 0, "", "the archive holds two exports (%s and %s): import one at a time", habitsCSV[0], habitsCSV[1])
	}
	root := strings.TrimSuffix(habitsCSV[0], "Habits.csv")
	budget := &budget{left: importer.MaxUncompressedBytes}

	rc, err := open(files[habitsCSV[0]], budget)
	if err != nil {
		return nil, err
	}
	habits, old, err := parseHabitsCSV(rc, habitsCSV[0])
	rc.Close()
	if err != nil {
		return nil, err
	}
	b := &importer.Batch{Source: "loop-csv"}
	byPos := make(map[int]*habit, len(habits))
	for _, h := range habits {
		byPos[h.position] = h
	}
	// Folders in archive order; each habit at most once.
	seen := map[int]string{}
	for _, f := range zr.File {
		rest, ok := strings.CutPrefix(f.Name, root)
		if !ok || path.Base(rest) != "Checkmarks.csv" || strings.Count(rest, "/") != 1 {
			continue
		}
		folder := path.Dir(rest)
		m := habitFolder().FindStringSubmatch(folder)
		if m == nil {
			b.AddProblem("%s: the folder is not named like a habit's (\"001 Name\"): not read", f.Name)
			continue
		}
		pos, _ := strconv.Atoi(m[1])
		h, ok := byPos[pos]
		if !ok {
			b.AddProblem("%s: Habits.csv has no habit at position %d: not read", f.Name, pos)
			continue
		}
		if other, dup := seen[pos]; dup {
			return nil, importer.Errorf(f.Name, 0, "", "two folders are for the habit at position %d (%s and %s)", pos, other, folder)
		}
		seen[pos] = folder
		if want := folderName(h.name); m[2] != want {
			b.AddProblem("%s: the folder's name does not match habit %d %q of Habits.csv; read as that habit's", f.Name, pos, h.name)
		}
		rc, err := open(f, budget)
		if err != nil {
			return nil, err
		}
		h.file = f.Name
		h.entries, err = parseCheckmarks(rc, f.Name, h)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	if old {
		b.AddProblem("this is an older Loop export: Habits.csv has no archived flag, so every habit is imported active")
	}
	return finish(b, habits, today)
}

// finish maps the habits and checks the batch.
func finish(b *importer.Batch, habits []*habit, today stride.Date) (*importer.Batch, error) {
	steps := 0
	for _, h := range habits {
		g, err := h.goal(b, today)
		if err != nil {
			return nil, err
		}
		if steps += len(g.Steps); steps > importer.MaxSteps {
			return nil, importer.Errorf(h.file, 0, "", "the export has more than %d steps, the most stride imports at once", importer.MaxSteps)
		}
		b.Goals = append(b.Goals, g)
	}
	return b.Finish()
}

// folderName is how Loop names a habit's folder after its position:
// letters, digits, space and ._- kept, at most 100 characters, trimmed.
func folderName(name string) string {
	var sb strings.Builder
	for _, r := range name {
		if r == ' ' || r == '.' || r == '_' || r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			sb.WriteRune(r)
		}
	}
	s := sb.String()
	if len(s) > 100 {
		s = s[:100]
	}
	return strings.TrimSpace(s)
}

// budget is what is left to read out of the archive.
type budget struct{ left int64 }

type entryReader struct {
	r    io.Reader
	b    *budget
	name string
}

func (e *entryReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	e.b.left -= int64(n)
	if e.b.left < 0 {
		return n, importer.Errorf(e.name, 0, "", "the archive unpacks to more than %d MiB, the most stride reads", importer.MaxUncompressedBytes>>20)
	}
	if err != nil && err != io.EOF {
		return n, importer.Errorf(e.name, 0, "", "the entry cannot be unpacked: %v", err)
	}
	return n, err
}

func open(f *zip.File, b *budget) (io.ReadCloser, error) {
	if f.UncompressedSize64 > uint64(b.left) {
		return nil, importer.Errorf(f.Name, 0, "", "the archive unpacks to more than %d MiB, the most stride reads", importer.MaxUncompressedBytes>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, importer.Errorf(f.Name, 0, "", "the entry cannot be unpacked: %v", err)
	}
	return struct {
		io.Reader
		io.Closer
	}{&entryReader{r: rc, b: b, name: f.Name}, rc}, nil
}

// newCSV returns a CSV reader over r that checks line lengths; fields are
// counted by the caller, to name the line.
func newCSV(r io.Reader) (*csv.Reader, *importer.LineReader) {
	lr := importer.NewLineReader(r, importer.MaxLineBytes)
	c := csv.NewReader(lr)
	c.FieldsPerRecord = -1
	return c, lr
}

// csvError turns an error of encoding/csv into a ParseError.
func csvError(err error, file, habitName string, lr *importer.LineReader) error {
	var pe *importer.ParseError
	if errors.As(err, &pe) {
		return err
	}
	if errors.Is(err, importer.ErrLineTooLong) {
		return &importer.ParseError{File: file, Habit: habitName, Line: lr.Line, Msg: fmt.Sprintf("the line is longer than %d bytes", importer.MaxLineBytes)}
	}
	var ce *csv.ParseError
	if errors.As(err, &ce) {
		return &importer.ParseError{File: file, Habit: habitName, Line: ce.Line, Msg: fmt.Sprintf("not valid CSV: %v", ce.Err)}
	}
	return &importer.ParseError{File: file, Habit: habitName, Msg: fmt.Sprintf("cannot be read: %v", err)}
}

// parseHabitsCSV reads Habits.csv of any of the three layouts; old tells
// the layouts without type and archived columns.
func parseHabitsCSV(r io.Reader, file string) (habits []*habit, old bool, err error) {
	c, lr := newCSV(r)
	header, err := c.Read()
	if err == io.EOF {
		return nil, false, importer.Errorf(file, 1, "header", "the file is empty: expected the header %q", HeaderNew)
	} else if err != nil {
		return nil, false, csvError(err, file, "", lr)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		if _, dup := col[h]; dup && h != "" {
			return nil, false, importer.Errorf(file, 1, "header", "column %q appears twice", h)
		}
		col[h] = i
	}
	var need []string
	switch {
	case has(col, "FrequencyNumerator"):
		need = []string{"Position", "Name", "Type", "Question", "Description", "FrequencyNumerator", "FrequencyDenominator", "Unit", "Target Type", "Target Value", "Archived?"}
	case has(col, "NumRepetitions"):
		old = true
		need = []string{"Position", "Name", "NumRepetitions", "Interval"}
	default:
		return nil, false, importer.Errorf(file, 1, "header", "%q is not a Loop Habit Tracker header: expected %q, or %q of older exports",
			clip(strings.Join(header, ","), 200), HeaderNew, HeaderOld)
	}
	for _, n := range need {
		if !has(col, n) {
			return nil, false, importer.Errorf(file, 1, "header", "column %q is missing: expected %q", n, map[bool]string{false: HeaderNew, true: HeaderOld}[old])
		}
	}
	positions := map[int]int{}
	ids := map[string]bool{}
	for {
		rec, err := c.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, false, csvError(err, file, "", lr)
		}
		line, _ := c.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rec) != len(header) {
			return nil, false, importer.Errorf(file, line, "", "the line has %d fields, the header %d", len(rec), len(header))
		}
		if len(habits) == importer.MaxGoals {
			return nil, false, importer.Errorf(file, line, "", "the file lists more than %d habits, the most stride imports at once", importer.MaxGoals)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		fail := func(field, format string, args ...any) error {
			e := importer.Errorf(file, line, field, format, args...)
			e.Habit = get("Name")
			return e
		}
		h := &habit{name: get("Name"), file: file, valueField: "Value"}
		if h.position, err = strconv.Atoi(get("Position")); err != nil || h.position < 1 || h.position > 999_999_999 {
			return nil, false, fail("Position", "%q is not a position such as 001", get("Position"))
		}
		if l, dup := positions[h.position]; dup {
			return nil, false, fail("Position", "position %d is also on line %d", h.position, l)
		}
		positions[h.position] = line
		numF, denF := "FrequencyNumerator", "FrequencyDenominator"
		if old {
			numF, denF = "NumRepetitions", "Interval"
			h.guessType = true
			if has(col, "Question") {
				h.question, h.description = get("Question"), get("Description")
			} else {
				h.question = get("Description") // the oldest layout: the description was the question
			}
		} else {
			h.question, h.description = get("Question"), get("Description")
		}
		if h.freqNum, err = count(get(numF)); err != nil {
			return nil, false, fail(numF, "%v", err)
		}
		if h.freqDen, err = count(get(denF)); err != nil {
			return nil, false, fail(denF, "%v", err)
		}
		if !old {
			switch t := get("Type"); t {
			case "YES_NO":
			case "NUMERICAL":
				h.numerical = true
			default:
				return nil, false, fail("Type", "%q is not YES_NO or NUMERICAL", t)
			}
			switch a := strings.ToLower(get("Archived?")); a {
			case "true":
				h.archived = true
			case "false":
			default:
				return nil, false, fail("Archived?", "%q is not true or false", get("Archived?"))
			}
			if h.numerical {
				h.unit = get("Unit")
				switch tt := get("Target Type"); tt {
				case "AT_LEAST":
				case "AT_MOST":
					h.atMost = true
				default:
					return nil, false, fail("Target Type", "%q is not AT_LEAST or AT_MOST", tt)
				}
				tv := get("Target Value")
				h.targetValue, err = strconv.ParseFloat(tv, 64)
				if err != nil || math.IsNaN(h.targetValue) || h.targetValue < 0 || h.targetValue > 1e9 {
					return nil, false, fail("Target Value", "%q is not a number from 0 to 1e9", tv)
				}
			}
		}
		// Names change; positions shift whenever a habit is added, moved
		// or deleted. The name is the steadier id; a second habit of the
		// same name adds its position.
		h.sourceID = "loop-csv:" + h.name
		for ids[h.sourceID] {
			h.sourceID += "#" + strconv.Itoa(h.position)
		}
		ids[h.sourceID] = true
		habits = append(habits, h)
	}
	return habits, old, nil
}

func has(col map[string]int, name string) bool {
	_, ok := col[name]
	return ok
}

func count(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1_000_000 {
		return 0, fmt.Errorf("%q is not a whole number from 1 to 1000000", clip(s, 40))
	}
	return n, nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// parseCheckmarks reads a habit's Checkmarks.csv: "Date,Value,Notes" then
// one line per day with a value name (or for a numerical habit the amount
// × 1000) in the new export, or lines "date,integer" without a header in
// older ones. Values are checked against the habit's type when it is
// known.
func parseCheckmarks(r io.Reader, file string, h *habit) ([]entry, error) {
	c, lr := newCSV(r)
	var entries []entry
	days := map[stride.Date]int{}
	first := true
	named := false // the new layout: values by name
	for {
		rec, err := c.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, csvError(err, file, h.name, lr)
		}
		line, _ := c.FieldPos(0)
		if first {
			first = false
			if len(rec) > 0 && strings.TrimPrefix(rec[0], "\uFEFF") == "Date" {
				if got := strings.Join(rec, ","); strings.TrimPrefix(got, "\uFEFF") != checkmarksHeader {
					return nil, &importer.ParseError{File: file, Habit: h.name, Line: line, Field: "header", Msg: fmt.Sprintf("%q is not the header %q", clip(got, 200), checkmarksHeader)}
				}
				named = true
				continue
			}
		}
		fail := func(field, format string, args ...any) error {
			return &importer.ParseError{File: file, Habit: h.name, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if named && len(rec) != 3 && len(rec) != 2 || !named && len(rec) != 2 {
			want := "Date,Value"
			if named {
				want = "Date,Value,Notes"
			}
			return nil, fail("", "the line has %d fields: expected %s", len(rec), want)
		}
		if len(entries) >= importer.MaxSteps {
			return nil, fail("", "the file has more than %d days, the most stride imports", importer.MaxSteps)
		}
		day, err := importer.ParseDay(strings.TrimSpace(rec[0]))
		if err != nil {
			return nil, fail("Date", "%v", err)
		}
		if l, dup := days[day]; dup {
			return nil, fail("Date", "%s is also on line %d: Loop keeps one value a day", day, l)
		}
		days[day] = line
		raw := strings.TrimSpace(rec[1])
		v, isName := valueNames[raw]
		switch {
		case isName && named:
		case named && !h.numerical && !h.guessType:
			return nil, fail("Value", "%q is not %s", clip(raw, 40), valueNamesText)
		default:
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				if named {
					return nil, fail("Value", "%q is not a whole number (the amount × 1000) or %s", clip(raw, 40), valueNamesText)
				}
				return nil, fail("Value", "%q is not a whole number: -1 unknown, 0 no, 1 auto, 2 yes, 3 skip, or the amount × 1000", clip(raw, 40))
			}
			v = n
		}
		e := entry{day: day, value: v, line: line}
		if len(rec) == 3 {
			e.notes = rec[2]
		}
		entries = append(entries, e)
	}
	return entries, nil
}
