package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
)

const whyDays = 14 // the recent days why explains

func (a *app) whyCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "why GOAL",
		Short: "Explain in words how today's momentum came about",
		Long: `Explain a goal's momentum: today against yesterday and a week ago, the
recent days that moved it most and why, how the rolling window and the
half-life work for its target, and what the smallest step would add today.`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			return a.runWhy(cmd.Context(), args[0])
		}),
		ValidArgsFunction: a.completeGoals,
	}
}

// move is one recent day and what it did to momentum.
type move struct {
	day    stride.Day
	change float64
	window float64 // the rolling window's sum (days with a step for counts)
	target stride.Target
}

func (a *app) runWhy(ctx context.Context, name string) error {
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	g, err := a.findGoal(ctx, svc, name)
	if err != nil {
		return err
	}
	today := a.today()
	st, err := svc.Status.GoalStatus(ctx, g.ID, today)
	if err != nil {
		return err
	}
	longest := 1
	for _, t := range g.Targets {
		longest = max(longest, t.Days())
	}
	// enough days before the last 14 to rebuild each day's rolling window
	from := max(g.Start, today.AddDays(-whyDays-2*longest-31))
	days, err := svc.Status.GoalHistory(ctx, g.ID, from, today)
	if err != nil {
		return err
	}
	a.writeWhy(a.env.Stdout, g, st, days, today)
	return nil
}

func (a *app) writeWhy(w io.Writer, g *stride.Goal, st *stride.GoalStatus, days []stride.Day, today stride.Date) {
	s := a.sty
	at := func(d stride.Date) (stride.Day, bool) {
		if len(days) == 0 {
			return stride.Day{}, false
		}
		if i := int(d - days[0].Date); i < 0 || i >= len(days) || days[i].Date != d {
			for _, x := range days {
				if x.Date == d {
					return x, true
				}
			}
			return stride.Day{}, false
		}
		return days[int(d-days[0].Date)], true
	}
	fmt.Fprintf(w, "%s: momentum %s today\n", s.bold(g.Name), s.cyan(pct(st.Momentum)))
	var then []string
	if d, ok := at(today - 1); ok {
		then = append(then, fmt.Sprintf("yesterday %s", pct(d.Momentum)))
	}
	weekAgo, hasWeek := at(today - 7)
	if hasWeek {
		then = append(then, fmt.Sprintf("a week ago %s", pct(weekAgo.Momentum)))
	}
	if len(then) > 0 {
		line := "  " + strings.Join(then, ", ")
		if hasWeek {
			switch d := st.Momentum - weekAgo.Momentum; {
			case d > 0.0005:
				line += fmt.Sprintf(": up %s over the week", strings.TrimPrefix(delta(d), "+"))
			case d < -0.0005:
				line += fmt.Sprintf(": eased down %s over the week", strings.TrimPrefix(delta(d), "−"))
			default:
				line += ": steady over the week"
			}
		}
		fmt.Fprintln(w, line)
	} else {
		fmt.Fprintf(w, "  %s started on %s: momentum builds from 0 with every step.\n", g.Name, day(g.Start))
	}

	// what each recent day did
	var moves []move
	var rests []stride.Date
	for i, d := range days {
		if d.Date <= today-whyDays || i == 0 && d.Date > g.Start {
			continue
		}
		if d.Held {
			rests = append(rests, d.Date)
			continue
		}
		prev := 0.0
		if i > 0 {
			prev = days[i-1].Momentum
		}
		t := g.TargetOn(d.Date)
		moves = append(moves, move{day: d, change: d.Momentum - prev, window: windowSum(days[:i+1], t), target: t})
	}
	up := topMoves(moves, func(m move) bool { return m.change > 0.0005 }, func(x, y move) bool { return x.change > y.change })
	down := topMoves(moves, func(m move) bool { return m.change < -0.0005 }, func(x, y move) bool { return x.change < y.change })
	if len(up) > 0 {
		fmt.Fprintf(w, "\n%s\n", s.dim("What lifted it most in the last 14 days:"))
		for _, m := range up {
			fmt.Fprintln(w, clip("  "+a.explain(g, m), lineWidth))
		}
	}
	if len(down) > 0 {
		fmt.Fprintf(w, "\n%s\n", s.dim("What eased it down:"))
		for _, m := range down {
			fmt.Fprintln(w, clip("  "+a.explain(g, m), lineWidth))
		}
	}
	if len(rests) > 0 {
		var ds []string
		for _, d := range rests {
			ds = append(ds, shortDay(d))
		}
		fmt.Fprintf(w, "\n%s\n", wrap("Rest days, held steady: "+strings.Join(ds, ", ")+".", "", lineWidth))
	}
	if len(up) == 0 && len(down) == 0 && len(rests) == 0 {
		fmt.Fprintf(w, "\nNo changes to explain in the last 14 days yet.\n")
	}

	// how the score works for this target
	t := g.Target
	n := t.Days()
	hl := momentum.HalfLife(n)
	step := (1 - momentum.Retention(n)) * 100
	var window string
	switch {
	case n == 1:
		window = "each day is measured against the day's target"
	case t.Count:
		window = fmt.Sprintf("each day looks back over the last %d days and counts the days with a step", n)
	default:
		window = fmt.Sprintf("each day looks back over the last %d days and sums them", n)
	}
	fmt.Fprintf(w, "\n%s\n", wrap(fmt.Sprintf(
		"How it works for %s: %s (rest days do not count against it). "+
			"That gives a credit from 0 to full, and momentum moves %.1f%% of the way toward it each day. "+
			"Its half-life is %s days: after a gap that long, half of it is still there. "+
			"A gap eases it down gently; it never drops to zero because of one day.",
		describeTarget(g, t), window, step, stride.FormatNumber(hl)), "", lineWidth))

	// what today could add
	fmt.Fprintln(w)
	switch p := st.Pace; {
	case p.State == stride.PaceResting:
		fmt.Fprintln(w, "Today is a rest day: momentum holds steady. Enjoy it.")
	case g.Direction == stride.AtMost:
		fmt.Fprintln(w, wrap(fmt.Sprintf("Today: %s of %s so far %s. Staying within the limit keeps the credit full.",
			stride.FormatNumber(p.Done), amountOf(p.Target, st.Unit), periodName(p)), "", lineWidth))
	case p.State == stride.PaceMet:
		fmt.Fprintln(w, wrap(fmt.Sprintf("The target %s is met. Anything more still counts; rest counts too.", periodName(p)), "", lineWidth))
	default:
		next := nextText(st)
		fmt.Fprintln(w, s.yellow(wrap("Today: "+next+".", "", lineWidth)))
	}
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

func topMoves(ms []move, keep func(move) bool, better func(x, y move) bool) []move {
	var out []move
	for _, m := range ms {
		if keep(m) {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return better(out[i], out[j]) })
	if len(out) > 3 {
		out = out[:3]
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].day.Date < out[j].day.Date })
	return out
}

