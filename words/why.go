package words

import (
	"fmt"
	"math"
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
	// Without is what the change would have been without the day's steps,
	// for a day whose step softened a dip (see Why.Softened).
	Without float64
}

// Why is how a goal's momentum today came about, in parts a transport
// renders as it likes: the CLI as lines, the web app as a list.
type Why struct {
	Goal   *stride.Goal
	Status *stride.GoalStatus
	// Yesterday and WeekAgo are momentum then; nil before the goal began.
	Yesterday, WeekAgo *float64
	// Up and Down are the recent days that moved momentum most, oldest
	// first: Down the gaps (and a limit's days over it). Softened are the
	// days of an at-least goal whose step still left momentum a little
	// lower, the window holding less than the target: the step counted,
	// and the dip would have been deeper without it.
	Up, Down, Softened []Move
	// Rests are the recent held days (skips and pauses).
	Rests []stride.Date
	// State is the goal's state on the day explained: a paused, done or
	// archived goal asks nothing of it.
	State stride.GoalState
	// window is today's rolling window (momentum's), when the history
	// reaches today: what a limit's credit today comes from.
	window    float64
	hasWindow bool
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
	if n := len(days); n > 0 && days[n-1].Date == today {
		w.window, w.hasWindow = windowSum(days, g.TargetOn(today)), true
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
		m := Move{Day: d, Change: d.Momentum - prev, Window: windowSum(days[:i+1], t), Target: t,
			Open: d.Date == today && d.Amount <= 0}
		if d.Amount > 0 {
			own := d.Amount
			if t.Count {
				own = 1
			}
			r := momentum.Retention(t.Days())
			m.Without = r*prev + (1-r)*momentum.Credit(m.Window-own, t.Amount, g.Direction) - prev
		}
		moves = append(moves, m)
	}
	softened := func(m Move) bool { return g.Direction != stride.AtMost && m.Day.Amount > 0 }
	down := func(x, y Move) bool { return x.Change < y.Change }
	w.Up = top(moves, func(m Move) bool { return m.Change > 0.0005 }, func(x, y Move) bool { return x.Change > y.Change })
	w.Down = top(moves, func(m Move) bool { return m.Change < -0.0005 && !softened(m) }, down)
	w.Softened = top(moves, func(m Move) bool { return m.Change < -0.0005 && softened(m) }, down)
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
		switch d := Shown(*w.WeekAgo, w.Status.Momentum); {
		case d == "±0%":
			line += ": steady over the week"
		case strings.HasPrefix(d, "+"):
			line += ": up " + strings.TrimPrefix(d, "+") + " over the week"
		default:
			line += ": eased down " + strings.TrimPrefix(d, "−") + " over the week"
		}
	}
	return line
}

// Shown is the change from before to after as a reader can check it
// against the two shown as whole percentages (Pct): the difference of
// those, or when they are the same, the change itself to a decimal
// ("+0.4%"), so "a week ago 48%" and today's 60% are "+12%", never the
// "+11%" of the unrounded values. "±0%" when nothing moved.
func Shown(before, after float64) string {
	pb, pa := math.Round(before*100), math.Round(after*100)
	if pb == pa {
		if d := (after - before) * 100; math.Abs(d) >= 0.05 {
			return Delta(math.Copysign(math.Min(math.Abs(d), 0.9)/100, d))
		}
		return "±0%"
	}
	return Delta((pa - pb) / 100)
}

// Sentence says in words what one day did: "Tue 18: 45 of 30 min → full
// credit, +3%", "Thu 20: a gap, −5%", "Sat 21: done; 4 days with a step in
// the last 7, for 3 asked → full credit, +2%". Amounts keep the goal's
// unit ("2h46m of 2h30m"). A step that softened a dip (Why.Softened) says
// what the change would have been without it.
func (m Move) Sentence(g *stride.Goal) string {
	d, t := m.Day, m.Target
	unit := g.Unit
	head := ShortDay(d.Date) + ": "
	tail := " → " + Credit(d.Credit) + ", " + Delta(m.Change)
	if d.Amount > 0 && m.Change < -0.0005 && g.Direction != stride.AtMost {
		tail += " (" + Delta(m.Without) + " without it)"
	}
	n := t.Days()
	if g.Direction == stride.AtMost {
		what := "none"
		if d.Amount > 0 {
			what = Amount(d.Amount, unit)
			if t.Count {
				what = "done"
			}
		}
		state := "within the limit of "
		if m.Window > t.Amount+1e-9 {
			state = "over the limit of "
		}
		if n == 1 {
			return head + what + ", " + state + limitAmount(t, unit) + tail
		}
		return fmt.Sprintf("%s%s; %s in the last %d days, %s%s%s", head, what, windowAmount(m.Window, t, unit), n, state, limitAmount(t, unit), tail)
	}
	if m.Open && m.Change < 0 {
		return fmt.Sprintf("%snothing logged yet, and the day is not over (%s if it stays empty)", head, Delta(m.Change))
	}
	if d.Amount <= 0 {
		switch {
		case n == 1:
			return head + "a gap, " + Delta(m.Change)
		case m.Window <= 0:
			return fmt.Sprintf("%sa gap; nothing in the last %d days%s", head, n, tail)
		case m.Change > 0:
			return head + "no step, but " + window(m.Window, t, unit) + tail // the window still holds enough
		}
		return head + "a gap; " + window(m.Window, t, unit) + tail
	}
	if n == 1 {
		if t.Count {
			return head + "done" + tail
		}
		return head + of(d.Amount, t.Amount, unit) + tail
	}
	what := "done"
	if !t.Count {
		what = Amount(d.Amount, unit)
	}
	return head + what + "; " + window(m.Window, t, unit) + tail
}

