// Package harsh reads the two plain-text files of harsh, the habit
// tracker for the terminal (github.com/wakatara/harsh): habits, the habits
// and how often each is due, under "! Heading" lines; and log, one line
// per habit and day. It maps them onto an importer.Batch and only reads;
// docs/formats.md gives the formats and the mapping.
package harsh

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/importer"
)

// The files of a harsh directory (~/.config/harsh, or $HARSHPATH).
const (
	HabitsFile = "habits"
	LogFile    = "log"
)

// trackOnly returns the target a habit of frequency 0 gets: harsh tracks
// such habits without a due rate ("Coffee: 0", "Had a headache: 0") and
// stride needs one. Once a week is low enough that momentum does not nag
// about a habit that was never meant to be daily; the import tells the
// user to set a real one.
func trackOnly() stride.Target { return stride.Target{Amount: 1, Count: true, Per: stride.PerWeek} }

// groupTarget returns what a heading's group goal gets: stores need a
// target, and a group has no steps of its own.
func groupTarget() stride.Target { return stride.Target{Amount: 1, Count: true, Per: stride.PerWeek} }

// ParseDir reads dir/habits and dir/log. today decides whether an end date
// has passed (the habit is then archived) and starts habits with no
// entries. Faults come back as a *importer.ParseError naming the file,
// line and field.
func ParseDir(dir string, today stride.Date) (*importer.Batch, error) {
	open := func(name string) (*os.File, error) {
		f, err := os.Open(filepath.Join(dir, name))
		if errors.Is(err, os.ErrNotExist) {
			return nil, importer.Errorf(name, 0, "", "%s has no %s file: is it harsh's directory (~/.config/harsh)?", dir, name)
		}
		return f, err
	}
	hf, err := open(HabitsFile)
	if err != nil {
		return nil, err
	}
	defer hf.Close()
	lf, err := open(LogFile)
	if err != nil {
		return nil, err
	}
	defer lf.Close()
	return Parse(hf, lf, today)
}

// Parse reads harsh's habits and log files from the readers, each limited
// to importer.MaxFileBytes; see ParseDir.
func Parse(habitsFile, logFile io.Reader, today stride.Date) (*importer.Batch, error) {
	b := &importer.Batch{Source: "harsh"}
	habits, err := parseHabits(importer.LimitFile(habitsFile, HabitsFile), b)
	if err != nil {
		return nil, err
	}
	log, err := parseLog(importer.LimitFile(logFile, LogFile), b)
	if err != nil {
		return nil, err
	}
	byName := make(map[string][]*outcome, len(habits))
	for _, o := range log.entries {
		byName[o.name] = append(byName[o.name], o)
	}
	groups := map[string]bool{}
	known := map[string]bool{}
	for _, h := range habits {
		known[h.name] = true
		if h.heading != "" && !groups[h.heading] {
			groups[h.heading] = true
			b.Goals = append(b.Goals, importer.Goal{
				SourceID: headingID(h.heading), Name: h.heading, Group: true,
				Why:       fmt.Sprintf("The habits under the heading %q in harsh.", h.heading),
				Direction: stride.AtLeast, State: stride.GoalActive, Start: today,
				Targets: []stride.Target{withFrom(groupTarget(), today)},
			})
		}
		g := h.goal(b, byName[h.name], today)
		if h.heading != "" {
			g.Parent = headingID(h.heading)
		}
		b.Goals = append(b.Goals, g)
	}
	// The log keeps habits since removed from the habits file: they come
	// along archived, rather than losing their history.
	var gone []string
	for _, name := range log.order {
		if !known[name] {
			gone = append(gone, name)
			h := &habit{name: name, trackOnly: true, retired: true}
			b.Goals = append(b.Goals, h.goal(b, byName[name], today))
		}
	}
	if len(gone) == 1 {
		b.AddProblem("the log names 1 habit the habits file no longer lists (%s): imported archived, with the target %s", quoteList(gone, 5), trackOnly())
	} else if len(gone) > 1 {
		b.AddProblem("the log names %d habits the habits file no longer lists (%s): imported archived, with the target %s", len(gone), quoteList(gone, 5), trackOnly())
	}
	return b.Finish()
}

func headingID(h string) string { return "harsh-heading:" + h }

func withFrom(t stride.Target, d stride.Date) stride.Target {
	t.From = d
	return t
}

func quoteList(names []string, max int) string {
	var q []string
	for i, n := range names {
		if i == max {
			q = append(q, fmt.Sprintf("and %d more", len(names)-max))
			break
		}
		q = append(q, strconv.Quote(n))
	}
	return strings.Join(q, ", ")
}

// habit is a line of the habits file.
type habit struct {
	name, heading, freq string
	target, interval    int // target times in interval days; target 0 is track-only
	trackOnly           bool
	end                 stride.Date // the end date, 0 for none
	retired             bool        // known only from the log
	line                int
}

