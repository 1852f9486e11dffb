package cli

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

func (a *app) goalCmd() *cobra.Command {
	var o goalListOptions
	cmd := &cobra.Command{
		Use:   "goal",
		Short: "Add, list, change, pause and finish goals",
		Args:  cobra.NoArgs,
		// on its own, goal lists the goals, with list's flags
		RunE: a.run(func(cmd *cobra.Command, _ []string) error { return a.runGoalList(cmd.Context(), o) }),
	}
	o.flags(cmd.Flags())
	cmd.AddCommand(
		a.goalAddCmd(), a.goalListCmd(), a.goalShowCmd(), a.goalEditCmd(),
		a.goalMetCmd(), a.goalPauseCmd(), a.goalResumeCmd(), a.goalDoneCmd(), a.goalArchiveCmd(), a.goalDeleteCmd(),
	)
	return cmd
}

// goalFields are the flags add and edit share.
type goalFields struct {
	name, why, doneWhen, doneWhenAmount, smallest, parent, start, target, from, unit string
	milestones                                                                       []string
}

func (o *goalFields) flags(f *pflag.FlagSet, edit bool) {
	f.StringVar(&o.target, "target", "", "`RATE` to aim for: \"30 min/day\", \"3 times/week\", \"1 time/2 days\", \"at most 2 cups/day\"")
	f.StringVar(&o.why, "why", "", "why this goal matters to you")
	f.StringVar(&o.doneWhen, "done-when", "", "what complete looks like, in words")
	f.StringVar(&o.doneWhenAmount, "done-when-amount", "", "a total that means done, such as 400")
	f.StringVar(&o.smallest, "smallest-step", "", "the two-minute version, such as \"walk 5 min\"")
	f.StringVar(&o.parent, "parent", "", "a bigger `GOAL` this one is part of")
	f.StringArrayVar(&o.milestones, "milestone", nil, "a total worth celebrating (repeat for more)")
	f.StringVar(&o.start, "start", "", "first day counted (default today)")
	if edit {
		f.StringVar(&o.name, "name", "", "a new `NAME`")
		f.StringVar(&o.from, "from", "", "when the new --target starts (default today)")
	} else {
		f.StringVar(&o.unit, "unit", "", "what amounts are counted in, such as km")
	}
}

func (a *app) goalAddCmd() *cobra.Command {
	var o goalFields
	cmd := &cobra.Command{
		Use:   "add NAME --target RATE",
		Short: "Add a goal",
		Long: `Add a goal measured your way. The target sets the unit: "30 min/day" makes
a minutes goal, "20 pages/week" a pages goal, "3 times/week" or "daily" a
check goal (a step means done for the day). "at most 2 cups/day" is a limit.`,
		Example: `  stride goal add walk --target "30 min/day" --smallest-step "walk 5 minutes"
  stride goal add read --target "20 pages/week" --why "to keep learning"
  stride goal add gym --target "3 times/week" --milestone 50 --milestone 100
  stride goal add coffee --target "at most 2 cups/day"`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			o.name = args[0]
			return a.runGoalAdd(cmd.Context(), o)
		}),
	}
	o.flags(cmd.Flags(), false)
	_ = cmd.MarkFlagRequired("target")
	return cmd
}