// window says what a rolling window of target t held: "42 of 60 pages in
// the last 7 days", "4 days with a step in the last 7, for 3 asked", "a
// step in the last 2 days".
func window(v float64, t stride.Target, unit string) string {
	n := t.Days()
	switch {
	case !t.Count:
		return fmt.Sprintf("%s in the last %d days", of(v, t.Amount, unit), n)
	case v == 1 && t.Amount == 1:
		return fmt.Sprintf("a step in the last %d days", n)
	}
	return fmt.Sprintf("%s with a step in the last %d, for %s asked", Plural(int(v), "day"), n, stride.FormatNumber(t.Amount))
}

// of writes an amount against a target in the goal's unit: "45 of 30 min",
// "12 of 20 pages", and in full where minutes run to hours, "2h46m of
// 2h30m", never "166 of 2h30m".
func of(v, target float64, unit string) string {
	if unit == stride.MinutesUnit && (v >= 60 || target >= 60) {
		return Amount(v, unit) + " of " + Amount(target, unit)
	}
	return stride.FormatNumber(v) + " of " + Amount(target, unit)
}

// windowAmount writes what a limit's window held: "9" beside "the limit
// of 10 drinks", "2h46m" in minutes, "3 days" for a count.
func windowAmount(v float64, t stride.Target, unit string) string {
	switch {
	case t.Count:
		return Plural(int(v), "day")
	case unit == stride.MinutesUnit:
		return Amount(v, unit)
	}
	return stride.FormatNumber(v)
}

// limitAmount writes a limit's amount: "2 cups", "2h", "2 days" for a count.
func limitAmount(t stride.Target, unit string) string {
	if t.Count {
		return Plural(int(t.Amount), "day")
	}
	return Amount(t.Amount, unit)
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
		return w.limitToday(p), false
	case p.State == stride.PaceMet:
		return fmt.Sprintf("The target %s is met. Anything more still counts; rest counts too.", PeriodName(p)), false
	}
	return "Today: " + Next(st) + ".", true
}

// limitToday says where a limit stands in the period so far, in the goal's
// unit: within it, or over it, kindly and truly. The credit comes from
// momentum's rolling window and tapers to none at twice the limit: until
// then, what is skipped still counts; past it, momentum eases down gently
// and the credit comes back as the days roll out of the window.
func (w *Why) limitToday(p stride.Pace) string {
	unit := w.Status.Unit
	if p.Count {
		unit = ""
	}
	t := w.Goal.TargetOn(p.To)
	period, limit := PeriodName(p), Share(p, p.Target)
	done := "none"
	if p.Done > 0 {
		done = Amount(p.Done, unit)
	}
	win, span := p.Done, ""
	if w.hasWindow {
		win = w.window
	}
	if n := t.Days(); n > 1 {
		span = fmt.Sprintf(" in %d days", n)
	}
	if p.State != stride.PaceOver {
		text := fmt.Sprintf("So far %s: %s, within the limit of %s.", period, done, Amount(limit, unit))
		if win > t.Amount+1e-9 { // the window reaches back before the period
			return text + fmt.Sprintf(" The last %d days hold %s, over it, so the credit stays below full until the earlier days roll out of the window.",
				t.Days(), Amount(win, unit))
		}
		return text + " Staying within it keeps the credit full."
	}
	text := fmt.Sprintf("Over the limit %s: %s, for a limit of %s.", period, done, Amount(limit, unit))
	switch {
	case win < 2*t.Amount-1e-9:
		return text + fmt.Sprintf(" The credit tapers to none at %s%s, so whatever you skip from here still helps.", Amount(2*t.Amount, unit), span)
	case t.Days() == 1:
		return text + " Today's credit is spent, and momentum eases down gently; tomorrow is a fresh day."
	}
	return text + fmt.Sprintf(" Momentum eases down gently, never to nothing, and the credit comes back as these days roll out of the %d-day window.", t.Days())
}
