// Package words holds what stride says about progress, for the command line
// and the web app alike: amounts, pace, the smallest next step, and why
// momentum moved. One place for the words keeps the tone (METHOD.md: a gap,
// never a failure) the same everywhere. It is pure: no I/O, no clock.
package words

import (
	"fmt"
	"math"
	"strings"

	"github.com/strideapp/stride"
)

// Day formats a date the way stride echoes it: "Sat 2026-11-21".
func Day(d stride.Date) string {
	return d.Weekday().String()[:3] + " " + d.String()
}

// ShortDay formats a recent date: "Tue 18".
func ShortDay(d stride.Date) string {
	return fmt.Sprintf("%s %d", d.Weekday().String()[:3], d.Day())
}

// Pct formats a share 0..1 as a whole percentage.
func Pct(v float64) string { return fmt.Sprintf("%d%%", int(math.Round(v*100))) }

// Moved writes a change of momentum from before to after: "28% → 30%",
// with a decimal or two when whole percents would hide a change that a
// step made ("0.2% → 1.0%", "64.2% → 64.5%"), so a small step never reads
// as nothing and the two numbers never disagree with a third.
func Moved(before, after float64) string {
	b, a := Pct(before), Pct(after)
	if d := after - before; d > 0.0005 || d < -0.0005 {
		for prec := 1; a == b && prec <= 2; prec++ {
			b, a = fmt.Sprintf("%.*f%%", prec, before*100), fmt.Sprintf("%.*f%%", prec, after*100)
		}
	}
	return b + " → " + a
}

// Delta formats a change of momentum in percentage points with its sign:
// "+3%", "−5%", "+0.4%" (small changes keep a decimal so they never read 0).
func Delta(v float64) string {
	p := v * 100
	sign := "+"
	if p < 0 {
		sign, p = "−", -p
	}
	switch {
	case p < 0.05:
		return "±0%"
	case p < 0.95:
		return fmt.Sprintf("%s%.1f%%", sign, p)
	}
	return fmt.Sprintf("%s%d%%", sign, int(math.Round(p)))
}

// Amount formats an amount in the goal's unit: "45 min", "12 pages",
// "1 time".
func Amount(v float64, unit string) string {
	if v == 1 && unit != "times" {
		// 1 cup, 1 page, 1 glass of water, 1 round of scales
		first, rest, _ := strings.Cut(unit, " ")
		if one := singular(first); one != first {
			unit = strings.TrimSuffix(one+" "+rest, " ")
		}
	}
	return stride.FormatAmount(v, unit)
}

// singular returns the singular of an English plural noun as units are
// written ("cups", "glasses", "boxes", "inches"), or word itself when it
// does not look plural.
func singular(word string) string {
	switch {
	case len(word) < 3 || !strings.HasSuffix(word, "s"):
		return word
	case word == "series" || word == "news" || word == "species" || word == "lens":
		return word
	case strings.HasSuffix(word, "ss"), strings.HasSuffix(word, "us"), strings.HasSuffix(word, "as"), strings.HasSuffix(word, "is"):
		return word // press, bus, gas, axis
	case strings.HasSuffix(word, "sses"), strings.HasSuffix(word, "xes"), strings.HasSuffix(word, "ches"), strings.HasSuffix(word, "shes"):
		return strings.TrimSuffix(word, "es")
	}
	return strings.TrimSuffix(word, "s")
}

// Target describes a target with its direction: "30 min/day",
// "at most 2 cups/day".
func Target(g *stride.Goal, t stride.Target) string { return directed(g.Direction, t.String()) }

// PeriodLimit says what a limit allows in one period of its target: "2
// cups a day", "1h a day", "3 glasses in 2 days". unit is the goal's.
func PeriodLimit(t stride.Target, unit string) string {
	if t.Count {
		unit = ""
	}
	amount := Amount(t.Amount, unit)
	switch t.Per {
	case stride.PerDay:
		return amount + " a day"
	case stride.PerWeek:
		return amount + " a week"
	case stride.PerMonth:
		return amount + " a month"
	}
	return fmt.Sprintf("%s in %d days", amount, t.Days())
}

// StatusTarget describes a board line's target with its direction, as
// Target does: "at most 2 cups/day".
func StatusTarget(gs *stride.GoalStatus) string { return directed(gs.Direction, gs.Target) }

// directed writes a target's text with its direction: a limit says so.
func directed(d stride.Direction, text string) string {
	if d == stride.AtMost {
		return "at most " + text
	}
	return text
}

// Pace says how the period is going: "90/150 min this week",
// "2/3 times this week", "✓ today".
func Pace(p stride.Pace, unit string) string {
	period := PeriodName(p)
	if p.State == stride.PaceResting && p.Done == 0 {
		return "rest day"
	}
	if resting(p) && p.Per != stride.PerDay {
		what := unit
		if p.Count || what == "" {
			what = "times"
		}
		return Amount(p.Done, what) + " " + period
	}
	if p.Count {
		if p.Per == stride.PerDay {
			if p.Done > 0 {
				return "✓ today"
			}
			return "not yet today"
		}
		what := "times"
		if p.Target == 1 {
			what = "time"
		}
		return fmt.Sprintf("%s/%s %s %s", stride.FormatNumber(p.Done), stride.FormatNumber(p.Target), what, period)
	}
	u := unit
	if u == "" {
		u = "times"
	}
	return fmt.Sprintf("%s/%s %s %s", stride.FormatNumber(p.Done), shared(p), u, period)
}

