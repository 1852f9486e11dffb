package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
	"github.com/strideapp/stride/words"
)

const (
	heatWeeks  = 26 // columns of the calendar heatmap
	tableWeeks = 10 // rows of the weekly totals
)

func (a *app) showCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show GOAL",
		Short: "Show a goal: 26-week calendar, momentum trend, weekly totals",
		Long: `Show a goal's record: a calendar of the last 26 weeks shaded by credit,
the trend of its momentum, the totals of the last weeks against the target
(a target change shows where it took effect), and its milestones.`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			return a.runShow(cmd.Context(), args[0], asJSON)
		}),
		ValidArgsFunction: a.completeGoals,
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the goal, its status and its days as JSON")
	return cmd
}

func (a *app) runShow(ctx context.Context, name string, asJSON bool) error {
	ctx, svc, g, err := a.openGoal(ctx, name)
	if err != nil {
		return err
	}
	today := a.today()
	st, err := svc.Status.GoalStatus(ctx, g.ID, today)
	if err != nil {
		return err
	}
	from := today.StartOfWeek(a.weekStart()).AddDays(-7 * (heatWeeks - 1))
	days, err := svc.Status.GoalHistory(ctx, g.ID, max(from, g.Start), today)
	if err != nil {
		return err
	}
	far, err := a.howFar(ctx, svc, g, today)
	if err != nil {
		return err
	}
	parent, subs, err := family(ctx, svc, g, today)
	if err != nil {
		return err
	}
	if asJSON {
		if days == nil {
			days = []stride.Day{}
		}
		return writeJSON(a.env.Stdout, struct {
			Goal   *stride.Goal       `json:"goal"`
			Status *stride.GoalStatus `json:"status"`
			Days   []stride.Day       `json:"days"`
			HowFar *stride.HowFar     `json:"how_far,omitempty"`
			// SubGoals are the statuses of the goal's sub-goals.
			SubGoals []*stride.GoalStatus `json:"sub_goals,omitempty"`
		}{g, st, days, far, subs})
	}
	byDate := make(map[stride.Date]stride.Day, len(days))
	for _, d := range days {
		byDate[d.Date] = d
	}
	w := a.env.Stdout
	a.writeGoalHeader(w, g, st, parent, today)
	fmt.Fprintln(w)
	a.writeSubGoals(w, subs, today)
	a.writeHeatmap(w, g, byDate, from, today)
	fmt.Fprintln(w)
	a.writeTrend(w, g, byDate, from, today)
	fmt.Fprintln(w)
	a.writeWeeks(w, g, days, today)
	a.writeMilestones(w, g)
	a.writeHowFar(w, g, far)
	return nil
}

// howFar compares the goal's first four weeks with its last four, or
// returns nil before eight weeks of record (or from a store without it).
func (a *app) howFar(ctx context.Context, svc *stride.Services, g *stride.Goal, today stride.Date) (*stride.HowFar, error) {
	if svc.Reviews == nil {
		return nil, nil
	}
	far, err := svc.Reviews.HowFarGoal(ctx, g.ID, today)
	if stride.ErrorCode(err) == stride.ENOTFOUND {
		return nil, nil
	}
	return far, err
}

// writeHowFar prints how far the goal has come, or says kindly when it
// will show.
func (a *app) writeHowFar(w io.Writer, g *stride.Goal, far *stride.HowFar) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, a.sty.dim("how far you've come"))
	if far == nil {
		fmt.Fprintln(w, hang("  ", "After eight weeks of record, this compares your first four weeks with your latest four."))
		return
	}
	unit := g.Unit
	if unit == "" {
		unit = "days"
	}
	fmt.Fprintln(w, hang("  ", words.FarLine(far, unit)))
}

