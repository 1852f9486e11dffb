package words

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/strideapp/stride"
)

// This file holds what the command line says around the reflection
// records: the questions of its guided forms, the evidence a doubt is
// offered, nudges toward shipping and finishing, and the carried-over
// focus. Like the rest of the package it encourages and never shames.

// FormQuestion is one question of a guided form: a title and a line of help.
type FormQuestion struct{ Title, Help string }

// LessonQuestions are the four questions of a lesson (the GROW model) and its themes,
// asked one at a time.
var LessonQuestions = struct{ Wanted, Happened, Options, Next, Themes FormQuestion }{
	Wanted:   FormQuestion{"What did you want?", "Goal: what you set out to do."},
	Happened: FormQuestion{"What happened?", "Reality: plainly, without judgement. Setbacks are part of progress."},
	Options:  FormQuestion{"What could you do?", "Options: any idea counts, big or small."},
	Next:     FormQuestion{"What will you do next?", "Way forward: one step, small enough to start."},
	Themes:   FormQuestion{"Themes (optional)", "A word or two, comma-separated, such as: time, energy, travel."},
}

// LessonLabels name the four answers where a lesson is shown.
var LessonLabels = struct{ Wanted, Happened, Options, Next string }{
	Wanted:   "Goal: what I wanted",
	Happened: "Reality: what happened",
	Options:  "Options: what I could do",
	Next:     "Way forward: what I will do next",
}

// ReviewQuestions are the four questions of the weekly review.
var ReviewQuestions = struct{ WentWell, Learned, Obstacles, NextFocus FormQuestion }{
	WentWell:  FormQuestion{"What went well?", "Wins to celebrate, small ones too."},
	Learned:   FormQuestion{"What did you learn?", "What you take away from the week, not only what you did."},
	Obstacles: FormQuestion{"What got in the way?", "Plainly: it is information, not a verdict."},
	NextFocus: FormQuestion{"Next week's one key focus?", "It becomes the focus of the week's first day."},
}

// DoubtQuestions are the questions asked about a doubt.
var DoubtQuestions = struct{ Against, Reframe, Holds FormQuestion }{
	Against: FormQuestion{"What is the evidence against it?", "Facts, not feelings: what you have done, what others said."},
	Reframe: FormQuestion{"A kinder way to say it?", "What would you tell a friend who said this?"},
	Holds:   FormQuestion{"Does it still hold?", "Look at what you have done since you wrote it down."},
}

// DoubtEvidence turns the user's own record into evidence prompts for a
// doubt: how many steps each goal got in the last days (the busiest goals
// first, at most three), on how many of those days anything was logged,
// effort recorded, and the goals with the most momentum now. steps are
// the steps of the last days days; board is today's board. The entries of
// a limit (at most 2 coffees a day) are counts, not progress, and are no
// evidence. It returns nothing for an empty record.
func DoubtEvidence(steps []*stride.Step, board []*stride.GoalStatus, today stride.Date, days int) []string {
	var out []string
	count := map[string]int{}
	active := map[stride.Date]bool{}
	effort := 0.0
	limits := map[int64]bool{}
	for _, g := range board {
		limits[g.ID] = g.Direction == stride.AtMost
	}
	for _, s := range steps {
		if limits[s.GoalID] {
			continue
		}
		count[s.Goal]++
		active[s.Day] = true
		if s.Effort != nil {
			effort += *s.Effort
		}
	}
	names := make([]string, 0, len(count))
	for n := range count {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if count[names[i]] != count[names[j]] {
			return count[names[i]] > count[names[j]]
		}
		return names[i] < names[j]
	})
	for i, n := range names {
		if i == 3 {
			break
		}
		out = append(out, fmt.Sprintf("You logged %s for %s in the last %d days.", Plural(count[n], "step"), n, days))
	}
	if len(active) > 1 {
		// Counted from the first day with a step when that is nearer:
		// a record of a week is not "2 of the last 30 days".
		first := today
		for d := range active {
			first = min(first, d)
		}
		if span := int(today-first) + 1; span < days {
			out = append(out, fmt.Sprintf("You showed up on %d of the %d days since %s.", len(active), span, ShortDay(first)))
		} else {
			out = append(out, fmt.Sprintf("You showed up on %d of the last %d days.", len(active), days))
		}
	}
	if effort >= 1 {
		out = append(out, fmt.Sprintf("You put in %s of effort in that time.", Amount(math.Round(effort), stride.MinutesUnit)))
	}
	var built []*stride.GoalStatus
	for _, g := range board {
		if g.Momentum >= 0.25 && g.Direction != stride.AtMost {
			built = append(built, g)
		}
	}
	// the strongest first
	sort.SliceStable(built, func(i, j int) bool { return built[i].Momentum > built[j].Momentum })
	var strong []string
	for _, g := range built[:min(3, len(built))] {
		strong = append(strong, fmt.Sprintf("%s %s", g.Name, Pct(g.Momentum)))
	}
	if len(strong) > 0 {
		out = append(out, "Momentum you built: "+strings.Join(strong, ", ")+".")
	}
	return out
}