func (a *app) runGoalAdd(ctx context.Context, o goalFields) error {
	if err := stride.ValidateGoalName(o.name); err != nil {
		return err
	}
	t, dir, err := stride.ParseTarget(o.target)
	if err != nil {
		return err
	}
	g := &stride.Goal{
		Name: strings.TrimSpace(o.name), Why: o.why, DoneWhen: o.doneWhen, SmallestStep: o.smallest,
		Unit: t.Unit, Direction: dir, State: stride.GoalActive,
	}
	if o.unit != "" {
		if u := stride.NormalizeUnit(o.unit); !t.Count && t.Unit != "" && !stride.SameUnit(u, t.Unit) {
			return usagef("the target %q counts in %s, and --unit says %s: give the unit once, in the target or with --unit", o.target, t.Unit, u)
		}
		g.Unit = stride.NormalizeUnit(o.unit)
		if !t.Count {
			t.Unit = g.Unit
		}
	}
	// parse everything before opening the store: bad input writes nothing
	today := a.today()
	g.Start = today
	if o.start != "" {
		if g.Start, err = a.parseDate(o.start); err != nil {
			return err
		}
	}
	t.From = g.Start
	g.Target, g.Targets = t, []stride.Target{t}
	if o.doneWhenAmount != "" {
		v, err := stride.ParseAmount(o.doneWhenAmount, g.Unit)
		if err != nil {
			return err
		}
		g.DoneWhenAmount = &v
	}
	ms, err := parseMilestones(o.milestones, g.Unit)
	if err != nil {
		return err
	}
	for _, m := range ms {
		g.Milestones = append(g.Milestones, stride.Milestone{Amount: m})
	}
	if err := g.Validate(); err != nil {
		return err
	}
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	var parent *stride.Goal
	if o.parent != "" {
		if parent, err = a.findGoal(ctx, svc, o.parent); err != nil {
			return err
		}
		g.ParentID = &parent.ID
	}
	if err := svc.Goals.CreateGoal(ctx, g); err != nil {
		if stride.ErrorCode(err) == stride.ECONFLICT {
			return stride.Errorf(stride.ECONFLICT, "a goal named %q already exists: pick another name, or change it with: stride goal edit %s --target RATE",
				g.Name, shellQuote(g.Name))
		}
		return err
	}
	w := a.env.Stdout
	s := a.sty
	kind := "a check goal"
	if g.Unit != "" {
		kind = "counted in " + g.Unit
	}
	say(w, "%s %s: %s, %s, from %s.\n", s.green("Added"), s.bold(g.Name), words.Target(g, g.Target), kind, words.Day(g.Start))
	if parent != nil {
		fmt.Fprintln(w, hang("  ", "part of "+parent.Name))
	}
	if g.Why != "" {
		fmt.Fprintln(w, hang("  why: ", g.Why))
	}
	if g.SmallestStep != "" {
		fmt.Fprintln(w, hang("  smallest step: ", g.SmallestStep))
	}
	example := "stride log " + shellQuote(g.Name)
	if g.Unit != "" {
		example += " " + exampleAmount(g)
	}
	if g.Direction == stride.AtMost { // what was had is a record, not a step to urge
		say(w, "A day with nothing logged counts as within the limit.\nRecord what you have when you have it: %s\n", example)
		return nil
	}
	say(w, "Log a first step, however small: %s\n", example)
	return nil
}

// describeTarget writes a goal's target with its direction: "at most 2 cups/day".
func parseMilestones(vs []string, unit string) ([]float64, error) {
	var out []float64
	for _, v := range vs {
		for _, part := range strings.Split(v, ",") {
			if strings.TrimSpace(part) == "" {
				continue
			}
			m, err := stride.ParseAmount(part, unit)
			if err != nil {
				return nil, usageError{stride.Errorf(stride.EINVALID, "milestone: %s", stride.ErrorMessage(err))}
			}
			out = append(out, m)
		}
	}
	return out, nil
}

type goalListOptions struct {
	all  bool
	json bool
}

func (a *app) goalListCmd() *cobra.Command {
	var o goalListOptions
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List goals (active and paused; --all adds done and archived)",
		Args:    cobra.NoArgs,
		RunE:    a.run(func(cmd *cobra.Command, _ []string) error { return a.runGoalList(cmd.Context(), o) }),
	}
	o.flags(cmd.Flags())
	return cmd
}

func (o *goalListOptions) flags(f *pflag.FlagSet) {
	f.BoolVar(&o.all, "all", false, "include done and archived goals")
	f.BoolVar(&o.json, "json", false, "print the goals as JSON")
}