// explain says in words what one day did: "Tue 18: 45 of 30 min → full
// credit, +3%", "Thu 20: a gap, −5%".
func (a *app) explain(g *stride.Goal, m move) string {
	d, t := m.day, m.target
	unit := g.Unit
	head := shortDay(d.Date) + ": "
	credit := creditWord(d.Credit)
	change := delta(m.change)
	of := func(v float64) string {
		if t.Count {
			return fmt.Sprintf("%s of %s days", stride.FormatNumber(v), stride.FormatNumber(t.Amount))
		}
		return fmt.Sprintf("%s of %s", stride.FormatNumber(v), amountOf(t.Amount, unit))
	}
	span := fmt.Sprintf("in the last %d days", t.Days())
	if t.Count {
		span = fmt.Sprintf("in the last %d", t.Days())
	}
	if g.Direction == stride.AtMost {
		what := "none"
		if d.Amount > 0 {
			what = amountOf(d.Amount, unit)
		}
		limit := "within the limit of " + amountOf(t.Amount, unit)
		if m.window > t.Amount {
			limit = "over the limit of " + amountOf(t.Amount, unit)
		}
		if t.Days() > 1 {
			limit = fmt.Sprintf("%s in %d days, %s", amountOf(m.window, unit), t.Days(), limit)
		}
		return fmt.Sprintf("%s%s, %s → %s, %s", head, what, limit, credit, change)
	}
	if d.Amount <= 0 {
		if t.Days() == 1 {
			return head + "a gap, " + change
		}
		what := "a gap;"
		if m.change > 0 {
			what = "no step, but" // the window still holds enough
		}
		return fmt.Sprintf("%s%s %s %s → %s, %s", head, what, of(m.window), span, credit, change)
	}
	if t.Days() == 1 {
		if t.Count {
			return fmt.Sprintf("%sdone → %s, %s", head, credit, change)
		}
		return fmt.Sprintf("%s%s → %s, %s", head, of(d.Amount), credit, change)
	}
	what := "done"
	if !t.Count {
		what = amountOf(d.Amount, unit)
	}
	return fmt.Sprintf("%s%s; %s %s → %s, %s", head, what, of(m.window), span, credit, change)
}

func creditWord(c float64) string {
	if c >= 0.995 {
		return "full credit"
	}
	if c <= 0 {
		return "no credit"
	}
	return fmt.Sprintf("%d%% credit", int(math.Round(c*100)))
}

// wrap breaks text into lines of at most n cells, each after the first
// starting with indent. ANSI codes are counted, so colour only whole lines.
func wrap(text, indent string, n int) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(text) {
		wl := width(word)
		if i > 0 && col+1+wl > n {
			b.WriteString("\n" + indent)
			col = width(indent)
		} else if i > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += wl
	}
	return b.String()
}