func (a *app) writeGoalHeader(w io.Writer, g *stride.Goal, st *stride.GoalStatus, parent *stride.Goal, today stride.Date) {
	s := a.sty
	state := ""
	if g.StateOn(today) != stride.GoalActive {
		state = " (" + string(g.StateOn(today)) + ")"
	}
	tail := fmt.Sprintf("%s · %s · since %s", state, words.Target(g, g.Target), words.Day(g.Start))
	fmt.Fprintf(w, "%s%s\n", s.bold(clip(g.Name, max(lineWidth-width(tail), 12))), tail)
	if parent != nil {
		fmt.Fprintln(w, clip("part of "+parent.Name, lineWidth))
	}
	if g.Why != "" {
		fmt.Fprintf(w, "%s\n", clip("why: "+g.Why, lineWidth))
	}
	if len(g.Targets) > 1 {
		var ts []string
		for _, t := range g.Targets {
			ts = append(ts, words.Target(g, t)+" from "+t.From.String())
		}
		fmt.Fprintln(w, wrap("targets: "+strings.Join(ts, ", "), "  ", lineWidth))
	}
	if coming := words.TargetsToCome(g, today); coming != "" {
		fmt.Fprintln(w, wrap("still to come: "+coming, "  ", lineWidth))
	}
	line := fmt.Sprintf("momentum %s %s · %s, %s", s.cyan(bar(st.Momentum, 10)), words.Pct(st.Momentum),
		words.Pace(st.Pace, st.Unit), words.PaceWord(st.Pace))
	fmt.Fprintln(w, line)
	if note := words.PaceShare(st.Pace); note != "" {
		fmt.Fprintln(w, s.dim(hang("", "("+note+")")))
	}
	if g.Unit != "" {
		fmt.Fprintf(w, "total %s", words.Amount(g.Total, g.Unit))
	} else {
		fmt.Fprintf(w, "total %s", words.Amount(g.Total, ""))
	}
	if g.DoneWhen != "" {
		fmt.Fprintf(w, " · done when: %s", clip(g.DoneWhen, 40))
	}
	if g.DoneWhenAmount != nil {
		fmt.Fprintf(w, " · done at %s", words.Amount(*g.DoneWhenAmount, g.Unit))
	}
	fmt.Fprintln(w)
	switch {
	case g.FinishedOn != nil && g.State == stride.GoalDone:
		fmt.Fprintln(w, s.green("✓ finished on "+words.Day(*g.FinishedOn)))
	case g.DoneWhenMet != nil && g.State != stride.GoalDone:
		fmt.Fprintln(w, s.green("✓ done-when met on "+words.Day(*g.DoneWhenMet)))
		fmt.Fprintln(w, "  When it feels complete, finish it: stride goal done "+shellQuote(g.Name))
	}
	if st.Pace.State == stride.PaceBehind {
		fmt.Fprintln(w, s.yellow(clip("next: "+words.Next(st), lineWidth)))
	}
}

// shades are the heatmap's cells by words.Shade: ·░▒▓█.
var shades = [...]string{"··", "░░", "▒▒", "▓▓", "██"}

// shade draws a day's cell of the heatmap: its credit's shade, or a rest day.
func shade(d stride.Day, ok bool) string {
	switch {
	case !ok:
		return "  "
	case d.Held: // with or without a step: a rest day has no credit
		return "--"
	}
	return shades[words.Shade(d.Credit)]
}

// heatKey is the one line under the heatmap that says what its cells
// mean, in the web app's words (words.HeatKey); 80 columns for a limit too.
func heatKey(g *stride.Goal) string {
	_, entries := words.HeatKey(g)
	parts := make([]string, len(entries))
	for i, e := range entries {
		var cells strings.Builder
		if e.Rest {
			cells.WriteString("--")
		}
		for _, s := range e.Shades {
			cells.WriteString(shades[s])
		}
		parts[i] = cells.String() + " " + e.Label
	}
	return "    " + strings.Join(parts, "  ")
}

// writeHeatmap draws 7 rows (the days of the week) by 26 columns (weeks).
func (a *app) writeHeatmap(w io.Writer, g *stride.Goal, byDate map[stride.Date]stride.Day, from, today stride.Date) {
	// month names above the week where a month begins
	label := []byte(strings.Repeat(" ", 4+2*heatWeeks+3))
	next := 0
	for c := range heatWeeks {
		wk := from.AddDays(7 * c)
		for i := range 7 {
			d := wk.AddDays(i)
			if d.Day() == 1 || c == 0 && i == 0 && from.AddDays(14).Month() == from.Month() {
				pos := 4 + 2*c
				if pos >= next {
					copy(label[pos:], d.Month().String()[:3])
					next = pos + 4
				}
				break
			}
		}
	}
	fmt.Fprintln(w, a.sty.dim(strings.TrimRight(string(label), " ")))
	for r := range 7 {
		wd := time.Weekday((int(a.weekStart()) + r) % 7)
		var b strings.Builder
		b.WriteString(wd.String()[:3] + " ")
		for c := range heatWeeks {
			d := from.AddDays(7*c + r)
			day, ok := byDate[d]
			if d > today || d < g.Start || day.Untracked { // nothing asked of it
				ok = false
			}
			b.WriteString(shade(day, ok))
		}
		fmt.Fprintln(w, a.sty.green(strings.TrimRight(b.String(), " ")))
	}
	fmt.Fprintln(w, a.sty.dim(heatKey(g)))
}

// writeTrend draws the momentum at the end of each of the 26 weeks.
func (a *app) writeTrend(w io.Writer, g *stride.Goal, byDate map[stride.Date]stride.Day, from, today stride.Date) {
	var b strings.Builder
	first, last := -1.0, 0.0
	for c := range heatWeeks {
		end := min(from.AddDays(7*c+6), today)
		d, ok := byDate[end]
		if !ok || end < g.Start {
			b.WriteRune(' ')
			continue
		}
		if first < 0 {
			first = d.Momentum
		}
		last = d.Momentum
		b.WriteRune(level(d.Momentum))
	}
	if first < 0 {
		first = 0
	}
	fmt.Fprintf(w, "momentum by week  %4s %s %s\n", words.Pct(first), a.sty.cyan(b.String()), words.Pct(last))
}