func (a *app) runGoalList(ctx context.Context, o goalListOptions) error {
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	f := stride.GoalFilter{States: []stride.GoalState{stride.GoalActive, stride.GoalPaused}}
	if o.all {
		f.States = nil
	}
	goals, err := svc.Goals.FindGoals(ctx, f)
	if err != nil {
		return err
	}
	a.currentTarget(goals...)
	if o.json {
		if goals == nil {
			goals = []*stride.Goal{}
		}
		return writeJSON(a.env.Stdout, goals)
	}
	if len(goals) == 0 {
		fmt.Fprintln(a.env.Stderr, `No goals here yet. Add one: stride goal add walk --target "30 min/day"`)
		return nil
	}
	// Each sub-goal under its parent; a done or archived parent of a goal
	// listed is listed too, so the sub-goal keeps its place.
	goals, depth, err := nestedGoals(ctx, svc, goals)
	if err != nil {
		return err
	}
	today := a.today()
	rows := [][]string{{"NAME", "TARGET", "STATE", "SINCE", "TOTAL"}}
	var toCome []string
	for _, g := range goals {
		if s := words.TargetsToCome(g, today); s != "" {
			toCome = append(toCome, g.Name+", "+s)
		}
		state := string(g.StateOn(today))
		if u := g.PausedUntil; g.StateOn(today) == stride.GoalPaused && u != nil {
			state += " to " + u.String()
			if u.Year() == today.Year() {
				state = "paused to " + u.String()[5:] // MM-DD
			}
		}
		total := words.Amount(g.Total, g.Unit)
		rows = append(rows, []string{indent(depth[g.ID]) + g.Name, words.Target(g, g.Target), state, g.Start.String(), total})
	}
	writeTable(a.env.Stdout, rows, 20)
	if len(toCome) > 0 {
		fmt.Fprintln(a.env.Stdout, wrap("Targets still to come: "+strings.Join(toCome, "; ")+".", "  ", lineWidth))
	}
	return nil
}

func (a *app) goalShowCmd() *cobra.Command {
	cmd := a.showCmd()
	cmd.Short = "Show a goal's history (same as stride show)"
	return cmd
}

func (a *app) goalEditCmd() *cobra.Command {
	var o goalFields
	cmd := &cobra.Command{
		Use:   "edit NAME [flags]",
		Short: "Change a goal: name, why, target, smallest step, milestones...",
		Long: `Change a goal. Only the flags given change. A new --target takes effect
from --from (default today): days before keep the target they had.`,
		Example: `  stride goal edit walk --target "40 min/day"
  stride goal edit read --name reading --why "for the joy of it"
  stride goal edit run --milestone 100 --milestone 500`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			return a.runGoalEdit(cmd.Context(), cmd.Flags(), args[0], o)
		}),
		ValidArgsFunction: a.completeGoals,
	}
	o.flags(cmd.Flags(), true)
	return cmd
}