// shared formats the pace's target. Shared out over part of the period,
// 20 pages a week become 2.857 for one day: shown as 2.9, and as a whole
// number from 10 on, since the exact share means nothing to a reader.
func shared(p stride.Pace) string { return stride.FormatNumber(Share(p, p.Target)) }

// Share rounds v, the pace's target or what remains of it, as a reader
// wants it when the target was shared out (see shared); else v as it is.
func Share(p stride.Pace, v float64) float64 {
	if p.ActiveDays >= p.Days || p.Count {
		return v
	}
	return RoundShare(v)
}

// RoundShare rounds a target shared out over part of its period (a week's
// aim lowered by rest days, 150 min × 6/7) as a reader wants it: a whole
// number from 10 on, one decimal below. A whole target stays as it is.
func RoundShare(v float64) float64 {
	if v >= 10 {
		return math.Round(v)
	}
	return math.Round(v*10) / 10
}

// resting reports a period held from end to end (paused, or rest days
// only): it asks for nothing.
func resting(p stride.Pace) bool { return p.Days > 0 && p.ActiveDays == 0 }

// PaceShare explains a target shared out over part of its period (days
// before the goal's start and rest days ask for nothing), or returns "":
// "the aim covers 1 of this week's 7 days".
func PaceShare(p stride.Pace) string {
	if p.ActiveDays >= p.Days || resting(p) || p.Per == stride.PerDay {
		return ""
	}
	days := "days"
	if p.Days == 1 {
		days = "day"
	}
	return fmt.Sprintf("the aim covers %d of %s %d %s", p.ActiveDays, periodOwner(p), p.Days, days)
}

// periodOwner is the possessive of PeriodName: "this week's".
func periodOwner(p stride.Pace) string {
	if p.Per == stride.PerWeek || p.Per == stride.PerMonth {
		return PeriodName(p) + "'s"
	}
	return "these"
}

// PeriodName names the pace's period: "today", "this week", "these 2 days".
func PeriodName(p stride.Pace) string {
	switch p.Per {
	case stride.PerDay:
		return "today"
	case stride.PerWeek:
		return "this week"
	case stride.PerMonth:
		return "this month"
	}
	return fmt.Sprintf("these %d days", int(p.To-p.From)+1)
}

// PaceWord describes the pace state in a few kind words.
func PaceWord(p stride.Pace) string {
	if resting(p) {
		return "resting"
	}
	switch p.State {
	case stride.PaceMet:
		return "target met"
	case stride.PaceAhead:
		return "ahead of pace"
	case stride.PaceOnPace:
		return "on pace"
	case stride.PaceBehind:
		return "room to catch up"
	case stride.PaceOver:
		return "over the limit for now"
	case stride.PaceWithin:
		return "within the limit"
	case stride.PaceResting:
		return "resting"
	}
	return string(p.State)
}

// Next returns the smallest step of a goal and what it would add:
// "put on shoes and walk 5 minutes (+3% momentum)".
func Next(gs *stride.GoalStatus) string {
	text := gs.Next.Text
	if text == "" && gs.Goal != nil {
		text = gs.Goal.SmallestStep
	}
	if text == "" {
		text = "log " + Amount(gs.Next.Amount, gs.Unit)
	}
	if d := gs.Next.Momentum - gs.Momentum; d > 0.0005 {
		text += " (" + Delta(d) + " momentum)"
	}
	return text
}

// Plural writes a count with its noun: "1 step", "3 steps".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Credit names a day's credit: "full credit", "60% credit", "no credit".
func Credit(c float64) string {
	if c >= 0.995 {
		return "full credit"
	}
	if c <= 0 {
		return "no credit"
	}
	return fmt.Sprintf("%d%% credit", int(math.Round(c*100)))
}

// StartMoved says where goal g starts now that a step changed or removed
// moved its start from before: back on the start it was given, or on the
// day of its first step.
func StartMoved(g *stride.Goal, before stride.Date) string {
	if g.Start == g.SetStart {
		return fmt.Sprintf("%s starts on %s again, the start it was given.", g.Name, Day(g.Start))
	}
	return fmt.Sprintf("%s now starts on %s, the day of its first step (it started on %s).", g.Name, Day(g.Start), Day(before))
}

// StepOf names a step by what it was: "20 min of walk", "5 pages of the
// novel for book club" (a unit that says "of" itself), or "run" for a
// check goal's step, whose one time needs no saying.
func StepOf(amount float64, unit, goal string) string {
	if unit == "" && amount == 1 {
		return goal
	}
	if strings.Contains(unit, " of ") {
		return Amount(amount, unit) + " for " + goal
	}
	return Amount(amount, unit) + " of " + goal
}
