package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

type logOptions struct {
	goal      string
	words     []string // AMOUNT and NOTE as typed
	date      string
	clock     string
	effort    string
	energy    int
	energySet bool
	learned   string
	requestID string
	json      bool
}

func (a *app) logCmd() *cobra.Command {
	var opts logOptions
	cmd := &cobra.Command{
		Use:   "log GOAL [AMOUNT] [NOTE...]",
		Short: "Log a step, however small",
		Long: `Log a step toward a goal. Every step counts: a partial day earns
partial credit.

AMOUNT is in the goal's unit: 20 (a bare number), "20 min", 1h30m or 1.5h
for a minutes goal, "12 pages" for a pages goal. A check goal needs no
amount: "stride log meditate" logs it done. The rest of the line is a note.`,
		Example: `  stride log walk 20
  stride log walk 1h15m by the river
  stride log read 12 pages --date yesterday
  stride log meditate --time 07:10 calmer than yesterday
  stride log run 5 km --learned "slower at the start, stronger at the end"`,
		Args: cobra.MinimumNArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			opts.goal, opts.words = args[0], args[1:]
			opts.energySet = cmd.Flags().Changed("energy") // 0 given is refused, not dropped
			return a.runLog(cmd.Context(), opts)
		}),
		ValidArgsFunction: a.completeGoals,
	}
	f := cmd.Flags()
	f.StringVar(&opts.date, "date", "", "day of the step (default today): YYYY-MM-DD, -3d, mon...")
	f.StringVar(&opts.clock, "time", "", "time of day, `HH:MM`")
	f.StringVar(&opts.effort, "effort", "", "time spent, such as 25m or 1h")
	f.IntVar(&opts.energy, "energy", 0, "how you felt, 1 (drained) to 5 (full of energy)")
	f.StringVar(&opts.learned, "learned", "", "what the step taught you (shown by stride journal)")
	f.StringVar(&opts.requestID, "request-id", "", "makes retries safe: a repeated `ID` is not logged twice")
	f.BoolVar(&opts.json, "json", false, "print what was logged as JSON")
	return cmd
}

func (a *app) runLog(ctx context.Context, opts logOptions) error {
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	today := a.today()
	g, err := a.findGoal(ctx, svc, opts.goal)
	if err != nil {
		return err
	}
	step := &stride.Step{GoalID: g.ID, RequestID: opts.requestID, Learned: opts.learned}
	step.Amount, step.Note, err = splitAmountNote(opts.words, g)
	if err != nil {
		return err
	}
	if step.Day, err = a.parseDate(opts.date); err != nil {
		return err
	}
	if step.Day > today {
		return usagef("%s is in the future: log steps on today or earlier", words.Day(step.Day))
	}
	if opts.clock != "" {
		m, err := stride.ParseClock(opts.clock)
		if err != nil {
			return err
		}
		step.Time = &m
		if stride.StepLater(step.Day, step.Time, a.now()) {
			return a.clockLater(opts.clock, "leave --time out")
		}
	}
	if opts.effort != "" {
		m, ok := stride.ParseDurationMinutes(opts.effort)
		if !ok || m < 0 {
			return usagef("effort %q is not a duration: use minutes (25), or 90m, 1.5h, 1h30m", opts.effort)
		}
		step.Effort = &m
	}
	if opts.energySet {
		e := opts.energy
		step.Energy = &e
	}
	if err := step.Validate(); err != nil {
		return err
	}

	before, err := svc.Status.GoalStatus(ctx, g.ID, today)
	if err != nil {
		return err
	}
	created, err := svc.Steps.CreateStep(ctx, step)
	if err != nil {
		return err
	}
	after, err := svc.Status.GoalStatus(ctx, g.ID, today)
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSON(a.env.Stdout, created)
	}
	held, found := false, false
	for _, d := range after.Recent { // the last 14 days: no extra query for most steps
		if d.Date == created.Step.Day {
			held, found = d.Held, true
		}
	}
	if !found {
		hist, err := svc.Status.GoalHistory(ctx, g.ID, created.Step.Day, created.Step.Day)
		if err != nil {
			return err
		}
		held = len(hist) == 1 && hist[0].Held
	}
	a.writeLogged(a.env.Stdout, g, created, before, after, held)
	return a.writeWeeklyWins(ctx, svc, g, created, before, after, today)
}