func (a *app) runGoalEdit(ctx context.Context, f *pflag.FlagSet, name string, o goalFields) error {
	ctx, svc, g, err := a.openGoal(ctx, name)
	if err != nil {
		return err
	}
	today := a.today()
	var upd stride.GoalUpdate
	changed := 0
	set := func(flag string, v *string, dst **string) {
		if f.Changed(flag) {
			*dst = v
			changed++
		}
	}
	set("name", &o.name, &upd.Name)
	set("why", &o.why, &upd.Why)
	set("done-when", &o.doneWhen, &upd.DoneWhen)
	set("smallest-step", &o.smallest, &upd.SmallestStep)
	if upd.Name != nil {
		if err := stride.ValidateGoalName(*upd.Name); err != nil {
			return err
		}
	}
	if f.Changed("done-when-amount") {
		var v *float64
		if strings.TrimSpace(o.doneWhenAmount) != "" {
			x, err := stride.ParseAmount(o.doneWhenAmount, g.Unit)
			if err != nil {
				return err
			}
			v = &x
		}
		upd.DoneWhenAmount = &v
		changed++
	}
	if f.Changed("milestone") {
		ms, err := parseMilestones(o.milestones, g.Unit)
		if err != nil {
			return err
		}
		upd.Milestones = &ms
		changed++
	}
	if f.Changed("start") {
		d, err := a.parseDate(o.start)
		if err != nil {
			return err
		}
		upd.Start = &d
		changed++
	}
	var parent *stride.Goal // the new parent, when --parent names one
	if f.Changed("parent") {
		var pid *int64
		if o.parent != "" {
			p, err := a.findGoal(ctx, svc, o.parent)
			if err != nil {
				return err
			}
			if p.ID == g.ID {
				return usagef("a goal cannot be its own parent")
			}
			pid, parent = &p.ID, p
		}
		upd.ParentID = &pid
		changed++
	}
	var newTarget *stride.Target
	if f.Changed("target") {
		t, dir, err := stride.ParseTarget(o.target)
		if err != nil {
			return err
		}
		if dir != g.Direction {
			return usagef("target %q is %s but %s is %s: keep the direction, or add a new goal",
				o.target, dirWord(dir), g.Name, dirWord(g.Direction))
		}
		if !t.Count {
			// "5 km/week" on a minutes goal is a mistake, not 5 minutes
			if err := stride.ValidateTarget(t, g.Unit); err != nil {
				return err
			}
			t.Unit = g.Unit // the goal's spelling of the same unit
		}
		t.From = today
		if o.from != "" {
			if t.From, err = a.parseDate(o.from); err != nil {
				return err
			}
		}
		if err := stride.ValidateTarget(t, g.Unit); err != nil {
			return err
		}
		newTarget = &t
		changed++
	} else if f.Changed("from") {
		return usagef("--from says when a new --target takes effect: give --target too")
	}
	if changed == 0 {
		return usagef("nothing to change: give at least one flag, such as --target, --why or --name (see stride goal edit --help)")
	}
	upd.Target = newTarget
	// One write: every change, or none when one is refused.
	if g, err = svc.Goals.UpdateGoal(ctx, g.ID, upd); err != nil {
		if stride.ErrorCode(err) == stride.ECONFLICT && upd.Name != nil {
			return stride.Errorf(stride.ECONFLICT, "a goal named %q already exists: pick another name", *upd.Name)
		}
		return err
	}
	fmt.Fprintf(a.env.Stdout, "%s %s.\n", a.sty.green("Updated"), a.sty.bold(g.Name))
	switch {
	case parent != nil:
		fmt.Fprintln(a.env.Stdout, hang("  ", "part of "+parent.Name+"."))
	case upd.ParentID != nil:
		fmt.Fprintln(a.env.Stdout, "  a goal of its own now.")
	}
	if newTarget != nil {
		from := max(newTarget.From, g.Start) // as the store keeps it
		note := "days before keep the target they had"
		if from == g.Start {
			note = "its start"
		}
		fmt.Fprintf(a.env.Stdout, "  target %s from %s (%s).\n", words.Target(g, *newTarget), words.Day(from), note)
	}
	if g.DoneWhenMet != nil && g.EditsAfterMet >= 2 && g.State != stride.GoalDone {
		fmt.Fprintln(a.env.Stdout, a.sty.yellow(hang("  ", words.GoodEnoughNote(g, "stride goal done "+shellQuote(g.Name)))))
	}
	return nil
}

