package words

import (
	"fmt"
	"sort"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
)

// RecentDays is how many days Explain looks back on.
const RecentDays = 14

// HistoryFrom returns the first day Explain needs in its history: the
// recent days plus enough before them to rebuild each one's rolling window.
func HistoryFrom(g *stride.Goal, today stride.Date) stride.Date {
	longest := 1
	for _, t := range g.Targets {
		longest = max(longest, t.Days())
	}
	return max(g.Start, today.AddDays(-RecentDays-2*longest-31))
}

// Move is one recent day and what it did to momentum.
type Move struct {
	Day    stride.Day
	Change float64
	Window float64 // the rolling window's sum (days with a step for counts)
	Target stride.Target
	// Open marks today without a step yet: the day is not over, so it is
	// no gap; Change is what it costs if it stays empty.
	Open bool
}

// Why is how a goal's momentum today came about, in parts a transport
// renders as it likes: the CLI as lines, the web app as a list.
type Why struct {
	Goal   *stride.Goal
	Status *stride.GoalStatus
	// Yesterday and WeekAgo are momentum then; nil before the goal began.
	Yesterday, WeekAgo *float64
	// Up and Down are the recent days that moved momentum most, oldest first.
	Up, Down []Move
	// Rests are the recent held days (skips and pauses).
	Rests []stride.Date
	// State is the goal's state on the day explained: a paused, done or
	// archived goal asks nothing of it.
	State stride.GoalState
}

// Explain builds the Why of g on today from its status and its history
// (from HistoryFrom through today, as StatusService.GoalHistory gives it).
func Explain(g *stride.Goal, st *stride.GoalStatus, days []stride.Day, today stride.Date) *Why {
	w := &Why{Goal: g, Status: st, State: g.StateOn(today)}
	at := func(d stride.Date) (stride.Day, bool) {
		for i := len(days) - 1; i >= 0; i-- {
			if days[i].Date == d {
				return days[i], true
			}
		}
		return stride.Day{}, false
	}
	if d, ok := at(today - 1); ok {
		w.Yesterday = &d.Momentum
	}
	if d, ok := at(today - 7); ok {
		w.WeekAgo = &d.Momentum
	}
	var moves []Move
	for i, d := range days {
		if d.Date <= today-RecentDays || i == 0 && d.Date > g.Start {
			continue
		}
		if d.Held {
			if !d.Untracked { // before the set start: no rest, nothing was asked
				w.Rests = append(w.Rests, d.Date)
			}
			continue
		}
		if d.Amount <= 0 && w.askedNothing(d.Date, today) {
			continue // neither a gap nor a day still open: nothing was asked of it
		}
		prev := 0.0
		if i > 0 {
			prev = days[i-1].Momentum
		}
		t := g.TargetOn(d.Date)
		moves = append(moves, Move{Day: d, Change: d.Momentum - prev, Window: windowSum(days[:i+1], t), Target: t,
			Open: d.Date == today && d.Amount <= 0})
	}
	w.Up = top(moves, func(m Move) bool { return m.Change > 0.0005 }, func(x, y Move) bool { return x.Change > y.Change })
	w.Down = top(moves, func(m Move) bool { return m.Change < -0.0005 }, func(x, y Move) bool { return x.Change < y.Change })
	return w
}

// askedNothing reports whether the goal asked nothing of day: today while
// it is paused, done or archived, or a day after it was finished.
func (w *Why) askedNothing(day, today stride.Date) bool {
	g := w.Goal
	if g.State == stride.GoalDone && g.FinishedOn != nil && day > *g.FinishedOn {
		return true
	}
	return day == today && !w.asks()
}

// asks reports whether the goal asks anything of the day explained: an
// active goal does (a goal without a state is one).
func (w *Why) asks() bool {
	switch w.State {
	case stride.GoalPaused, stride.GoalDone, stride.GoalArchived:
		return false
	}
	return true
}