// writeWeeks prints the totals of the last weeks against what the target
// asked of each (the weekly review's aim: a rest day lowers it), marking
// the week a new target began. A limit says so: its column is the limit,
// and a week of a limit judged day by day notes the days that went over.
func (a *app) writeWeeks(w io.Writer, g *stride.Goal, days []stride.Day, today stride.Date) {
	s := a.sty
	limit := g.Direction == stride.AtMost
	format, aimWidth := "%s %2d  %9s  %9s  %s %4s", 9
	if limit {
		heading := "week of    logged  limit/week"
		if momentum.ByLongWindow(g.Target) {
			heading = "week of    logged" // kept day by day: a week has no share of it
		}
		fmt.Fprintln(w, s.dim(heading))
		format, aimWidth = "%s %2d  %9s  %10s  %s %4s", 10
	} else {
		fmt.Fprintln(w, s.dim("week of       done   aim/week"))
	}
	weeks := momentum.Weeks(g, days, a.weekStart(), today, tableWeeks)
	var prev string
	for i, wk := range weeks {
		t := wk.Target
		unit := g.Unit
		if t.Count {
			unit = ""
		}
		rate := words.Target(g, t)
		var notes []string
		switch {
		case i == len(weeks)-1 && wk.Start == today.StartOfWeek(a.weekStart()):
			notes = append(notes, "so far")
		}
		switch {
		case prev == "":
			notes = append(notes, rate)
		case rate != prev:
			notes = append(notes, "new target "+rate)
		}
		prev = rate
		share, pct := 0.0, "   -"
		if wk.Aim > 0 {
			share = wk.Done / wk.Aim
			pct = words.Pct(share)
		} else {
			notes = append(notes, "rest all week")
		}
		aim := words.Amount(words.RoundShare(wk.Aim), unit)
		switch {
		case limit && momentum.ByLongWindow(t):
			// Kept by its rolling window, not by a week's share of it:
			// the days say how the week went.
			aim, share, pct = "", 0, ""
			if wk.Over > 0 {
				notes = append(notes, words.Plural(wk.Over, "day")+" over")
			} else if wk.Days > 0 {
				notes = append(notes, "within the limit")
			}
		case limit && momentum.ByDay(t) && wk.Over > 0:
			notes = append(notes, words.Plural(wk.Over, "day")+" over")
		case limit && !momentum.ByDay(t) && share > 1:
			notes = append(notes, "over the limit")
		}
		cells := min(share, 1)
		if share < 1 {
			cells = min(share, 0.94) // a full bar is a week met, not one nearly met
		}
		drawn := s.cyan(bar(cells, 10))
		if aim == "" {
			drawn = ""
		}
		line := strings.TrimRight(fmt.Sprintf(format, wk.Start.Month().String()[:3], wk.Start.Day(), clip(words.Amount(wk.Done, unit), 9),
			clip(aim, aimWidth), drawn, pct), " ")
		if note := strings.Join(notes, "; "); note != "" {
			line += "  " + s.dim(clip(note, lineWidth-width(line)-2))
		}
		fmt.Fprintln(w, line)
	}
}

func (a *app) writeMilestones(w io.Writer, g *stride.Goal) {
	if len(g.Milestones) == 0 && g.DoneWhenAmount == nil {
		return
	}
	s := a.sty
	fmt.Fprintln(w)
	fmt.Fprintln(w, s.dim("milestones"))
	for _, m := range g.Milestones {
		amt := words.Amount(m.Amount, g.Unit)
		if m.Reached != nil {
			fmt.Fprintf(w, "  %s %-12s reached %s\n", s.green("✓"), amt, words.Day(*m.Reached))
		} else {
			fmt.Fprintf(w, "    %-12s %s to go\n", amt, words.Amount(m.Amount-g.Total, g.Unit))
		}
	}
	if g.DoneWhenAmount != nil {
		if g.Total >= *g.DoneWhenAmount && g.DoneWhenMet != nil && g.State != stride.GoalDone { // the header suggests finishing
			fmt.Fprintf(w, "  %s %-12s done-when reached\n", s.green("✓"), words.Amount(*g.DoneWhenAmount, g.Unit))
		} else if g.Total >= *g.DoneWhenAmount {
			fmt.Fprintf(w, "  %s %-12s done-when reached: finish with stride goal done %s\n", s.green("✓"),
				words.Amount(*g.DoneWhenAmount, g.Unit), shellQuote(g.Name))
		} else {
			fmt.Fprintf(w, "    %-12s done when reached, %s to go\n", words.Amount(*g.DoneWhenAmount, g.Unit),
				words.Amount(*g.DoneWhenAmount-g.Total, g.Unit))
		}
	}
}