// goalMetCmd marks a goal's done-when met. "stride goal met read" reads as
// what it says; --clear takes the mark back.
func (a *app) goalMetCmd() *cobra.Command {
	var clear bool
	var date string
	cmd := &cobra.Command{
		Use:   "met NAME [--clear] [--date DATE]",
		Short: "Say a goal's done-when is met: stride then suggests finishing",
		Long: `Say a goal's done-when is met, in your judgement: "a 5 km run without
stopping" is met when you say so. (A done-when amount is marked met by
itself when the total reaches it.) stride then suggests finishing with
stride goal done, instead of inviting endless tweaking. --clear takes the
mark back.`,
		Example: `  stride goal met run
  stride goal met run --date yesterday
  stride goal met run --clear`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			day, err := a.pastDay(date, "a done-when is met on today or earlier")
			if err != nil {
				return err
			}
			ctx, svc, g, err := a.openGoal(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			w := a.env.Stdout
			finish := "stride goal done " + shellQuote(g.Name)
			switch {
			case clear && g.DoneWhenMet == nil:
				fmt.Fprintf(w, "The done-when of %s is not marked met; nothing to clear.\n", g.Name)
				return nil
			case clear:
				var none *stride.Date
				if _, err := svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{DoneWhenMet: &none}); err != nil {
					return err
				}
				fmt.Fprintf(w, "The done-when of %s is open again.\n", g.Name)
				return nil
			case g.DoneWhen == "" && g.DoneWhenAmount == nil:
				return usagef("%s has no done-when yet: say what complete looks like first, with stride goal edit %s --done-when TEXT",
					g.Name, shellQuote(g.Name))
			case g.DoneWhenMet != nil:
				fmt.Fprintf(w, "The done-when of %s was already met on %s.\n", g.Name, words.Day(*g.DoneWhenMet))
			default:
				met := &day
				if g, err = svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{DoneWhenMet: &met}); err != nil {
					return err
				}
				fmt.Fprintf(w, "%s The done-when of %s is met on %s.\n", a.sty.green("✓"), a.sty.bold(g.Name), words.Day(day))
				if g.DoneWhen != "" {
					fmt.Fprintln(w, hang("  done when: ", g.DoneWhen))
				}
			}
			if g.State != stride.GoalDone {
				fmt.Fprintf(w, "  When it feels complete, finish it: %s\n", finish)
			}
			return nil
		}),
		ValidArgsFunction: a.completeGoals,
	}
	cmd.Flags().BoolVar(&clear, "clear", false, "take the mark back: not met after all")
	cmd.Flags().StringVar(&date, "date", "", "the day it was met (default today)")
	return cmd
}

func dirWord(d stride.Direction) string {
	if d == stride.AtMost {
		return "a limit (at most)"
	}
	return "a floor (at least)"
}

func (a *app) goalPauseCmd() *cobra.Command {
	var until string
	cmd := &cobra.Command{
		Use:   "pause NAME [--until DATE]",
		Short: "Pause a goal: paused days hold momentum steady",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			ctx, svc, g, err := a.openGoal(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			today := a.today()
			var u *stride.Date
			if until != "" {
				d, err := a.parseDate(until)
				if err != nil {
					return err
				}
				if d <= today {
					return usagef("--until %s is not after today: give the day the goal starts again, such as %s", words.Day(d), today.AddDays(7))
				}
				u = &d
			}
			if g, err = svc.Goals.PauseGoal(ctx, g.ID, today, u); err != nil {
				return err
			}
			msg := fmt.Sprintf("Paused %s from %s", g.Name, words.Day(today))
			if u != nil {
				msg += fmt.Sprintf("; it starts again on %s", words.Day(*u))
			} else {
				msg += fmt.Sprintf("; start again with: stride goal resume %s", shellQuote(g.Name))
			}
			fmt.Fprintln(a.env.Stdout, msg+".")
			fmt.Fprintln(a.env.Stdout, "Paused days hold momentum steady. Rest is part of it.")
			return nil
		}),
		ValidArgsFunction: a.completeGoals,
	}
	cmd.Flags().StringVar(&until, "until", "", "the day the goal starts again (default: when resumed)")
	return cmd
}

