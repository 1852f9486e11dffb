package export

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// entry is one thing of a journal day; order sorts a day's entries.
type entry struct {
	day   stride.Date
	order int
	text  string
}

// Where an entry stands on its day: the plan first, then what was done,
// what was learned from it, and what it earned.
const (
	orderFocus = iota
	orderStep
	orderWork
	orderLesson
	orderDoubt
	orderRevisit
	orderReview
	orderWin
)

// WriteMarkdown writes the journal of doc as markdown, readable on its
// own: a heading per day, oldest first, and on each day the focus, the
// steps with a note or a reflection, work iterations and ships, lessons,
// doubts and their revisits, the weekly review (on the week's first day)
// and the wins (from stride.WinService, which computes them from the
// record). Days with none of these are left out.
func WriteMarkdown(w io.Writer, doc *stride.Backup, wins []*stride.Win) error {
	var es []entry
	add := func(d stride.Date, order int, format string, args ...any) {
		es = append(es, entry{d, order, fmt.Sprintf(format, args...)})
	}
	for _, f := range doc.Focus {
		mark := ""
		switch {
		case f.Done:
			mark = " (done)"
		case f.CarriedFrom != nil:
			mark = " (" + words.FocusCarried(*f.CarriedFrom) + ")"
		}
		add(f.Day, orderFocus, "- **Focus:** %s%s", inline(f.Text), mark)
	}
	for _, g := range doc.Goals {
		for _, s := range g.Steps {
			if s.Note == "" && s.Learned == "" {
				continue
			}
			var b strings.Builder
			fmt.Fprintf(&b, "- **%s**, %s", inline(g.Name), words.Amount(s.Amount, g.Unit))
			if s.Time != nil {
				fmt.Fprintf(&b, " at %s", stride.FormatClock(*s.Time))
			}
			if s.Note != "" {
				fmt.Fprintf(&b, ": %s", block(s.Note, "  "))
			}
			if s.Learned != "" {
				fmt.Fprintf(&b, "\n  - *What I learned:* %s", block(s.Learned, "    "))
			}
			add(s.Day, orderStep, "%s", b.String())
		}
	}
	for _, wk := range doc.Works {
		for _, it := range wk.Iterations {
			var b strings.Builder
			if it.Kind == stride.IterationShip {
				fmt.Fprintf(&b, "- **%s**: version %d shipped", inline(wk.Name), it.Version)
				if it.Note != "" {
					fmt.Fprintf(&b, ". %s", block(it.Note, "  "))
				}
			} else {
				fmt.Fprintf(&b, "- **%s**, version %d: %s", inline(wk.Name), it.Version, block(it.Changed, "  "))
				if it.Feedback != "" {
					fmt.Fprintf(&b, "\n  - *Feedback:* %s", block(it.Feedback, "    "))
				}
			}
			add(it.Day, orderWork, "%s", b.String())
		}
	}
	for _, l := range doc.Lessons {
		var b strings.Builder
		b.WriteString("- **Lesson**")
		var about []string
		if l.Goal != "" {
			about = append(about, inline(l.Goal))
		}
		if len(l.Themes) > 0 {
			about = append(about, "themes: "+inline(strings.Join(l.Themes, ", ")))
		}
		if len(about) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(about, "; "))
		}
		q := words.LessonQuestions
		for _, qa := range [][2]string{{q.Wanted.Title, l.Wanted}, {q.Happened.Title, l.Happened},
			{q.Options.Title, l.Options}, {q.Next.Title, l.Next}} {
			if qa[1] != "" {
				fmt.Fprintf(&b, "\n  - *%s* %s", qa[0], block(qa[1], "    "))
			}
		}
		add(l.Day, orderLesson, "%s", b.String())
	}
	for _, d := range doc.Doubts {
		var b strings.Builder
		fmt.Fprintf(&b, "- **Doubt:** “%s”", block(d.Text, "  "))
		if d.Against != "" {
			fmt.Fprintf(&b, "\n  - *%s* %s", words.DoubtQuestions.Against.Title, block(d.Against, "    "))
		}
		if d.Reframe != "" {
			fmt.Fprintf(&b, "\n  - *%s* %s", words.DoubtQuestions.Reframe.Title, block(d.Reframe, "    "))
		}
		add(d.Day, orderDoubt, "%s", b.String())
		for _, r := range d.Revisits {
			line := fmt.Sprintf("- **Doubt revisited:** “%s” %s", inline(oneLine(d.Text)), words.Revisit(r))
			if r.Note != "" {
				line += ": " + block(r.Note, "  ")
			}
			add(r.Day, orderRevisit, "%s", line)
		}
	}
	for _, r := range doc.Reviews {
		var b strings.Builder
		fmt.Fprintf(&b, "- **Weekly review** of %s", words.WeekRange(r.Week, r.Week.AddDays(6)))
		for _, qa := range [][2]string{{words.ReviewQuestions.WentWell.Title, r.WentWell}, {words.ReviewQuestions.Learned.Title, r.Learned},
			{words.ReviewQuestions.Obstacles.Title, r.Obstacles}, {words.ReviewQuestions.NextFocus.Title, r.NextFocus}} {
			if qa[1] != "" {
				fmt.Fprintf(&b, "\n  - *%s* %s", qa[0], block(qa[1], "    "))
			}
		}
		add(r.Week, orderReview, "%s", b.String())
	}
	for _, wn := range wins {
		text := wn.Text
		if text == "" {
			text = words.WinText(wn)
		}
		add(wn.Day, orderWin, "- **Win:** %s", inline(text))
	}
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].day != es[j].day {
			return es[i].day < es[j].day
		}
		return es[i].order < es[j].order
	})

	bw := bufio.NewWriter(w)
	title := "Journal"
	if doc.User.Name != "" {
		title += " of " + inline(doc.User.Name)
	}
	fmt.Fprintf(bw, "# %s\n\n", title)
	intro := "The notes and reflections of your steps, your focus, lessons, doubts, work, weekly reviews and wins, day by day, oldest first."
	if !doc.ExportedAt.IsZero() {
		intro = fmt.Sprintf("Written by stride on %s. %s", words.Day(stride.DateOf(doc.ExportedAt)), intro)
	}
	fmt.Fprintln(bw, intro)
	if len(es) == 0 {
		fmt.Fprintln(bw, "\nNothing written yet. A note or what you learned, added to a step, starts the journal.")
	}
	for i, e := range es {
		if i == 0 || e.day != es[i-1].day {
			fmt.Fprintf(bw, "\n## %s\n\n", words.Day(e.day))
		}
		fmt.Fprintln(bw, e.text)
	}
	return bw.Flush()
}

// mdEscaper keeps the user's text text where the journal is rendered: no
// raw HTML. Only "<" is escaped, so the file stays readable as it is;
// block keeps a line of the text from starting a heading, a list or a
// quote of its own.
var mdEscaper = strings.NewReplacer("<", "&lt;")

// inline returns s on one line, escaped.
func inline(s string) string { return mdEscaper.Replace(oneLine(s)) }

// block returns s escaped, its later lines indented by indent so they stay
// in the list item; blank lines are kept as paragraph breaks.
func block(s string, indent string) string {
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), "\n")
	for i, l := range lines {
		l = mdEscaper.Replace(strings.TrimSpace(l))
		if i > 0 && l != "" {
			if strings.ContainsAny(l[:1], "#-+*>|=") {
				l = `\` + l
			} else if n := numbered(l); n > 0 {
				l = l[:n] + `\` + l[n:]
			}
			l = indent + l
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// numbered returns where the "." or ")" is when l would start a numbered
// list ("1. "), else 0.
func numbered(l string) int {
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i > 0 && i < len(l) && (l[i] == '.' || l[i] == ')') {
		return i
	}
	return 0
}