// DoubtRevisited answers a revisit of a doubt.
func DoubtRevisited(holds bool) string {
	if holds {
		return "Noted: it still holds for now. Doubts are normal; keep the evidence against it in view, and look again later."
	}
	return "It no longer holds. Your record spoke up for you."
}

// CountWord writes small counts as words: "three".
func CountWord(n int) string {
	if n >= 0 && n < 11 {
		return [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}[n]
	}
	return fmt.Sprint(n)
}

// ShipNudge says kindly why a work could be shared now, with the command
// to ship it; "" when Work.Nudge gives no reason. ship is that command.
func ShipNudge(w *stride.Work, ship string) string {
	switch w.Nudge() {
	case "":
		return ""
	case "its done-when is met":
		return fmt.Sprintf("Its done-when is met: this is ready to share. `%s` when you are.", ship)
	}
	n := CountWord(w.Unshipped)
	return fmt.Sprintf("%s%s revisions in, none shared yet: this could be ready to share. `%s` when you are.",
		strings.ToUpper(n[:1]), n[1:], ship)
}

// ShippedLine celebrates a shipped version.
func ShippedLine(w *stride.Work, version int) string {
	if version > 1 {
		return fmt.Sprintf("Shipped version %d of %s. Out in the world, and still open to revision.", version, w.Name)
	}
	return fmt.Sprintf("Shipped %s. Out in the world, and still open to revision.", w.Name)
}

// FinishedLine celebrates a goal marked done, honestly: a goal with
// nothing logged gets no praise, and no blame either.
func FinishedLine(g *stride.Goal) string {
	switch {
	case g.Total == 0 && g.DoneWhenMet == nil:
		return "No steps were logged for it; if it was finished away from stride, that counts too."
	case g.DoneWhenMet != nil || g.DoneWhenAmount == nil && g.DoneWhen != "":
		return "You said what complete looks like, and you got there. Well done."
	case g.DoneWhenAmount != nil:
		// finished short of the amount: honest, and no less a finish
		return fmt.Sprintf("You finished at %s of the %s you had set: stopping where it serves you counts too. Well done.",
			Amount(g.Total, g.Unit), Amount(*g.DoneWhenAmount, g.Unit))
	}
	return "That is real work, and it is finished. Well done."
}

// GoodEnoughNote is the gentle note for a goal edited again and again after
// its done-when was met.
func GoodEnoughNote(g *stride.Goal, finish string) string {
	return fmt.Sprintf("Good enough? The done-when of %s is met, and this is edit %d since. Finishing is allowed: `%s`, and a new goal can take it further.",
		g.Name, g.EditsAfterMet, finish)
}

// DoneWhenMetNote says a goal's done-when is met and suggests finishing.
func DoneWhenMetNote(g *stride.Goal, finish string) string {
	return fmt.Sprintf("The done-when of %s is met. When it feels complete, finish it: `%s`.", g.Name, finish)
}

