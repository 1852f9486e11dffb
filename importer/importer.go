// Package importer holds what every import source parses into: a Batch of
// goals with their steps, skip days and notes, checked against what the
// stores accept, and the limits every parser keeps against hostile input.
//
// The parsers (importer/loop for Loop Habit Tracker, importer/harsh for
// harsh) only read: they return a Batch or a *ParseError naming the file,
// line and field. Writing a Batch, all or nothing and skipping what an
// earlier import of the same export created (matched by SourceID), is the
// caller's job. docs/formats.md describes each format and mapping.
package importer

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strideapp/stride"
)

// Batch is everything one export holds, mapped onto stride's goals.
type Batch struct {
	// Source names the format read: "loop-csv", "loop-db" or "harsh".
	Source string
	// Goals in the order the source lists them; a group goal comes before
	// the goals it holds.
	Goals []Goal
	// Problems lists, one sentence each, what was imported differently
	// from the source or left out: a name shortened or made unique, a
	// frequency stride cannot express exactly, lines the source program
	// itself ignores. The CLI prints them with the summary; none of them
	// stops the import.
	Problems []string
}

// Goal is one habit of the source as a stride goal.
type Goal struct {
	// SourceID identifies the habit in its source ("loop:uuid:…",
	// "loop-csv:Run", "harsh:Gym") so that importing the same export
	// again finds the goal it created the first time.
	SourceID string
	Name     string
	// Why is the reason the source keeps for the habit (Loop's question
	// and description).
	Why string
	// Unit is what amounts count in; "" makes a check goal.
	Unit      string
	Direction stride.Direction
	// Targets holds one target in effect from Start: sources keep only the
	// current frequency, not its history.
	Targets []stride.Target
	// State is stride.GoalActive or stride.GoalArchived.
	State stride.GoalState
	// Group marks a goal made only to hold others (a harsh heading): it
	// has no steps, and a caller may turn it into a tag instead.
	Group bool
	// Parent is the SourceID of the group goal holding this one, or "".
	Parent string
	// Start is the first day the source has anything for the habit (a
	// step, a miss, a skip or a note): Loop's score starts there too. A
	// habit with no days starts on the day of the import.
	Start stride.Date
	// Steps are sorted by day, at most one per day.
	Steps []Step
	// Skips are planned rest days, sorted, without repeats.
	Skips []stride.Date
	// Notes are notes the source keeps on days that became no step (a
	// skipped or missed day): stride keeps notes on steps, so the caller
	// decides where these go (a lesson, the journal) or reports them.
	Notes []DayNote
}

// Step is one day's progress.
type Step struct {
	// SourceID is the goal's SourceID and the day ("harsh:Gym@2025-01-15"):
	// sources keep at most one entry per habit and day.
	SourceID string
	Day      stride.Date
	// Amount is in the goal's unit; 1 for a plain check.
	Amount float64
	Note   string
}

// DayNote is a note on a day without a step.
type DayNote struct {
	Day  stride.Date
	Text string
}

// StepID returns the SourceID of the step of goal on day.
func StepID(goal string, day stride.Date) string { return goal + "@" + day.String() }

// AddProblem appends a problem, formatted like fmt.Sprintf.
func (b *Batch) AddProblem(format string, args ...any) {
	b.Problems = append(b.Problems, fmt.Sprintf(format, args...))
}

// Summary is what a batch would create, for --dry-run and the real run.
type Summary struct {
	Source   string `json:"source"`
	Goals    int    `json:"goals"`    // every goal, groups and archived ones included
	Archived int    `json:"archived"` // archived goals among Goals
	Groups   int    `json:"groups"`   // group goals among Goals
	Steps    int    `json:"steps"`
	Skips    int    `json:"skips"`
	Notes    int    `json:"notes"` // notes on days without a step
	// First and Last are the earliest and latest day of any step, skip or
	// note; nil when there is none.
	First    *stride.Date `json:"first,omitempty"`
	Last     *stride.Date `json:"last,omitempty"`
	Problems int          `json:"problems"`
}