// goal maps a habit and its log outcomes: y a step (its amount, else 1;
// a habit with amounts counts "units"),
// s a skip day, n nothing; comments are the steps' notes, or day notes on
// days without a step.
func (h *habit) goal(b *importer.Batch, outcomes []*outcome, today stride.Date) importer.Goal {
	g := importer.Goal{
		SourceID: "harsh:" + h.name, Name: h.name,
		Direction: stride.AtLeast, State: stride.GoalActive, Start: today,
	}
	var t stride.Target
	switch {
	case h.trackOnly:
		t = trackOnly()
		if !h.retired {
			b.AddProblem("habit %q is track-only in harsh (frequency %s): stride needs a target, so it gets %q; set another with stride goal edit", h.name, h.freq, trackOnly().String())
		}
	default:
		t = importer.CountTarget(h.target, h.interval, func(why string) { b.AddProblem("habit %q: %s", h.name, why) })
	}
	switch {
	case h.retired:
		g.State = stride.GoalArchived
	case h.end != 0 && h.end < today:
		g.State = stride.GoalArchived
	case h.end != 0:
		b.AddProblem("habit %q ends on %s: stride has no end dates, so it is imported active; archive it then", h.name, h.end)
	}
	if len(outcomes) > 0 {
		g.Start = outcomes[0].day
		for _, o := range outcomes {
			g.Start = min(g.Start, o.day)
		}
	}
	g.Targets = []stride.Target{withFrom(t, g.Start)}
	// harsh's amounts have no unit. A habit that logs any keeps them as an
	// amount goal in "units", its target still counting days, so 95 on a
	// day adds 95 units rather than 95 times.
	for _, o := range outcomes {
		if o.result == "y" && o.amount > 0 {
			g.Unit = "units"
			b.AddProblem("habit %q logs amounts, which harsh keeps without a unit: they count in %q", h.name, g.Unit)
			break
		}
	}
	for _, o := range outcomes {
		switch o.result {
		case "y":
			amount := 1.0
			if o.amount > 0 {
				amount = o.amount
			}
			g.Steps = append(g.Steps, importer.Step{SourceID: importer.StepID(g.SourceID, o.day), Day: o.day, Amount: amount, Note: o.comment})
		case "s":
			g.Skips = append(g.Skips, o.day)
			fallthrough
		default:
			if strings.TrimSpace(o.comment) != "" {
				g.Notes = append(g.Notes, importer.DayNote{Day: o.day, Text: o.comment})
			}
		}
	}
	return g
}