// windowSum rebuilds the rolling window that ends on the last of days: the
// last t.Days() days that were not held, with the amounts of held days
// between them (as momentum.Run does).
func windowSum(days []stride.Day, t stride.Target) float64 {
	need := t.Days()
	sum := 0.0
	for i := len(days) - 1; i >= 0 && need > 0; i-- {
		d := days[i]
		if t.Count {
			if d.Amount > 0 {
				sum++
			}
		} else {
			sum += d.Amount
		}
		if !d.Held {
			need--
		}
	}
	return sum
}

func top(ms []Move, keep func(Move) bool, better func(x, y Move) bool) []Move {
	var out []Move
	for _, m := range ms {
		if keep(m) {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return better(out[i], out[j]) })
	if len(out) > 3 {
		out = out[:3]
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Day.Date < out[j].Day.Date })
	return out
}

// Trend says where momentum stood before: "yesterday 58%, a week ago 51%:
// up 8% over the week", or how a new goal starts.
func (w *Why) Trend() string {
	var then []string
	if w.Yesterday != nil {
		then = append(then, "yesterday "+Pct(*w.Yesterday))
	}
	if w.WeekAgo != nil {
		then = append(then, "a week ago "+Pct(*w.WeekAgo))
	}
	if len(then) == 0 {
		return fmt.Sprintf("%s started on %s: momentum builds from 0 with every step.", w.Goal.Name, Day(w.Goal.Start))
	}
	line := strings.Join(then, ", ")
	if w.WeekAgo != nil {
		switch d := w.Status.Momentum - *w.WeekAgo; {
		case d > 0.0005:
			line += ": up " + strings.TrimPrefix(Delta(d), "+") + " over the week"
		case d < -0.0005:
			line += ": eased down " + strings.TrimPrefix(Delta(d), "−") + " over the week"
		default:
			line += ": steady over the week"
		}
	}
	return line
}

// Sentence says in words what one day did: "Tue 18: 45 of 30 min → full
// credit, +3%", "Thu 20: a gap, −5%".
func (m Move) Sentence(g *stride.Goal) string {
	d, t := m.Day, m.Target
	unit := g.Unit
	head := ShortDay(d.Date) + ": "
	credit := Credit(d.Credit)
	change := Delta(m.Change)
	of := func(v float64) string {
		if t.Count {
			return fmt.Sprintf("%s of %s days", stride.FormatNumber(v), stride.FormatNumber(t.Amount))
		}
		return fmt.Sprintf("%s of %s", stride.FormatNumber(v), Amount(t.Amount, unit))
	}
	span := fmt.Sprintf("in the last %d days", t.Days())
	if t.Count {
		span = fmt.Sprintf("in the last %d", t.Days())
	}
	if g.Direction == stride.AtMost {
		what := "none"
		if d.Amount > 0 {
			what = Amount(d.Amount, unit)
		}
		limit := "within the limit of " + Amount(t.Amount, unit)
		if m.Window > t.Amount {
			limit = "over the limit of " + Amount(t.Amount, unit)
		}
		if t.Days() > 1 {
			limit = fmt.Sprintf("%s in %d days, %s", Amount(m.Window, unit), t.Days(), limit)
		}
		return fmt.Sprintf("%s%s, %s → %s, %s", head, what, limit, credit, change)
	}
	if m.Open && m.Change < 0 {
		return fmt.Sprintf("%snothing logged yet, and the day is not over (%s if it stays empty)", head, change)
	}
	if d.Amount <= 0 {
		if t.Days() == 1 {
			return head + "a gap, " + change
		}
		what := "a gap;"
		if m.Change > 0 {
			what = "no step, but" // the window still holds enough
		}
		return fmt.Sprintf("%s%s %s %s → %s, %s", head, what, of(m.Window), span, credit, change)
	}
	if t.Days() == 1 {
		if t.Count {
			return fmt.Sprintf("%sdone → %s, %s", head, credit, change)
		}
		return fmt.Sprintf("%s%s → %s, %s", head, of(d.Amount), credit, change)
	}
	what := "done"
	if !t.Count {
		what = Amount(d.Amount, unit)
	}
	return fmt.Sprintf("%s%s; %s %s → %s, %s", head, what, of(m.Window), span, credit, change)
}