// FocusStillOpen offers an unfinished earlier focus again, without blame.
func FocusStillOpen(f *stride.Focus, today stride.Date, carry string) string {
	when := "Yesterday's focus"
	if f.Day != today.AddDays(-1) {
		when = "The focus of " + Day(f.Day)
	}
	return fmt.Sprintf("%s is still open: %s — carry it over with `%s`, or pick a new one.", when, f.Text, carry)
}

// FocusDoneLine celebrates a focus done.
func FocusDoneLine(f *stride.Focus) string {
	return "Done: " + f.Text + ". The one thing that mattered is done."
}

// QuietWeekLine is the summary of a week with nothing in it.
const QuietWeekLine = "A quiet week in the record. Rest is part of progress; one small step starts the next."

// WeekGoalLine says how one goal's week went, for the command line's
// weekly summary: "walk: 3h/3h30m, momentum 40% → 52%, 6 steps, 3h of
// effort, 1 rest day". A count target reads "4/5 times"; a weekly limit
// reads "10 cups within a limit of 14 cups"; a limit judged day by day
// counts its days: "2 of 7 days over the limit of 1h a day", "within the
// limit of 2 cups a day on all 7 days".
func WeekGoalLine(gw stride.GoalWeek) string {
	unit := gw.Unit
	if gw.Count {
		unit = ""
	}
	var total string
	switch {
	case gw.Direction == stride.AtMost && gw.DaysJudged > 0 && gw.DaysOver == 0:
		all := fmt.Sprintf("all %d days", gw.DaysJudged)
		if gw.DaysJudged == 1 {
			all = "its 1 day"
		}
		total = fmt.Sprintf("within the limit of %s on %s", gw.Limit, all)
	case gw.Direction == stride.AtMost && gw.DaysJudged > 0:
		total = fmt.Sprintf("%d of %s over the limit of %s", gw.DaysOver, Plural(gw.DaysJudged, "day"), gw.Limit)
	case gw.Direction == stride.AtMost && gw.Total <= gw.Target:
		total = fmt.Sprintf("%s within a limit of %s", Amount(gw.Total, unit), Amount(RoundShare(gw.Target), unit))
	case gw.Direction == stride.AtMost:
		total = fmt.Sprintf("%s for a limit of %s", Amount(gw.Total, unit), Amount(RoundShare(gw.Target), unit))
	case unit == stride.MinutesUnit:
		total = Amount(gw.Total, unit) + "/" + Amount(RoundShare(gw.Target), unit)
	default:
		total = stride.FormatNumber(gw.Total) + "/" + Amount(RoundShare(gw.Target), unit)
	}
	entries := Plural(gw.Steps, "step")
	if gw.Direction == stride.AtMost {
		// what was had, not a step taken
		entries = fmt.Sprintf("%d entries", gw.Steps)
		if gw.Steps == 1 {
			entries = "1 entry"
		}
	}
	parts := []string{
		gw.Name + ": " + total,
		"momentum " + Pct(gw.MomentumStart) + " → " + Pct(gw.MomentumEnd),
		entries,
	}
	if gw.Effort > 0 {
		parts = append(parts, Amount(math.Round(gw.Effort), stride.MinutesUnit)+" of effort")
	}
	if gw.Held > 0 {
		parts = append(parts, Plural(gw.Held, "rest day"))
	}
	return strings.Join(parts, ", ")
}

// WeekFocusLine says how the week's daily focus went, counted by task
// (stride.FocusTally: a task carried over is one task, done when it was
// done on any of its days) up to through: "3 of 4 focus tasks done.".
// Tasks still open are simply not counted as done: each can carry over.
func WeekFocusLine(fs []*stride.Focus, through stride.Date) string {
	done, tasks, _ := stride.FocusTally(fs, through)
	switch {
	case tasks == 0:
		return "No focus set this week: one key task a day can start any morning."
	case done == tasks && tasks == 1:
		return "The week's focus task is done."
	case done == tasks:
		return fmt.Sprintf("All %d focus tasks of the week done.", tasks)
	case done == 0:
		return fmt.Sprintf("%s set; each can carry over to a new day.", Plural(tasks, "focus task"))
	}
	return fmt.Sprintf("%d of %d focus tasks done.", done, tasks)
}