// writeWeeklyWins shows the weekly wins a step earned. Finding them reads
// the goal's whole history (13-16 ms over ten years, docs/BENCHMARKS.md),
// far too slow for every log, so they are looked for only when the step
// brought a weekly target's week to its target: the day weeks in a row on
// pace and a comeback are earned, at most once a week per goal. Best
// weeks, effort weeks and the weeks of daily or monthly targets are left
// to stride wins and the weekly review.
func (a *app) writeWeeklyWins(ctx context.Context, svc *stride.Services, g *stride.Goal, c *stride.StepCreated,
	before, after *stride.GoalStatus, today stride.Date) error {
	if svc.Wins == nil || c.Replayed || g.Direction == stride.AtMost || !crossedTarget(before.Pace, after.Pace, c.Step.Day) {
		return nil
	}
	since := c.Step.Day
	wins, err := svc.Wins.FindWins(ctx, stride.WinFilter{GoalID: &g.ID, Since: &since}, today)
	if err != nil {
		return nil // a celebration that cannot be read is not worth failing a logged step
	}
	for _, w := range wins {
		switch w.Kind {
		case stride.WinBestWeek, stride.WinSteadyWeeks, stride.WinComeback, stride.WinEffortWeek:
			fmt.Fprintln(a.env.Stdout, a.sty.green(hang("  ", winText(w))))
		}
	}
	return nil
}

// crossedTarget says whether a step on day brought a weekly pace from
// below its target to it.
func crossedTarget(before, after stride.Pace, day stride.Date) bool {
	return after.Per == stride.PerWeek && day >= after.From && day <= after.To && before.Target > 0 &&
		before.Done < before.Target && after.Done >= after.Target
}

// splitAmountNote reads the words after the goal: an amount (optional on a
// check goal, where a first word that is not an amount starts the note),
// then the note. "20 min" and "12 pages" may be written as two words.
func splitAmountNote(words []string, g *stride.Goal) (float64, string, error) {
	if len(words) == 0 {
		if g.Unit == "" {
			return 1, "", nil
		}
		return 0, "", usagef("how much? %s counts %s: for example stride log %s %s",
			g.Name, g.Unit, shellQuote(g.Name), exampleAmount(g))
	}
	if len(words) >= 2 && !isNumber(words[1]) {
		v, err := stride.ParseAmount(words[0]+" "+words[1], g.Unit)
		if err == nil {
			return v, strings.Join(words[2:], " "), nil
		}
		if _, numErr := stride.ParseAmount(words[0], g.Unit); numErr == nil && isUnitWord(words[1]) {
			return 0, "", err // "3 km" on a pages goal: a unit that does not fit, not a note
		}
	}
	v, err := stride.ParseAmount(words[0], g.Unit)
	if err != nil {
		if g.Unit == "" && !isNumber(words[0]) {
			return 1, strings.Join(words, " "), nil // a check goal: the words are the note
		}
		if g.Unit == "" { // "0" on a yes/no goal is a mistake, not a note
			return 0, "", usagef("%s is a yes/no goal: a step is done or not, so log it with no amount: stride log %s", g.Name, shellQuote(g.Name))
		}
		return 0, "", err
	}
	return v, strings.Join(words[1:], " "), nil
}

// unitWords are units people write after an amount; a word after the
// amount that is one of them (and not the goal's) is a mistake, not a note.
var unitWords = map[string]bool{
	"min": true, "mins": true, "minute": true, "minutes": true, "m": true, "h": true, "hr": true, "hrs": true,
	"hour": true, "hours": true, "s": true, "sec": true, "secs": true, "seconds": true,
	"km": true, "mi": true, "mile": true, "miles": true, "kg": true, "g": true, "lb": true, "lbs": true,
	"page": true, "pages": true, "word": true, "words": true, "rep": true, "reps": true,
	"cup": true, "cups": true, "glass": true, "glasses": true, "time": true, "times": true, "x": true,
	"steps": true, "l": true, "ml": true, "eur": true, "usd": true, "euro": true, "euros": true,
	"dollars": true, "chapters": true, "chapter": true, "lessons": true, "lesson": true,
}

func isUnitWord(s string) bool { return unitWords[strings.ToLower(s)] }

func isNumber(s string) bool {
	return strings.Trim(s, "0123456789.") == ""
}

// exampleAmount is the amount a suggested command logs: the goal's
// smallest step, or a small share of a day's target, never more than it
// (a first step of 3 km on 0.5 km/day, or 3 cups on at most 2 a day, is
// no small step).
func exampleAmount(g *stride.Goal) string { return stride.FormatNumber(g.SmallestStepAmount()) }

