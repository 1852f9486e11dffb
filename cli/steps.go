package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

type stepsOptions struct {
	goal         string
	since, until string
	limit        int
	json         bool
}

func (a *app) stepsCmd() *cobra.Command {
	var o stepsOptions
	cmd := &cobra.Command{
		Use:   "steps [GOAL]",
		Short: "List logged steps (the last 14 days unless told otherwise)",
		Long: `List logged steps, oldest first. Without --since, --until or --limit the
table shows the last 14 days; --json then prints every step, for scripts.
--limit N alone shows the N steps logged last.`,
		Example: `  stride steps
  stride steps walk --since -30d
  stride steps --limit 5
  stride steps --json > steps.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.goal = args[0]
			}
			return a.runSteps(cmd.Context(), cmd.Flags(), o)
		}),
		ValidArgsFunction: a.completeGoals,
	}
	f := cmd.Flags()
	f.StringVar(&o.since, "since", "", "first day: YYYY-MM-DD, -30d, monday...")
	f.StringVar(&o.until, "until", "", "last day")
	f.IntVar(&o.limit, "limit", 0, "at most N steps, the newest")
	f.BoolVar(&o.json, "json", false, "print the steps as a JSON array")
	return cmd
}

func (a *app) runSteps(ctx context.Context, flags *pflag.FlagSet, o stepsOptions) error {
	if o.limit < 0 {
		return usagef("--limit %d is negative: give a number of steps, such as 20", o.limit)
	}
	var filter stride.StepFilter
	today := a.today()
	if o.since != "" {
		d, err := a.parseDate(o.since)
		if err != nil {
			return err
		}
		filter.Since = &d
	}
	if o.until != "" {
		d, err := a.parseDate(o.until)
		if err != nil {
			return err
		}
		filter.Until = &d
	}
	if filter.Since != nil && filter.Until != nil && *filter.Until < *filter.Since {
		return usagef("--until %s is before --since %s", *filter.Until, *filter.Since)
	}
	if o.limit > 0 {
		filter.Limit = o.limit
		filter.Latest = filter.Since == nil && filter.Until == nil
	}
	defaulted := false
	if !o.json && !flags.Changed("since") && !flags.Changed("until") && !flags.Changed("limit") {
		d := today.AddDays(-13)
		filter.Since, defaulted = &d, true
	}
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	var g *stride.Goal
	if o.goal != "" {
		if g, err = a.findGoal(ctx, svc, o.goal); err != nil {
			return err
		}
		filter.GoalID = &g.ID
	}
	steps, err := svc.Steps.FindSteps(ctx, filter)
	if err != nil {
		return err
	}
	if filter.Latest { // newest first from the store; show them in time order
		slices.Reverse(steps)
	}
	if o.json {
		if steps == nil {
			steps = []*stride.Step{}
		}
		return writeJSON(a.env.Stdout, steps)
	}
	if len(steps) == 0 {
		if defaulted {
			fmt.Fprintln(a.env.Stderr, "No steps in the last 14 days. Older ones: stride steps --since 2020-01-01")
		} else {
			fmt.Fprintln(a.env.Stderr, "No steps match.")
		}
		return nil
	}
	a.writeSteps(a.env.Stdout, steps, g == nil)
	if defaulted {
		fmt.Fprintln(a.env.Stderr, a.sty.dim("The last 14 days; older ones with --since DATE or --limit N."))
	}
	return nil
}

// writeSteps prints steps as a table within 80 columns.
func (a *app) writeSteps(w io.Writer, steps []*stride.Step, withGoal bool) {
	goalW := 0
	if withGoal {
		for _, s := range steps {
			goalW = max(goalW, width(s.Goal))
		}
		goalW = min(max(goalW, 4), 14)
	}
	idW := len(fmt.Sprint(steps[len(steps)-1].ID))
	for _, s := range steps {
		idW = max(idW, len(fmt.Sprint(s.ID)))
	}
	amountW := 6
	for _, s := range steps {
		amountW = max(amountW, width(words.Amount(s.Amount, s.Unit)))
	}
	amountW = min(amountW, 14)
	for _, s := range steps {
		clock := "     "
		if s.Time != nil {
			clock = stride.FormatClock(*s.Time)
		}
		line := fmt.Sprintf("%*d  %s %s  ", idW, s.ID, words.Day(s.Day), clock)
		if withGoal {
			line += pad(clip(s.Goal, goalW), goalW) + "  "
		}
		line += pad(clip(words.Amount(s.Amount, s.Unit), amountW), amountW)
		note := strings.Join(strings.Fields(s.Note), " ")
		if note != "" {
			line += "  " + clip(note, max(10, lineWidth-width(line)-2))
		}
		fmt.Fprintln(w, strings.TrimRight(a.sty.dim(fmt.Sprintf("%*d", idW, s.ID))+line[idW:], " "))
		if s.Learned != "" {
			fmt.Fprintln(w, a.sty.cyan(clip(strings.Repeat(" ", idW+2)+"learned: "+oneLine(s.Learned), lineWidth)))
		}
	}
}

// clockLater refuses --time given as clock, a time of day still to come
// today; or names the other way out ("leave --time out").
func (a *app) clockLater(clock, or string) error {
	now := a.now()
	return usagef("--time %s is later than now (%s): a step records what was done, so give a time up to %s, or %s",
		strings.TrimSpace(clock), a.nowWords(now), stride.FormatClock(stride.ClockOf(now)), or)
}

// nowWords names the moment now in the zone days are reckoned in: "18:05
// on Sat 2026-11-21, Europe/Paris", so that a TZ or an account's zone
// other than the one expected shows.
func (a *app) nowWords(now time.Time) string {
	s := stride.FormatClock(stride.ClockOf(now)) + " on " + words.Day(stride.DateOf(now))
	if z := now.Location().String(); z != "Local" {
		s += ", " + z
	}
	return s
}

// checkEditLater refuses an edit that would leave step s later than now:
// a new time still to come today, or a move to today of a step whose
// time of day has not come yet.
func (a *app) checkEditLater(s *stride.Step, upd stride.StepUpdate) error {
	day, clock := s.Day, s.Time
	if upd.Day != nil {
		day = *upd.Day
	}
	if upd.Time != nil {
		clock = *upd.Time
	}
	if !stride.StepLater(day, clock, a.now()) {
		return nil
	}
	if upd.Time != nil {
		return a.clockLater(stride.FormatClock(*clock), `--time "" to leave the time out`)
	}
	now := a.now()
	return usagef(`step %d is at %s, later than now (%s): to move it to today, give --time too, up to %s, or --time "" to leave the time out`,
		s.ID, stride.FormatClock(*clock), a.nowWords(now), stride.FormatClock(stride.ClockOf(now)))
}

type stepEditOptions struct {
	amount, date, clock, note, effort, learned string
	energy                                     int
}

func (a *app) stepCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "step",
		Short: "Change or remove one step by its id",
		Args:  cobra.NoArgs,
	}
	var o stepEditOptions
	edit := &cobra.Command{
		Use:     "edit ID [flags]",
		Short:   "Change a step: amount, date, time, note, learned, effort or energy",
		Example: "  stride step edit 42 --amount 25 --note \"with Sam\"\n  stride step edit 42 --date yesterday",
		Args:    cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			return a.runStepEdit(cmd.Context(), cmd.Flags(), args[0], o)
		}),
	}
	f := edit.Flags()
	f.StringVar(&o.amount, "amount", "", "new amount, in the goal's unit")
	f.StringVar(&o.date, "date", "", "new day: YYYY-MM-DD, yesterday, -3d...")
	f.StringVar(&o.clock, "time", "", "new time of day, `HH:MM` (\"\" clears it)")
	f.StringVar(&o.note, "note", "", "new note")
	f.StringVar(&o.learned, "learned", "", `what the step taught you ("" clears it)`)
	f.StringVar(&o.effort, "effort", "", `time spent, such as 25m ("" clears it)`)
	f.IntVar(&o.energy, "energy", 0, "how you felt, 1 to 5 (0 clears it)")
	del := &cobra.Command{
		Use:     "delete ID",
		Aliases: []string{"rm"},
		Short:   "Remove a step",
		Args:    cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			ctx, svc, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			s, err := svc.Steps.FindStepByID(ctx, id)
			if err != nil {
				return stepNotFound(err, id)
			}
			start := a.goalStart(ctx, svc, s.GoalID)
			if err := svc.Steps.DeleteStep(ctx, id); err != nil {
				return err
			}
			say(a.env.Stdout, "Removed step %d: %s on %s.\n", s.ID, words.StepOf(s.Amount, s.Unit, s.Goal), words.Day(s.Day))
			if s.Day == start {
				a.sayStartMoved(ctx, svc, s.GoalID, start)
			}
			return nil
		}),
	}
	cmd.AddCommand(edit, del)
	return cmd
}

// goalStart returns the start of goal id, or 0 when it cannot be read: a
// step written on that day may move it (docs/momentum.md).
func (a *app) goalStart(ctx context.Context, svc *stride.Services, id int64) stride.Date {
	g, err := svc.Goals.FindGoalByID(ctx, id)
	if err != nil {
		return 0
	}
	return g.Start
}

// sayStartMoved says where goal id's start is, when a step changed or
// removed moved it from before: back on the start it was given, or on the
// day of its first step. A goal that cannot be read says nothing: the
// step's change is done.
func (a *app) sayStartMoved(ctx context.Context, svc *stride.Services, id int64, before stride.Date) {
	g, err := svc.Goals.FindGoalByID(ctx, id)
	if err != nil || g.Start == before {
		return
	}
	fmt.Fprintln(a.env.Stdout, hang("  ", words.StartMoved(g, before)))
}

func stepNotFound(err error, id int64) error {
	if stride.ErrorCode(err) == stride.ENOTFOUND {
		return stride.Errorf(stride.ENOTFOUND, "no step with id %d: find the ids with: stride steps", id)
	}
	return err
}

func (a *app) runStepEdit(ctx context.Context, f *pflag.FlagSet, arg string, o stepEditOptions) error {
	id, err := parseID(arg)
	if err != nil {
		return err
	}
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	s, err := svc.Steps.FindStepByID(ctx, id)
	if err != nil {
		return stepNotFound(err, id)
	}
	var upd stride.StepUpdate
	if f.Changed("amount") {
		v, err := stride.ParseAmount(o.amount, s.Unit)
		if err != nil {
			return err
		}
		upd.Amount = &v
	}
	if f.Changed("date") {
		d, err := a.parseDate(o.date)
		if err != nil {
			return err
		}
		if d > a.today() {
			return usagef("%s is in the future: steps belong to today or earlier", words.Day(d))
		}
		upd.Day = &d
	}
	if f.Changed("time") {
		var t *int
		if strings.TrimSpace(o.clock) != "" {
			m, err := stride.ParseClock(o.clock)
			if err != nil {
				return err
			}
			t = &m
		}
		upd.Time = &t
	}
	if err := a.checkEditLater(s, upd); err != nil {
		return err
	}
	if f.Changed("note") {
		upd.Note = &o.note
	}
	if f.Changed("learned") {
		upd.Learned = &o.learned
	}
	if f.Changed("effort") {
		var e *float64
		if strings.TrimSpace(o.effort) != "" {
			m, ok := stride.ParseDurationMinutes(o.effort)
			if !ok || m < 0 {
				return usagef("effort %q is not a duration: use minutes (25), or 90m, 1.5h, 1h30m", o.effort)
			}
			e = &m
		}
		upd.Effort = &e
	}
	if f.Changed("energy") {
		var e *int
		if o.energy != 0 {
			if o.energy < 1 || o.energy > 5 {
				return usagef("energy %d is out of range: use 1 (drained) to 5 (full of energy), or 0 to clear it", o.energy)
			}
			e = &o.energy
		}
		upd.Energy = &e
	}
	if upd == (stride.StepUpdate{}) {
		return usagef("nothing to change: give --amount, --date, --time, --note, --learned, --effort or --energy")
	}
	var start stride.Date
	if upd.Day != nil && *upd.Day != s.Day {
		start = a.goalStart(ctx, svc, s.GoalID)
	}
	s, err = svc.Steps.UpdateStep(ctx, id, upd)
	if err != nil {
		return err
	}
	say(a.env.Stdout, "Updated step %d: %s on %s.\n", s.ID, words.StepOf(s.Amount, s.Unit, s.Goal), words.Day(s.Day))
	if start != 0 {
		a.sayStartMoved(ctx, svc, s.GoalID, start)
	}
	return nil
}

func (a *app) undoCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "undo",
		Short: "Remove the step logged last",
		Long: `Remove the step logged last (the newest by id). On a terminal stride shows
it and asks first unless --yes; in a script it removes it and prints it.`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error {
			ctx, svc, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			last, err := svc.Steps.FindSteps(ctx, stride.StepFilter{Latest: true, Limit: 1})
			if err != nil {
				return err
			}
			if len(last) == 0 {
				return stride.Errorf(stride.ECONFLICT, "nothing to undo: no steps are logged yet")
			}
			s := last[0]
			what := fmt.Sprintf("step %d: %s on %s", s.ID, words.StepOf(s.Amount, s.Unit, s.Goal), words.Day(s.Day))
			if s.Note != "" {
				what += fmt.Sprintf(" (%q)", clip(s.Note, 30))
			}
			if !yes && a.env.StdinTTY {
				ok, err := a.confirm("Remove " + what + "?")
				if err != nil || !ok {
					if err == nil {
						fmt.Fprintln(a.env.Stderr, "Nothing removed.")
					}
					return err
				}
			}
			start := a.goalStart(ctx, svc, s.GoalID)
			if err := svc.Steps.DeleteStep(ctx, s.ID); err != nil {
				return err
			}
			say(a.env.Stdout, "Removed %s.", what)
			if s.Day == start { // undoing a step logged before the start undoes the move
				a.sayStartMoved(ctx, svc, s.GoalID, start)
			}
			return nil
		}),
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "remove without asking")
	return cmd
}