// WeekWorkLine says what a work's week held: "essay: 3 iterations, 2h15m
// of effort, shipped version 2".
func WeekWorkLine(ww stride.WorkWeek) string {
	parts := []string{}
	if ww.Iterations > 0 {
		parts = append(parts, Plural(ww.Iterations, "iteration"))
	}
	if ww.Effort >= 0.5 {
		parts = append(parts, Amount(math.Round(ww.Effort), stride.MinutesUnit)+" of effort")
	}
	for _, v := range ww.Shipped {
		parts = append(parts, fmt.Sprintf("shipped version %d", v))
	}
	if len(parts) == 0 {
		return ww.Name
	}
	return ww.Name + ": " + strings.Join(parts, ", ")
}

// FarLine says how far a goal (or the whole record) has come, comparing
// its first four weeks with its last four. unit names the per-week
// amount: the goal's unit, "days" for a check goal (days with a step) or
// "steps" for the whole record. A lower rate now is shown as the wave it is;
// a limit's change is told by its direction (see farLimit).
func FarLine(f *stride.HowFar, unit string) string {
	if f == nil {
		return ""
	}
	first, last := roundedPerWeek(f.First.PerWeek, unit), roundedPerWeek(f.Last.PerWeek, unit)
	var b strings.Builder
	switch {
	case f.Limit:
		b.WriteString(farLimit(f, unit) + " ")
	case f.First.PerWeek == 0 && f.Last.PerWeek == 0:
		// nothing to compare (a record of limits only): momentum says it
	case f.Last.PerWeek >= f.First.PerWeek:
		fmt.Fprintf(&b, "From %s a week in your first four weeks to %s a week in your last four. ", first, last)
	default:
		fmt.Fprintf(&b, "Your first four weeks: %s a week; your last four: %s a week. Progress comes in waves, and the record keeps every step. ", first, last)
	}
	fmt.Fprintf(&b, "Momentum averaged %s in your first four weeks, %s in your last four.", Pct(f.First.Momentum), Pct(f.Last.Momentum))
	if f.First.Effort > 0 || f.Last.Effort > 0 {
		fmt.Fprintf(&b, " Effort %s a week then, %s now.", roundedPerWeek(f.First.Effort, stride.MinutesUnit), roundedPerWeek(f.Last.Effort, stride.MinutesUnit))
	}
	return b.String()
}

// roundedPerWeek rounds a weekly rate to a readable amount: whole numbers
// from ten up, one decimal below.
func roundedPerWeek(v float64, unit string) string {
	if v >= 10 {
		v = math.Round(v)
	} else {
		v = math.Round(v*10) / 10
	}
	return Amount(v, unit)
}

// farLimit says how a limit's weekly amount moved from its first four
// weeks to its last four, by its direction and without praise or blame
// for either: "11 cups a week in your last four weeks, 1.6 cups more than
// in your first four (9.4 cups)". The change is the difference of the two
// amounts as shown, so the three numbers agree.
func farLimit(f *stride.HowFar, unit string) string {
	first, last := RoundShare(f.First.PerWeek), RoundShare(f.Last.PerWeek)
	d := math.Round((last-first)*10) / 10
	switch {
	case d > 0:
		return fmt.Sprintf("%s a week in your last four weeks, %s more than in your first four (%s).",
			Amount(last, unit), Amount(d, unit), Amount(first, unit))
	case d < 0:
		return fmt.Sprintf("%s a week in your last four weeks, %s less than in your first four (%s).",
			Amount(last, unit), Amount(-d, unit), Amount(first, unit))
	}
	return fmt.Sprintf("%s a week in your last four weeks, as in your first four.", Amount(last, unit))
}