var freqPart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]{1,6})(w?)$`) })

const freqHelp = "use N (every N days), Nw (every N weeks), T/I (T times in I days, such as 3/7 or 2/1w) or 0 (track only)"

// parseFreq reads harsh's frequency: "N" is once every N days, "Nw" once
// every N weeks, "T/I" T times in any I days (either part may end in w),
// and "0" track only.
func parseFreq(s string) (target, interval int, err error) {
	parts := strings.Split(s, "/")
	if len(parts) > 2 {
		return 0, 0, fmt.Errorf("%q is not a frequency: %s", s, freqHelp)
	}
	var n [2]int
	for i, p := range parts {
		m := freqPart().FindStringSubmatch(strings.TrimSpace(p))
		if m == nil {
			return 0, 0, fmt.Errorf("%q is not a frequency: %s", s, freqHelp)
		}
		n[i], _ = strconv.Atoi(m[1])
		if m[2] == "w" {
			n[i] *= 7
		}
	}
	if len(parts) == 1 {
		if n[0] == 0 {
			return 0, 1, nil
		}
		return 1, n[0], nil
	}
	if n[1] == 0 {
		return 0, 0, fmt.Errorf("%q has an interval of 0 days: %s", s, freqHelp)
	}
	if n[0] > n[1] {
		return 0, 0, fmt.Errorf("%q asks for more times (%d) than the interval has days (%d)", s, n[0], n[1])
	}
	return n[0], n[1], nil
}

// parseHabits reads the habits file: "# comment", "! Heading", and
// "Name: frequency[: YYYY-MM-DD]" lines. Lines harsh itself skips with a
// warning (no ": ", an empty name or frequency) are skipped and reported;
// what harsh stops on (a bad frequency or end date) is an error.
func parseHabits(r io.Reader, b *importer.Batch) ([]*habit, error) {
	var habits []*habit
	heading := ""
	seen := map[string]int{}
	err := importer.Lines(r, HabitsFile, func(n int, line string) error {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			return nil
		case strings.HasPrefix(trimmed, "!"):
			heading = strings.TrimSpace(trimmed[1:])
			return nil
		}
		parts := strings.Split(line, ": ")
		if len(parts) < 2 {
			b.AddProblem("%s line %d: %q is not \"Name: frequency\": skipped, as harsh skips it", HabitsFile, n, clip(trimmed, 60))
			return nil
		}
		name, freq := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
		if name == "" || freq == "" {
			b.AddProblem("%s line %d: a habit without a name or frequency: skipped, as harsh skips it", HabitsFile, n)
			return nil
		}
		fail := func(field, format string, args ...any) *importer.ParseError {
			e := importer.Errorf(HabitsFile, n, field, format, args...)
			e.Habit = name
			return e
		}
		h := &habit{name: name, heading: heading, freq: freq, line: n}
		var err error
		if h.target, h.interval, err = parseFreq(freq); err != nil {
			return fail("frequency", "%v", err)
		}
		h.trackOnly = h.target == 0
		if len(parts) >= 3 {
			if ds := strings.TrimSpace(parts[2]); ds != "" {
				if h.end, err = importer.ParseDay(ds); err != nil {
					return fail("end date", "%v", err)
				}
			}
		}
		if len(parts) > 3 {
			b.AddProblem("%s line %d: the fields after the end date are ignored", HabitsFile, n)
		}
		if first, dup := seen[name]; dup {
			b.AddProblem("%s line %d: habit %q is also on line %d: the first is imported", HabitsFile, n, name, first)
			return nil
		}
		if len(habits) == importer.MaxGoals {
			return fail("", "the file lists more than %d habits, the most stride imports at once", importer.MaxGoals)
		}
		seen[name] = n
		habits = append(habits, h)
		return nil
	})
	return habits, err
}

// outcome is the last log line for a habit and day.
type outcome struct {
	day     stride.Date
	name    string
	result  string // y, n or s
	comment string
	amount  float64 // 0 when none was given
	line    int
}

type logFile struct {
	entries []*outcome // by first appearance of the habit and day
	order   []string   // habit names by first appearance
}

// parseLog reads the log: "YYYY-MM-DD : Name : y|n|s[ : comment[ :
// amount]]", the later line winning for the same habit and day, as harsh
// reads it. A comment holding " : " keeps it (harsh writes such lines but
// then skips them); an amount that is not a number is kept in the note and
// reported. A line without date, habit and result, a bad date or a result
// other than y, n and s is an error.
func parseLog(r io.Reader, b *importer.Batch) (*logFile, error) {
	type key struct {
		day  stride.Date
		name string
	}
	lf := &logFile{}
	idx := map[key]int{}
	names := map[string]bool{}
	err := importer.Lines(r, LogFile, func(n int, line string) error {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			return nil
		}
		// harsh writes "… : y :  : " when there is neither comment nor
		// amount; an editor may have trimmed the last space.
		line = strings.TrimRight(line, " \t")
		if strings.HasSuffix(line, " :") {
			line += " "
		}
		f := strings.Split(line, " : ")
		fail := func(field, format string, args ...any) *importer.ParseError {
			return importer.Errorf(LogFile, n, field, format, args...)
		}
		if len(f) < 3 {
			return fail("", "%q is not \"YYYY-MM-DD : habit : y|n|s : comment : amount\"", clip(trimmed, 80))
		}
		o := &outcome{name: strings.TrimSpace(f[1]), result: strings.TrimSpace(f[2]), line: n}
		var err error
		if o.day, err = importer.ParseDay(strings.TrimSpace(f[0])); err != nil {
			return fail("date", "%v", err)
		}
		if o.name == "" {
			return fail("habit", "the habit's name is empty")
		}
		if o.result != "y" && o.result != "n" && o.result != "s" {
			e := fail("result", "%q is not y, n or s", clip(o.result, 20))
			e.Habit = o.name
			return e
		}
		switch {
		case len(f) == 4:
			o.comment = strings.TrimSpace(f[3])
		case len(f) >= 5:
			o.comment = strings.TrimSpace(strings.Join(f[3:len(f)-1], " : "))
			raw := strings.TrimSpace(f[len(f)-1])
			v, err := strconv.ParseFloat(raw, 64)
			switch {
			case raw == "":
			case err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1e9:
				b.AddProblem("%s line %d, field amount: %q is not an amount from 0 to 1e9: kept in the note", LogFile, n, clip(raw, 40))
				o.comment = strings.TrimSpace(o.comment + " (amount: " + raw + ")")
			default:
				o.amount = v
			}
		}
		k := key{o.day, o.name}
		if i, ok := idx[k]; ok {
			lf.entries[i] = o // the later line wins
			return nil
		}
		if len(lf.entries) == importer.MaxSteps {
			return fail("", "the log has more than %d entries, the most stride imports at once", importer.MaxSteps)
		}
		idx[k] = len(lf.entries)
		lf.entries = append(lf.entries, o)
		if !names[o.name] {
			names[o.name] = true
			lf.order = append(lf.order, o.name)
		}
		return nil
	})
	return lf, err
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