// Summary counts what the batch holds.
func (b *Batch) Summary() Summary {
	s := Summary{Source: b.Source, Goals: len(b.Goals), Problems: len(b.Problems)}
	var first, last stride.Date
	seen := false
	see := func(d stride.Date) {
		if !seen || d < first {
			first = d
		}
		if !seen || d > last {
			last = d
		}
		seen = true
	}
	for i := range b.Goals {
		g := &b.Goals[i]
		if g.State == stride.GoalArchived {
			s.Archived++
		}
		if g.Group {
			s.Groups++
		}
		s.Steps += len(g.Steps)
		s.Skips += len(g.Skips)
		s.Notes += len(g.Notes)
		for _, st := range g.Steps {
			see(st.Day)
		}
		for _, d := range g.Skips {
			see(d)
		}
		for _, n := range g.Notes {
			see(n.Day)
		}
	}
	if seen {
		s.First, s.Last = &first, &last
	}
	return s
}

// String writes the summary as one line: "5 goals (1 archived), 1,204
// steps, 12 skip days, 3 notes on days without a step, from 2024-01-03 to
// 2025-06-30".
func (s Summary) String() string {
	var b strings.Builder
	b.WriteString(plural(s.Goals, "goal", "goals"))
	var extra []string
	if s.Archived > 0 {
		extra = append(extra, strconv.Itoa(s.Archived)+" archived")
	}
	if s.Groups > 0 {
		extra = append(extra, plural(s.Groups, "group", "groups"))
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, ", ") + ")")
	}
	b.WriteString(", " + plural(s.Steps, "step", "steps"))
	b.WriteString(", " + plural(s.Skips, "skip day", "skip days"))
	if s.Notes > 0 {
		b.WriteString(", " + plural(s.Notes, "note", "notes") + " on days without a step")
	}
	if s.First != nil && s.Last != nil {
		fmt.Fprintf(&b, ", from %s to %s", s.First, s.Last)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return group(n) + " " + many
}