// writeLogged tells what a new step changed.
func (a *app) writeLogged(w io.Writer, g *stride.Goal, c *stride.StepCreated, before, after *stride.GoalStatus, held bool) {
	s := a.sty
	st := c.Step
	what := words.StepOf(st.Amount, g.Unit, g.Name)
	if c.Replayed {
		say(w, "Already logged: %s on %s (step %d, request id %q); nothing new written.\n",
			what, words.Day(st.Day), st.ID, st.RequestID)
		return
	}
	tail := fmt.Sprintf(" on %s (step %d)", words.Day(st.Day), st.ID)
	what = clip(what, lineWidth-width("Logged "+tail)) // a long name gives way, not the line
	fmt.Fprintf(w, "%s %s on %s %s\n", s.green("Logged"), s.bold(what), words.Day(st.Day), s.dim(fmt.Sprintf("(step %d)", st.ID)))
	if held {
		fmt.Fprintln(w, hang("  ", fmt.Sprintf("%s is a rest day for %s: the step is kept, and momentum held steady that day.",
			words.Day(st.Day), g.Name)))
	}
	if st.Day < g.Start { // the store moved the start back to the step: say so, a mistyped year shows
		fmt.Fprintln(w, hang("  ", fmt.Sprintf("%s now starts on %s, the day of this step (it started on %s).",
			g.Name, words.Day(st.Day), words.Day(g.Start))))
	}
	switch g.State {
	case stride.GoalDone, stride.GoalArchived:
		// off the board: say so, kindly, and how to bring it back
		state := "done"
		if g.State == stride.GoalArchived {
			state = "archived"
		}
		fmt.Fprintln(w, s.dim(hang("  ", fmt.Sprintf("%s is %s, so it stays off the board; the step is in its record. To bring it back: stride goal resume %s",
			g.Name, state, shellQuote(g.Name)))))
	}
	fmt.Fprintln(w, s.cyan("  momentum "+words.Moved(before.Momentum, after.Momentum)))
	p := after.Pace
	pace := "  " + words.Pace(p, after.Unit)
	if !(p.Count && p.Per == stride.PerDay) {
		pace += ", " + words.PaceWord(p)
	}
	if p.State == stride.PaceMet || p.State == stride.PaceWithin {
		pace = s.green(pace)
	}
	fmt.Fprintln(w, pace)
	if note := words.PaceShare(p); note != "" {
		fmt.Fprintln(w, s.dim(hang("  ", "("+note+")")))
	}
	if p.State == stride.PaceBehind && p.Remaining > 0 {
		fmt.Fprintf(w, "  %s to go %s; every bit counts.\n", amountOrTimes(words.Share(p, p.Remaining), after.Unit, p.Count), words.PeriodName(p))
	}
	if c.FirstStep && g.Direction != stride.AtMost { // a limit's first entry is no progress (review.GoalWins)
		fmt.Fprintln(w, s.green(hang("  ", words.WinText(&stride.Win{Kind: stride.WinFirstStep, Goal: g.Name}))))
	}
	for _, m := range c.Milestones {
		fmt.Fprintln(w, s.green(fmt.Sprintf("  Milestone reached: %s of %s in total. Well done.", words.Amount(m, g.Unit), g.Name)))
	}
	if c.DoneWhenReached {
		reached := "You reached what you set as done"
		if g.DoneWhenAmount != nil {
			reached = fmt.Sprintf("You reached %s in all: what you set as done", words.Amount(*g.DoneWhenAmount, g.Unit))
		}
		fmt.Fprintf(w, "  %s.\n", s.green(reached))
		if g.DoneWhen != "" {
			fmt.Fprintf(w, "  done when: %s\n", g.DoneWhen)
		}
		fmt.Fprintf(w, "  When it feels complete, finish it with: stride goal done %s\n", shellQuote(g.Name))
	} else if g.DoneWhenMet != nil && g.State != stride.GoalDone {
		fmt.Fprintln(w, hang("  ", words.DoneWhenMetNote(g, "stride goal done "+shellQuote(g.Name))))
	}
}

// amountOrTimes formats a remaining amount, counting days for count targets.
func amountOrTimes(v float64, unit string, count bool) string {
	if count {
		return words.Amount(v, "")
	}
	return words.Amount(v, unit)
}