// RestSentence lists the recent rest days, or "" when there were none.
func (w *Why) RestSentence() string {
	if len(w.Rests) == 0 {
		return ""
	}
	var ds []string
	for _, d := range w.Rests {
		ds = append(ds, ShortDay(d))
	}
	return "Rest days, held steady: " + strings.Join(ds, ", ") + "."
}

// HowItWorks explains the score for the goal's current target: the window,
// the credit, the daily step toward it and the half-life.
func (w *Why) HowItWorks() string {
	g := w.Goal
	t := g.Target
	n := t.Days()
	var window string
	switch {
	case n == 1:
		window = "each day is measured against the day's target"
	case t.Count:
		window = fmt.Sprintf("each day looks back over the last %d days and counts the days with a step", n)
	default:
		window = fmt.Sprintf("each day looks back over the last %d days and sums them", n)
	}
	if g.Direction == stride.AtMost {
		return fmt.Sprintf(
			"How it works for %s: %s (rest days do not count against it). "+
				"Staying within the limit gives full credit, tapering to none at twice it, and momentum moves %.1f%% of the way toward that credit each day. "+
				"Its half-life is %s days. "+
				"A day over the limit eases it down gently; it never drops to zero because of one day.",
			Target(g, t), strings.Replace(window, "target", "limit", 1), (1-momentum.Retention(n))*100, stride.FormatNumber(momentum.HalfLife(n)))
	}
	return fmt.Sprintf(
		"How it works for %s: %s (rest days do not count against it). "+
			"That gives a credit from 0 to full, and momentum moves %.1f%% of the way toward it each day. "+
			"Its half-life is %s days: after a gap that long, half of it is still there. "+
			"A gap eases it down gently; it never drops to zero because of one day.",
		Target(g, t), window, (1-momentum.Retention(n))*100, stride.FormatNumber(momentum.HalfLife(n)))
}

// Today says what today holds; nudge is true when it offers the smallest
// step, which transports may highlight. A paused, done or archived goal
// asks nothing of today, and says so.
func (w *Why) Today() (text string, nudge bool) {
	g, st := w.Goal, w.Status
	switch {
	case w.State == stride.GoalPaused && g.PausedUntil != nil:
		return fmt.Sprintf("Paused until %s: nothing is asked of today, and momentum holds steady. Rest is part of progress.", Day(*g.PausedUntil)), false
	case w.State == stride.GoalPaused:
		return "Paused: nothing is asked of today, and momentum holds steady until you resume it. Rest is part of progress.", false
	case w.State == stride.GoalDone && g.FinishedOn != nil:
		return fmt.Sprintf("Finished on %s: nothing more is asked of it.", Day(*g.FinishedOn)), false
	case w.State == stride.GoalDone:
		return "Finished: nothing more is asked of it.", false
	case w.State == stride.GoalArchived:
		return "Archived: nothing is asked of it.", false
	}
	switch p := st.Pace; {
	case p.State == stride.PaceResting:
		return "Today is a rest day: momentum holds steady. Enjoy it.", false
	case w.Goal.Direction == stride.AtMost:
		return fmt.Sprintf("Today: %s of %s so far %s. Staying within the limit keeps the credit full.",
			stride.FormatNumber(p.Done), Amount(p.Target, st.Unit), PeriodName(p)), false
	case p.State == stride.PaceMet:
		return fmt.Sprintf("The target %s is met. Anything more still counts; rest counts too.", PeriodName(p)), false
	}
	return "Today: " + Next(st) + ".", true
}