// group writes n with thousands separators: 12,345.
func group(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + group(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// NameKey is how the stores compare goal names: case and surrounding space
// do not count.
func NameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// UniqueName returns name, or when taken reports it taken, the first of
// "name (2)", "name (3)", … that is free, shortening name so the result
// keeps within stride.MaxNameLen characters.
func UniqueName(name string, taken func(string) bool) string {
	if !taken(name) {
		return name
	}
	for n := 2; ; n++ {
		suffix := " (" + strconv.Itoa(n) + ")"
		base := truncateRunes(name, stride.MaxNameLen-utf8.RuneCountInString(suffix))
		if c := strings.TrimSpace(base) + suffix; !taken(c) {
			return c
		}
	}
}

// CleanName makes a source's habit name one stride accepts, and says how
// it changed it ("" when it did not): control characters and runs of space
// become one space; an empty name becomes "Untitled"; a name of digits only
// gets "Habit " in front (stride reads bare numbers as step ids); a name
// over stride.MaxNameLen characters is cut, ending in "…".
func CleanName(name string) (string, string) {
	n := strings.Join(strings.FieldsFunc(name, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == 0x7f || r == utf8.RuneError
	}), " ")
	var why string
	switch {
	case n == "":
		n, why = "Untitled", "it was empty"
	case strings.Trim(n, "0123456789") == "":
		n, why = "Habit "+n, "it was only digits"
	case n != strings.TrimSpace(name):
		why = "it had control characters or runs of space"
	}
	if utf8.RuneCountInString(n) > stride.MaxNameLen {
		n = strings.TrimSpace(truncateRunes(n, stride.MaxNameLen-1)) + "…"
		why = fmt.Sprintf("it was longer than %d characters", stride.MaxNameLen)
	}
	return n, why
}

// truncateRunes returns the first n runes of s.
func truncateRunes(s string, n int) string {
	if n <= 0 {
		return ""
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// CleanNote trims a note and cuts it to stride.MaxNoteLen characters at a
// character boundary, ending in "…"; cut says whether it was cut.
func CleanNote(s string) (note string, cut bool) {
	s = strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	if stride.TextLen(s) <= stride.MaxNoteLen {
		return s, false
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:stride.MaxNoteLen-1])) + "…", true
}

// Normalize makes the batch one the stores accept where that can be done
// without losing history, noting each change in Problems: names are
// cleaned (CleanName) and made unique case-insensitively (UniqueName; the
// habits keep their names and groups give way when a heading and a habit
// share one), long notes are cut (CleanNote), steps, skips and notes are
// sorted by day and a skip on a day with a step is dropped (the step is
// what happened). Call Validate after it.
func (b *Batch) Normalize() {
	for i := range b.Goals {
		g := &b.Goals[i]
		if n, why := CleanName(g.Name); why != "" {
			b.AddProblem("%s %q is imported as %q: %s", b.kind(g), g.Name, n, why)
			g.Name = n
		} else {
			g.Name = n
		}
		cut := 0
		for j := range g.Steps {
			var c bool
			g.Steps[j].Note, c = CleanNote(g.Steps[j].Note)
			if c {
				cut++
			}
		}
		kept := g.Notes[:0]
		for _, n := range g.Notes {
			var c bool
			if n.Text, c = CleanNote(n.Text); c {
				cut++
			}
			if n.Text != "" {
				kept = append(kept, n)
			}
		}
		g.Notes = kept
		if cut > 0 {
			b.AddProblem("goal %q: %s cut to %d characters", g.Name, plural(cut, "note was", "notes were"), stride.MaxNoteLen)
		}
		slices.SortStableFunc(g.Steps, func(a, b Step) int { return cmp.Compare(a.Day, b.Day) })
		slices.SortStableFunc(g.Notes, func(a, b DayNote) int { return cmp.Compare(a.Day, b.Day) })
		slices.Sort(g.Skips)
		g.Skips = slices.Compact(g.Skips)
		if len(g.Steps) > 0 && len(g.Skips) > 0 {
			stepDays := make(map[stride.Date]bool, len(g.Steps))
			for _, s := range g.Steps {
				stepDays[s.Day] = true
			}
			g.Skips = slices.DeleteFunc(g.Skips, func(d stride.Date) bool { return stepDays[d] })
		}
	}
	taken := map[string]bool{}
	for _, groups := range []bool{false, true} {
		for i := range b.Goals {
			g := &b.Goals[i]
			if g.Group != groups {
				continue
			}
			n := UniqueName(g.Name, func(s string) bool { return taken[NameKey(s)] })
			if n != g.Name {
				b.AddProblem("%s %q is imported as %q: another goal of this import has that name", b.kind(g), g.Name, n)
				g.Name = n
			}
			taken[NameKey(n)] = true
		}
	}
}

func (b *Batch) kind(g *Goal) string {
	if g.Group {
		return "group"
	}
	return "habit"
}

// Validate checks the batch against what the stores refuse and against the
// limits, and returns an *stride.Error with code EINVALID naming the goal:
// a goal name stride.ValidateGoalName rejects or two goals with one name, a
// missing or repeated SourceID, a bad target, direction or state, a parent
// that is not a group of the batch, a step with an amount out of range, a
// note too long, two steps on one day, more than MaxGoals goals or
// MaxSteps steps.
func (b *Batch) Validate() error {
	if len(b.Goals) > MaxGoals {
		return stride.Errorf(stride.EINVALID, "the %s export has %d habits, more than the %d stride imports at once", b.Source, len(b.Goals), MaxGoals)
	}
	ids := make(map[string]*Goal, len(b.Goals))
	names := make(map[string]string, len(b.Goals))
	steps := 0
	for i := range b.Goals {
		g := &b.Goals[i]
		if err := stride.ValidateGoalName(g.Name); err != nil {
			return err
		}
		if g.Name != strings.TrimSpace(g.Name) {
			return stride.Errorf(stride.EINVALID, "goal name %q has space around it", g.Name)
		}
		if other, ok := names[NameKey(g.Name)]; ok {
			return stride.Errorf(stride.EINVALID, "two goals are named %q (and %q): names must differ in more than case", g.Name, other)
		}
		names[NameKey(g.Name)] = g.Name
		if g.SourceID == "" {
			return stride.Errorf(stride.EINVALID, "goal %q has no source id", g.Name)
		}
		if _, ok := ids[g.SourceID]; ok {
			return stride.Errorf(stride.EINVALID, "two goals have the source id %q", g.SourceID)
		}
		ids[g.SourceID] = g
		if err := validateGoal(g); err != nil {
			return err
		}
		steps += len(g.Steps)
		if steps > MaxSteps {
			return stride.Errorf(stride.EINVALID, "the %s export has more than %d steps, the most stride imports at once", b.Source, MaxSteps)
		}
	}
	for i := range b.Goals {
		g := &b.Goals[i]
		if g.Parent == "" {
			continue
		}
		p, ok := ids[g.Parent]
		if !ok || !p.Group || p == g {
			return stride.Errorf(stride.EINVALID, "goal %q names %q as its group, which is not a group of this import", g.Name, g.Parent)
		}
		if p.Parent != "" {
			return stride.Errorf(stride.EINVALID, "group %q is inside another group: groups hold habits only", p.Name)
		}
	}
	return nil
}

func validateGoal(g *Goal) error {
	sg := stride.Goal{Name: g.Name, Unit: g.Unit, Direction: g.Direction, Targets: g.Targets, State: g.State, Start: g.Start}
	if g.Direction == "" || g.State == "" {
		return stride.Errorf(stride.EINVALID, "goal %q needs a direction and a state", g.Name)
	}
	if err := sg.Validate(); err != nil {
		return err
	}
	if g.State != stride.GoalActive && g.State != stride.GoalArchived {
		return stride.Errorf(stride.EINVALID, "goal %q is %s: an import makes active or archived goals", g.Name, g.State)
	}
	if err := CheckDay(g.Start); err != nil {
		return stride.Errorf(stride.EINVALID, "goal %q starts on %s: %s", g.Name, g.Start, err)
	}
	for _, t := range g.Targets {
		if t.Count && t.Amount > float64(t.Days()) {
			return stride.Errorf(stride.EINVALID, "goal %q: target %s counts more days than its period has", g.Name, t)
		}
	}
	if g.Group && (len(g.Steps) > 0 || len(g.Skips) > 0 || g.Parent != "") {
		return stride.Errorf(stride.EINVALID, "group %q has steps, skips or a group of its own", g.Name)
	}
	prev := stride.Date(0)
	for i, s := range g.Steps {
		st := stride.Step{Amount: s.Amount, Note: s.Note}
		if err := st.Validate(); err != nil {
			return stride.Errorf(stride.EINVALID, "goal %q, step on %s: %s", g.Name, s.Day, stride.ErrorMessage(err))
		}
		if st.Note != s.Note {
			return stride.Errorf(stride.EINVALID, "goal %q, step on %s: the note has space around it", g.Name, s.Day)
		}
		if err := CheckDay(s.Day); err != nil {
			return stride.Errorf(stride.EINVALID, "goal %q, step on %s: %s", g.Name, s.Day, err)
		}
		if i > 0 && s.Day <= prev {
			return stride.Errorf(stride.EINVALID, "goal %q has steps out of order or two on %s", g.Name, s.Day)
		}
		if s.SourceID == "" {
			return stride.Errorf(stride.EINVALID, "goal %q, step on %s has no source id", g.Name, s.Day)
		}
		prev = s.Day
	}
	for i, d := range g.Skips {
		if err := CheckDay(d); err != nil {
			return stride.Errorf(stride.EINVALID, "goal %q, skip on %s: %s", g.Name, d, err)
		}
		if i > 0 && d <= g.Skips[i-1] {
			return stride.Errorf(stride.EINVALID, "goal %q has skips out of order or twice on %s", g.Name, d)
		}
	}
	for _, n := range g.Notes {
		if l := stride.TextLen(n.Text); l > stride.MaxNoteLen {
			return stride.Errorf(stride.EINVALID, "goal %q, note on %s is %d characters: at most %d", g.Name, n.Day, l, stride.MaxNoteLen)
		}
		if err := CheckDay(n.Day); err != nil {
			return stride.Errorf(stride.EINVALID, "goal %q, note on %s: %s", g.Name, n.Day, err)
		}
	}
	return nil
}

// Finish normalizes and validates a batch a parser built: the last call of
// every parser.
func (b *Batch) Finish() (*Batch, error) {
	b.Normalize()
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return b, nil
}