func (a *app) goalResumeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "resume NAME",
		Short: "Resume a paused, done or archived goal",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			ctx, svc, g, err := a.openGoal(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			today := a.today()
			switch g.StateOn(today) {
			case stride.GoalActive:
				fmt.Fprintf(a.env.Stdout, "%s is already active.\n", g.Name)
				return nil
			case stride.GoalPaused:
				g, err = svc.Goals.ResumeGoal(ctx, g.ID, today)
			default:
				g, err = svc.Goals.SetGoalState(ctx, g.ID, stride.GoalActive)
			}
			if err != nil {
				return err
			}
			say(a.env.Stdout, "%s %s: it is back on the board from %s. Welcome back.",
				a.sty.green("Resumed"), a.sty.bold(g.Name), words.Day(today))
			return nil
		}),
		ValidArgsFunction: a.completeGoals,
	}
}

func (a *app) goalDoneCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "done NAME",
		Short: "Mark a goal done: it reached what you set as complete",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			ctx, svc, g, err := a.openGoal(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if g.State == stride.GoalDone {
				fmt.Fprintf(a.env.Stdout, "%s is already done.\n", g.Name)
				return nil
			}
			steps, err := svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &g.ID})
			if err != nil {
				return err
			}
			if g, err = svc.Goals.SetGoalState(ctx, g.ID, stride.GoalDone); err != nil {
				return err
			}
			days := map[stride.Date]bool{}
			effort := 0.0
			for _, s := range steps {
				days[s.Day] = true
				if s.Effort != nil {
					effort += *s.Effort
				}
			}
			w := a.env.Stdout
			fmt.Fprintf(w, "%s %s is done.\n", a.sty.green("✓"), a.sty.bold(g.Name))
			if g.DoneWhen != "" {
				fmt.Fprintln(w, hang("  done when: ", g.DoneWhen))
			}
			if len(steps) > 0 {
				what := fmt.Sprintf("%s on %s", words.Plural(len(steps), "step"), words.Plural(len(days), "day"))
				if g.Unit != "" {
					what += ", " + words.Amount(g.Total, g.Unit) + " in all"
				}
				if effort >= 1 {
					what += ", " + words.Amount(math.Round(effort), stride.MinutesUnit) + " of effort"
				}
				fmt.Fprintln(w, hang("  ", fmt.Sprintf("%s since %s.", what, words.Day(g.Start))))
			}
			fmt.Fprintln(w, a.sty.green(hang("  ", words.FinishedLine(g))))
			return nil
		}),
		ValidArgsFunction: a.completeGoals,
	}
}

func (a *app) goalArchiveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "archive NAME",
		Short: "Archive a goal: off the board, its record kept",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			ctx, svc, g, err := a.openGoal(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if g, err = svc.Goals.SetGoalState(ctx, g.ID, stride.GoalArchived); err != nil {
				return err
			}
			say(a.env.Stdout, "Archived %s: it leaves the board and its record stays. Bring it back with: stride goal resume %s\n",
				g.Name, shellQuote(g.Name))
			return nil
		}),
		ValidArgsFunction: a.completeGoals,
	}
}

func (a *app) goalDeleteCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete NAME [--yes]",
		Short: "Delete a goal with all its steps (archive keeps them)",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			ctx, svc, g, err := a.openGoal(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			steps, err := svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &g.ID})
			if err != nil {
				return err
			}
			what := fmt.Sprintf("%s and its %s", g.Name, words.Plural(len(steps), "step"))
			if !yes {
				if !a.env.StdinTTY {
					return usagef("deleting %s cannot be undone: add --yes to confirm (or keep the record with stride goal archive %s)",
						what, shellQuote(g.Name))
				}
				ok, err := a.confirm(fmt.Sprintf("Delete %s? This cannot be undone (archive keeps the record).", what))
				if err != nil || !ok {
					if err == nil {
						fmt.Fprintln(a.env.Stderr, "Nothing deleted.")
					}
					return err
				}
			}
			goals, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
			if err != nil {
				return err
			}
			if err := svc.Goals.DeleteGoal(ctx, g.ID); err != nil {
				return err
			}
			say(a.env.Stdout, "Deleted %s.\n", what)
			switch subs := stride.SubGoals(goals, g.ID); len(subs) { // the store keeps them, on their own
			case 0:
			case 1:
				say(a.env.Stdout, "Its sub-goal %s stays, as a goal of its own.\n", subs[0].Name)
			default:
				say(a.env.Stdout, "Its %d sub-goals stay, as goals of their own.\n", len(subs))
			}
			return nil
		}),
		ValidArgsFunction: a.completeGoals,
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "delete without asking")
	return cmd
}

func (a *app) skipCmd() *cobra.Command {
	var date string
	cmd := &cobra.Command{
		Use:   "skip GOAL [--date DATE]",
		Short: "Mark a planned rest day: momentum holds steady",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			ctx, svc, g, d, err := a.goalAndDay(cmd.Context(), args[0], date)
			if err != nil {
				return err
			}
			if err := svc.Goals.SkipDay(ctx, g.ID, d); err != nil {
				return err
			}
			say(a.env.Stdout, "%s is a rest day for %s: momentum holds steady. Enjoy it.\n", words.Day(d), g.Name)
			return nil
		}),
		ValidArgsFunction: a.completeGoals,
	}
	cmd.Flags().StringVar(&date, "date", "", "the rest day (default today): YYYY-MM-DD, tomorrow, mon...")
	return cmd
}

func (a *app) unskipCmd() *cobra.Command {
	var date string
	cmd := &cobra.Command{
		Use:   "unskip GOAL [--date DATE]",
		Short: "Remove a rest day",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			ctx, svc, g, d, err := a.goalAndDay(cmd.Context(), args[0], date)
			if err != nil {
				return err
			}
			if err := svc.Goals.UnskipDay(ctx, g.ID, d); err != nil {
				if stride.ErrorCode(err) == stride.ENOTFOUND {
					return stride.Errorf(stride.ENOTFOUND, "%s is not a rest day for %s", words.Day(d), g.Name)
				}
				return err
			}
			say(a.env.Stdout, "%s counts as a normal day for %s again.\n", words.Day(d), g.Name)
			return nil
		}),
		ValidArgsFunction: a.completeGoals,
	}
	cmd.Flags().StringVar(&date, "date", "", "the day (default today): YYYY-MM-DD, -3d, monday...")
	return cmd
}

// openGoal opens the store and finds the goal a command names.
func (a *app) openGoal(ctx context.Context, name string) (context.Context, *stride.Services, *stride.Goal, error) {
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	g, err := a.findGoal(ctx, svc, name)
	if err != nil {
		return nil, nil, nil, err
	}
	return ctx, svc, g, nil
}

// goalAndDay opens the store and resolves a goal name and a --date value
// (today when empty), for the commands that act on one day of one goal.
func (a *app) goalAndDay(ctx context.Context, name, date string) (context.Context, *stride.Services, *stride.Goal, stride.Date, error) {
	ctx, svc, g, err := a.openGoal(ctx, name)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	d, err := a.parseDate(date)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	return ctx, svc, g, d, nil
}

// confirm asks a yes/no question on the terminal; the answer defaults to no.
func (a *app) confirm(question string) (bool, error) {
	fmt.Fprintf(a.env.Stderr, "%s [y/N] ", question)
	var buf [64]byte
	n, err := a.env.Stdin.Read(buf[:])
	if n == 0 && err != nil {
		fmt.Fprintln(a.env.Stderr)
		return false, nil
	}
	ans := strings.ToLower(strings.TrimSpace(string(buf[:n])))
	return ans == "y" || ans == "yes", nil
}

// completeGoals completes goal names for the shells.
func (a *app) completeGoals(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ctx, svc, err := a.open(cmd.Context())
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	goals, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	names := make([]string, 0, len(goals))
	for _, g := range goals {
		names = append(names, g.Name)
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}
